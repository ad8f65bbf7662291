package dev.claudememory.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The MCP server as a client starts it ({@code bin/claude-memory-mcp}), on the environment given,
 * spoken to over its stdin and stdout. Every stdout line is kept, so a test can check that nothing
 * but protocol messages was written there. Closing it ends the process.
 */
final class McpServerProcess implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final OutputStream stdin;
  private final BlockingQueue<JsonNode> answers = new LinkedBlockingQueue<>();
  private final List<String> stdoutLines = new CopyOnWriteArrayList<>();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private long nextId = 1;

  private McpServerProcess(Process process) {
    this.process = process;
    this.stdin = process.getOutputStream();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  stdoutLines.add(line);
                  try {
                    answers.add(JSON.readTree(line));
                  } catch (IOException e) {
                    // kept in stdoutLines, where the test sees it is no protocol message
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            "mcp-stdout");
    reader.setDaemon(true);
    reader.start();
    Thread errors =
        new Thread(
            () -> {
              try {
                process.getErrorStream().transferTo(stderr);
              } catch (IOException e) {
                // the process ended
              }
            },
            "mcp-stderr");
    errors.setDaemon(true);
    errors.start();
  }

  /** Starts the server with {@code MEMORY_HOME} and {@code HOME} as a hook of {@code folder} has them. */
  static McpServerProcess start(Path folder, Map<String, String> environment) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(HookProcess.pluginRoot().resolve("bin/claude-memory-mcp").toString());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("MEMORY_") || name.startsWith("CLAUDE_MEMORY_"));
    env.put("MEMORY_HOME", folder.resolve("memory-home").toString());
    env.put("HOME", folder.resolve("user-home").toString());
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.putAll(environment);
    McpServerProcess server = new McpServerProcess(builder.start());
    server.request(
        "initialize",
        JSON.readTree(
            "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}"));
    server.send(JSON.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/initialized"));
    return server;
  }

  /** The result of a tool call. */
  JsonNode callTool(String name, ObjectNode arguments) throws IOException, InterruptedException {
    ObjectNode params = JSON.createObjectNode().put("name", name);
    params.set("arguments", arguments == null ? JSON.createObjectNode() : arguments);
    return request("tools/call", params).path("result");
  }

  static ObjectNode arguments(String... namesAndValues) {
    ObjectNode arguments = JSON.createObjectNode();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      arguments.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return arguments;
  }

  private JsonNode request(String method, JsonNode params) throws IOException {
    long id = nextId++;
    ObjectNode message = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
    message.set("params", params);
    send(message);
    long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        JsonNode answer = answers.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (answer != null && answer.path("id").asLong(-1) == id) {
          return answer;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new AssertionError("no answer to " + method + " within " + ANSWER_TIMEOUT + "; stderr:\n" + stderr());
  }

  private void send(JsonNode message) {
    try {
      stdin.write((message.toString() + "\n").getBytes(StandardCharsets.UTF_8));
      stdin.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every line the server wrote to stdout so far. */
  List<String> stdoutLines() {
    return List.copyOf(stdoutLines);
  }

  String stderr() {
    return stderr.toString(StandardCharsets.UTF_8);
  }

  /** Ends the session as a client does: its stdin closed, then the process waited for. */
  @Override
  public void close() throws IOException, InterruptedException {
    try {
      stdin.close();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } finally {
      if (process.isAlive()) {
        process.destroyForcibly();
      }
    }
  }
}
