package dev.claudememory.bench.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small MCP client over a server's stdin and stdout. It reads answers on the calling thread (no
 * hand-off between threads on the measured path), and requests can be prepared ahead so a timed
 * round trip is one write and one read. Every wait is bounded by the server's {@link Watchdog}.
 *
 * <p>Not thread-safe: one caller at a time.
 */
public final class McpClient {
  static final String PROTOCOL_VERSION = "2025-06-18";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final OutputStream requests;
  private final LineInput answers;
  private final Watchdog watchdog;
  private final Duration answerBound;
  private final Map<Long, JsonNode> readAhead = new HashMap<>();
  private long nextId = 1;

  McpClient(OutputStream requests, LineInput answers, Watchdog watchdog, Duration answerBound) {
    this.requests = requests;
    this.answers = answers;
    this.watchdog = watchdog;
    this.answerBound = answerBound;
  }

  /** A request ready to send: its id and its line, newline included. */
  public record Call(long id, String method, byte[] line) {}

  /**
   * A tool's answer.
   *
   * @param structuredContent the answer's {@code structuredContent}, or a missing node when it has none
   */
  public record ToolResult(boolean isError, String text, JsonNode structuredContent) {}

  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** {@code initialize}, waiting for its answer, then {@code notifications/initialized}. */
  public JsonNode initialize() throws IOException {
    ObjectNode params = object();
    params.put("protocolVersion", PROTOCOL_VERSION);
    params.putObject("capabilities");
    params.putObject("clientInfo").put("name", "claude-memory-bench").put("version", "1");
    JsonNode result = resultOf(call(prepare("initialize", params)));
    send(line(null, "notifications/initialized", null));
    return result;
  }

  /** The names of the tools the server offers. */
  public List<String> toolNames() throws IOException {
    List<String> names = new ArrayList<>();
    for (JsonNode tool : resultOf(call(prepare("tools/list", null))).path("tools")) {
      names.add(tool.path("name").asText());
    }
    return names;
  }

  /** A {@code tools/call} request, prepared so sending it later costs only the write. */
  public Call prepareToolCall(String tool, ObjectNode arguments) {
    ObjectNode params = object();
    params.put("name", tool);
    params.set("arguments", arguments);
    return prepare("tools/call", params);
  }

  public ToolResult callTool(String tool, ObjectNode arguments) throws IOException {
    return toolResult(call(prepareToolCall(tool, arguments)));
  }

  /** Sends a prepared request and waits for its answer (the whole response message). */
  public JsonNode call(Call call) throws IOException {
    send(call.line());
    return await(call);
  }

  /** Sends prepared tool calls in one write, without waiting; then {@link #awaitAll}. */
  void sendAll(List<Call> calls) throws IOException {
    ByteArrayOutputStream batch = new ByteArrayOutputStream();
    for (Call call : calls) {
      batch.write(call.line());
    }
    send(batch.toByteArray());
  }

  /** Waits for the answers of calls sent earlier, in any order. */
  List<ToolResult> awaitAll(List<Call> calls) throws IOException {
    List<ToolResult> results = new ArrayList<>(calls.size());
    for (Call call : calls) {
      results.add(toolResult(await(call)));
    }
    return results;
  }

  /** The tool result of a {@code tools/call} answer; a protocol error fails the run. */
  public static ToolResult toolResult(JsonNode answer) {
    JsonNode result = resultOf(answer);
    StringBuilder text = new StringBuilder();
    for (JsonNode content : result.path("content")) {
      text.append(content.path("text").asText());
    }
    return new ToolResult(result.path("isError").asBoolean(false), text.toString(), result.path("structuredContent"));
  }

  private static JsonNode resultOf(JsonNode answer) {
    if (!answer.has("result")) {
      throw new BenchFailure("the server answered with an error: " + answer);
    }
    return answer.get("result");
  }

  private Call prepare(String method, ObjectNode params) {
    long id = nextId++;
    return new Call(id, method, line(id, method, params));
  }

  private static byte[] line(Long id, String method, ObjectNode params) {
    ObjectNode message = object();
    message.put("jsonrpc", "2.0");
    if (id != null) {
      message.put("id", id);
    }
    message.put("method", method);
    if (params != null) {
      message.set("params", params);
    }
    try {
      byte[] json = JSON.writeValueAsBytes(message);
      byte[] line = new byte[json.length + 1];
      System.arraycopy(json, 0, line, 0, json.length);
      line[json.length] = '\n';
      return line;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void send(byte[] bytes) throws IOException {
    requests.write(bytes);
    requests.flush();
  }

  private JsonNode await(Call call) throws IOException {
    JsonNode early = readAhead.remove(call.id());
    if (early != null) {
      return early;
    }
    watchdog.arm(answerBound);
    try {
      while (true) {
        byte[] line = answers.next();
        if (line == null) {
          throw new BenchFailure(
              watchdog.fired()
                  ? "no answer to " + call.method() + " within " + answerBound.toSeconds() + " s: the server was stopped"
                  : "the server closed its output before answering " + call.method());
        }
        JsonNode message = JSON.readTree(line);
        JsonNode id = message.get("id");
        if (id == null || id.isNull()) {
          if (message.has("error")) {
            throw new BenchFailure("the server reported a protocol error: " + message);
          }
          continue; // a notification
        }
        if (id.asLong() == call.id()) {
          return message;
        }
        readAhead.put(id.asLong(), message);
      }
    } finally {
      watchdog.disarm();
    }
  }
}
