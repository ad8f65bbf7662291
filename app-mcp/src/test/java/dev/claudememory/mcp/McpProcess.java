package dev.claudememory.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The packaged MCP server as a real process, driven over its stdin and stdout like a client
 * would. Every stdout line is kept so tests can check that nothing but protocol messages
 * appeared; stderr is kept for diagnostics. Closing always ends the process.
 */
final class McpProcess implements AutoCloseable {
  static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final OutputStream stdin;
  private final List<String> stdoutLines = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, LinkedBlockingQueue<JsonNode>> answers = new ConcurrentHashMap<>();
  private final LinkedBlockingQueue<JsonNode> answersWithoutId = new LinkedBlockingQueue<>();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final AtomicLong nextId = new AtomicLong(1);

  private McpProcess(Process process) {
    this.process = process;
    this.stdin = process.getOutputStream();
    Thread reader = new Thread(this::readStdout, "mcp-stdout");
    reader.setDaemon(true);
    reader.start();
    Thread errors = new Thread(() -> copy(process.getErrorStream(), stderr), "mcp-stderr");
    errors.setDaemon(true);
    errors.start();
  }

  /** Starts the packaged server with {@code MEMORY_HOME} in the given folder and no API key. */
  static McpProcess start(Path home, Map<String, String> extraEnvironment) throws IOException {
    String jar = System.getProperty("mcp.jar");
    if (jar == null) {
      throw new IllegalStateException("system property mcp.jar is not set: run as an IT under failsafe");
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder =
        new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar);
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("MEMORY_") || name.startsWith("CLAUDE_MEMORY_"));
    environment.put("MEMORY_HOME", home.toString());
    environment.putAll(extraEnvironment);
    return new McpProcess(builder.start());
  }

  static McpProcess start(Path home) throws IOException {
    return start(home, Map.of());
  }

  /** Sends {@code initialize} and {@code notifications/initialized}; returns the result. */
  JsonNode initialize(String protocolVersion) throws IOException {
    ObjectNode params = JSON.createObjectNode();
    params.put("protocolVersion", protocolVersion);
    params.putObject("capabilities");
    params.putObject("clientInfo").put("name", "it").put("version", "1");
    JsonNode result = request("initialize", params).get("result");
    notify("notifications/initialized", null);
    return result;
  }

  /** Sends a request and waits for its answer (the whole response message). */
  JsonNode request(String method, JsonNode params) throws IOException {
    return await(send(method, params));
  }

  /** Sends a request without waiting; returns its id. */
  long send(String method, JsonNode params) throws IOException {
    long id = nextId.getAndIncrement();
    ObjectNode message = JSON.createObjectNode();
    message.put("jsonrpc", "2.0");
    message.put("id", id);
    message.put("method", method);
    if (params != null) {
      message.set("params", params);
    }
    writeLine(JSON.writeValueAsString(message));
    return id;
  }

  void notify(String method, JsonNode params) throws IOException {
    ObjectNode message = JSON.createObjectNode();
    message.put("jsonrpc", "2.0");
    message.put("method", method);
    if (params != null) {
      message.set("params", params);
    }
    writeLine(JSON.writeValueAsString(message));
  }

  /** Calls a tool and returns its result object ({@code content}, {@code isError}, …). */
  JsonNode callTool(String name, JsonNode arguments) throws IOException {
    JsonNode response = request("tools/call", toolParams(name, arguments));
    if (!response.has("result")) {
      throw new AssertionError("tools/call " + name + " got no result: " + response);
    }
    return response.get("result");
  }

  static ObjectNode toolParams(String name, JsonNode arguments) {
    ObjectNode params = JSON.createObjectNode();
    params.put("name", name);
    if (arguments != null) {
      params.set("arguments", arguments);
    }
    return params;
  }

  static String text(JsonNode toolResult) {
    return toolResult.get("content").get(0).get("text").asText();
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  void writeLine(String line) throws IOException {
    writeRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
  }

  synchronized void writeRaw(byte[] bytes) throws IOException {
    stdin.write(bytes);
    stdin.flush();
  }

  JsonNode await(long id) {
    return poll(answers.computeIfAbsent(Long.toString(id), key -> new LinkedBlockingQueue<>()), "id " + id);
  }

  /** The next answer whose id is null (errors for lines that carried no usable id). */
  JsonNode awaitAnswerWithoutId() {
    return poll(answersWithoutId, "an answer with a null id");
  }

  private JsonNode poll(LinkedBlockingQueue<JsonNode> queue, String what) {
    try {
      JsonNode answer = queue.poll(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (answer == null) {
        throw new AssertionError("no answer for " + what + " within " + ANSWER_TIMEOUT + "; stderr:\n" + stderr());
      }
      return answer;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Closes stdin and waits for the process to exit on its own; returns its exit code. */
  int closeInputAndWait(Duration bound) throws IOException, InterruptedException {
    stdin.close();
    if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the server did not exit within " + bound + " after EOF");
    }
    return process.exitValue();
  }

  Process process() {
    return process;
  }

  List<String> stdoutLines() {
    synchronized (stdoutLines) {
      return List.copyOf(stdoutLines);
    }
  }

  String stderr() {
    synchronized (stderr) {
      return stderr.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() throws InterruptedException {
    try {
      stdin.close();
    } catch (IOException e) {
      // already closed
    }
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private void readStdout() {
    try (var reader =
        new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        stdoutLines.add(line);
        JsonNode message;
        try {
          message = JSON.readTree(line);
        } catch (IOException e) {
          continue; // kept in stdoutLines; the protocol-only check reports it
        }
        JsonNode id = message.get("id");
        if (id == null || id.isNull()) {
          answersWithoutId.add(message);
        } else {
          answers.computeIfAbsent(id.asText(), key -> new LinkedBlockingQueue<>()).add(message);
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  private static void copy(InputStream from, ByteArrayOutputStream to) {
    byte[] buffer = new byte[8192];
    try {
      int read;
      while ((read = from.read(buffer)) >= 0) {
        synchronized (to) {
          to.write(buffer, 0, read);
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }
}
