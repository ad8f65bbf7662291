package dev.claudememory.mcp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.config.SettingsParser;
import dev.claudememory.core.InvalidInputException;
import dev.claudememory.core.MemoryException;
import dev.claudememory.mcp.protocol.HandshakeRequest;
import dev.claudememory.mcp.protocol.InputLine;
import dev.claudememory.mcp.protocol.JsonRpc;
import dev.claudememory.mcp.protocol.LineReader;
import dev.claudememory.mcp.protocol.ModernErrors;
import dev.claudememory.mcp.protocol.ParseErrors;
import dev.claudememory.mcp.protocol.ProtocolVersion;
import dev.claudememory.mcp.protocol.ProtocolWriter;
import dev.claudememory.mcp.protocol.RequestEra;
import dev.claudememory.mcp.protocol.ResultLine;
import dev.claudememory.mcp.protocol.TopLevelId;
import dev.claudememory.mcp.tools.Arguments;
import dev.claudememory.mcp.tools.Tool;
import dev.claudememory.mcp.tools.ToolCatalog;
import dev.claudememory.mcp.tools.ToolResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The MCP server over one pair of streams: reads JSON-RPC lines, answers the handshake, discovery
 * and tool listing at once, runs tool calls on worker threads (so many can be in flight over one
 * connection), and keeps serving whatever a line holds.
 *
 * <p>It speaks both eras of MCP, as the 2026-07-28 revision has a dual-era server do: a request
 * whose {@code _meta} names a protocol version is served statelessly by that revision; any other
 * request is served by the legacy revision the process's {@code initialize} settled (the newest
 * until then).
 */
final class McpServer {
  /** Looked up when first needed: logging starts up slowly and the handshake needs none. */
  private static System.Logger log() {
    return System.getLogger(McpServer.class.getName());
  }
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ToolCatalog catalog;
  private final ServiceHandle services;
  private final ProtocolWriter writer;
  private final JsonFactory streaming;
  private final Supplier<ObjectMapper> mapper;
  private final ExecutorService toolExecutor;
  private final HandshakeAnswers handshake;
  private final AfterHandshake backgroundStart;
  private final ToolResultJson results;
  /** Tool calls in flight, by request id; true once the client cancelled it (no answer then). */
  private final Map<String, Boolean> toolCallsInFlight = new ConcurrentHashMap<>();
  private volatile String protocolVersion = ProtocolVersion.LATEST;

  /**
   * @param streaming reads and writes the handshake, which needs no object mapper
   * @param mapper reads every other message; asked for only then, as it is slow to start
   * @param backgroundStart released once {@code tools/list} is answered
   */
  McpServer(
      ToolCatalog catalog,
      ServiceHandle services,
      ProtocolWriter writer,
      JsonFactory streaming,
      Supplier<ObjectMapper> mapper,
      ExecutorService toolExecutor,
      String serverVersion,
      AfterHandshake backgroundStart) {
    this.catalog = catalog;
    this.services = services;
    this.writer = writer;
    this.streaming = streaming;
    this.mapper = mapper;
    this.toolExecutor = toolExecutor;
    this.handshake = new HandshakeAnswers(catalog, serverVersion, streaming);
    this.backgroundStart = backgroundStart;
    this.results = new ToolResultJson(serverVersion);
  }

  /** Serves until the client closes its end. */
  void serve(LineReader reader) throws IOException {
    Optional<InputLine> line;
    while ((line = reader.next()).isPresent()) {
      handle(line.get());
    }
  }

  /** Lets the calls in flight finish, within the bound. */
  void finish(Duration bound) {
    toolExecutor.shutdown();
    try {
      if (!toolExecutor.awaitTermination(bound.toMillis(), TimeUnit.MILLISECONDS)) {
        log().log(Level.WARNING, "tool calls still running at shutdown were abandoned");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void handle(InputLine line) {
    if (line instanceof InputLine.TooLong) {
      long bytes = ((InputLine.TooLong) line).bytes();
      writer.send(
          JsonRpc.error(
              null, JsonRpc.INVALID_REQUEST, "Invalid Request: message of " + bytes + " bytes is over the limit"));
    } else if (line instanceof InputLine.InvalidUtf8) {
      writer.send(JsonRpc.error(null, JsonRpc.PARSE_ERROR, "Parse error: the line is not valid UTF-8"));
    } else if (line instanceof InputLine.Text) {
      String text = ((InputLine.Text) line).text();
      try {
        handleText(text);
      } catch (Error e) {
        // the stack or the heap ran out on this line (a tree of millions of values): once its
        // frames are gone the memory is free again, so the line is answered and the session goes on
        log().log(Level.ERROR, () -> "a message could not be handled: " + e);
        log().log(Level.DEBUG, () -> "a message could not be handled", e);
        writer.send(
            JsonRpc.error(
                TopLevelId.read(streaming, text).orElse(null),
                JsonRpc.INTERNAL_ERROR,
                "Internal error: the message could not be handled (" + e.getClass().getSimpleName()
                    + "); send less at once"));
      }
    } else {
      throw new AssertionError(line);
    }
  }

  private void handleText(String text) {
    Optional<HandshakeRequest> handshakeRequest = HandshakeRequest.read(streaming, text);
    if (handshakeRequest.isPresent() && answeredAtOnce(handshakeRequest.get())) {
      answerHandshake(handshakeRequest.get());
      return;
    }
    JsonNode message;
    try {
      message = mapper.get().readTree(text);
    } catch (JsonProcessingException e) {
      writer.send(JsonRpc.error(null, JsonRpc.PARSE_ERROR, ParseErrors.describe(e)));
      return;
    }
    if (message != null && message.isArray()) {
      handleBatch((ArrayNode) message);
    } else {
      handleMessage(message, Reply.onItsOwnLine(writer));
    }
  }

  /**
   * An array of messages: a batch in protocol 2025-03-26, whose members are handled as lines of
   * their own would be and answered together; an invalid request in every other revision.
   */
  private void handleBatch(ArrayNode batch) {
    if (!ProtocolVersion.hasBatches(protocolVersion)) {
      writer.send(
          JsonRpc.error(
              null,
              JsonRpc.INVALID_REQUEST,
              "Invalid Request: protocol " + protocolVersion + " has no batches; send one JSON object per line"));
      return;
    }
    if (batch.isEmpty()) {
      writer.send(JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "Invalid Request: an empty batch"));
      return;
    }
    BatchReply replies = new BatchReply(writer, batch.size());
    for (int i = 0; i < batch.size(); i++) {
      JsonNode member = batch.get(i);
      Reply reply = replies.member(i);
      if ("initialize".equals(member.path("method").textValue())) {
        JsonNode id = member.get("id");
        reply.send(
            JsonRpc.error(
                id != null && JsonRpc.isValidId(id) ? id : null,
                JsonRpc.INVALID_REQUEST,
                "Invalid Request: initialize cannot be part of a batch; send it on a line of its own"));
      } else {
        handleMessage(member, reply);
      }
    }
  }

  private void handleMessage(JsonNode message, Reply reply) {
    if (message == null || !message.isObject()) {
      reply.send(
          JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "Invalid Request: expected one JSON object"));
      return;
    }
    JsonNode id = message.get("id");
    JsonNode method = message.get("method");
    if (method == null && (message.has("result") || message.has("error"))) {
      reply.none(); // a response to a request we never send: nothing to answer
      return;
    }
    boolean validId = id == null || JsonRpc.isValidId(id);
    // the string "2.0": asText() would also let the number 2.0 through
    if (!"2.0".equals(message.path("jsonrpc").textValue())
        || method == null
        || !method.isTextual()
        || !validId) {
      reply.send(
          JsonRpc.error(
              validId ? id : null,
              JsonRpc.INVALID_REQUEST,
              "Invalid Request: expected {\"jsonrpc\":\"2.0\", \"method\": string, \"id\": string or integer}"));
      return;
    }
    JsonNode params = message.get("params");
    if (id == null) {
      handleNotification(method.textValue(), params);
      reply.none();
    } else {
      handleRequest(id, method.textValue(), params, reply);
    }
  }

  /**
   * Whether the streaming path answers the request: every legacy one it read, and a modern {@code
   * server/discover} or {@code tools/list} in the modern revision. The others (a version we do not
   * speak so, a method the modern revision does not have) get their errors from the full path.
   */
  private static boolean answeredAtOnce(HandshakeRequest request) {
    return request.modernVersion().isEmpty()
        || request.modernVersion().get().equals(ProtocolVersion.MODERN)
            && (request.method().equals("server/discover") || request.method().equals("tools/list"));
  }

  private void answerHandshake(HandshakeRequest request) {
    if (request.id().isEmpty()) {
      return; // notifications/initialized, or a request sent as a notification: nothing to answer
    }
    String result;
    switch (request.method()) {
      case "initialize":
        protocolVersion = ProtocolVersion.negotiate(request.protocolVersion().orElse(null));
        result = handshake.initializeResult(protocolVersion);
        break;
      case "tools/list":
        result = handshake.toolsListResult(request.modernVersion().orElse(protocolVersion));
        break;
      case "ping":
        result = "{}";
        break;
      case "server/discover":
        result = handshake.discoverResult();
        break;
      default:
        throw new AssertionError(request.method());
    }
    writer.sendJson(ResultLine.of(streaming, request.id().get(), result));
    if (request.method().equals("tools/list")) {
      backgroundStart.release();
    }
  }

  private void handleNotification(String method, JsonNode params) {
    if ("notifications/cancelled".equals(method) && params != null && params.has("requestId")) {
      // only a call still in flight can be cancelled; a late cancellation changes nothing
      toolCallsInFlight.replace(params.get("requestId").toString(), true);
    }
    // notifications/initialized and any other notification need no answer
  }

  private void handleRequest(JsonNode id, String method, JsonNode params, Reply reply) {
    try {
      answer(id, method, params, reply);
    } catch (UncheckedIOException e) {
      throw e; // the client's end is gone: serving ends
    } catch (RuntimeException e) {
      // a fault answering one request must not end the session
      log().log(Level.ERROR, () -> method + " failed unexpectedly", e);
      reply.send(JsonRpc.error(id, JsonRpc.INTERNAL_ERROR, "Internal error: " + method + " failed"));
    }
  }

  private void answer(JsonNode id, String method, JsonNode params, Reply reply) {
    RequestEra era = RequestEra.of(params);
    if (era instanceof RequestEra.Malformed) {
      reply.send(ModernErrors.malformedMeta(id, ((RequestEra.Malformed) era).problem()));
    } else if (era instanceof RequestEra.Modern) {
      answerModern(id, method, params, ((RequestEra.Modern) era).version(), reply);
    } else if (era instanceof RequestEra.Legacy) {
      answerLegacy(id, method, params, reply);
    } else {
      throw new AssertionError(era);
    }
  }

  private void answerLegacy(JsonNode id, String method, JsonNode params, Reply reply) {
    switch (method) {
      case "initialize":
        String requested = params == null ? null : params.path("protocolVersion").asText(null);
        protocolVersion = ProtocolVersion.negotiate(requested);
        reply.send(JsonRpc.result(id, handshake.initializeResult(protocolVersion)));
        break;
      case "ping":
        reply.send(JsonRpc.result(id, NODES.objectNode()));
        break;
      case "tools/list":
        reply.send(JsonRpc.result(id, handshake.toolsListResult(protocolVersion)));
        backgroundStart.release();
        break;
      case "tools/call":
        callTool(id, params, reply, protocolVersion);
        break;
      case "server/discover":
        reply.send(ModernErrors.discoverWithoutMeta(id));
        break;
      default:
        reply.send(JsonRpc.error(id, JsonRpc.METHOD_NOT_FOUND, "Method not found: " + method));
    }
  }

  /** A request of the stateless revision: everything it needs is in the request. */
  private void answerModern(JsonNode id, String method, JsonNode params, String version, Reply reply) {
    if (!version.equals(ProtocolVersion.MODERN)) {
      reply.send(ModernErrors.unsupportedVersion(id, version));
      return;
    }
    switch (method) {
      case "server/discover":
        reply.send(JsonRpc.result(id, handshake.discoverResult()));
        break;
      case "tools/list":
        reply.send(JsonRpc.result(id, handshake.toolsListResult(version)));
        backgroundStart.release();
        break;
      case "tools/call":
        callTool(id, params, reply, version);
        break;
      default:
        // initialize, ping and logging/setLevel among them: protocol 2026-07-28 has none of these
        reply.send(
            JsonRpc.error(
                id, JsonRpc.METHOD_NOT_FOUND, "Method not found: " + method + " (protocol " + version + ")"));
    }
  }

  private void callTool(JsonNode id, JsonNode params, Reply reply, String version) {
    JsonNode name = params == null ? null : params.get("name");
    if (name == null || !name.isTextual()) {
      reply.send(
          JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "Invalid params: tools/call needs a tool name"));
      return;
    }
    JsonNode arguments = params.get("arguments");
    if (ProtocolVersion.isModern(version)) {
      // the revision's protocol errors; the legacy revisions keep them as error results, which
      // their clients pass on to the model
      if (catalog.find(name.textValue()).isEmpty()) {
        reply.send(
            JsonRpc.error(
                id,
                JsonRpc.INVALID_PARAMS,
                "Unknown tool: " + name.textValue() + ". Available tools: " + catalog.names()));
        return;
      }
      if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
        reply.send(
            JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "Invalid params: 'arguments' must be a JSON object"));
        return;
      }
    }
    Runnable call =
        () -> {
          ToolResult result = run(name.textValue(), arguments);
          if (Boolean.TRUE.equals(toolCallsInFlight.remove(id.toString()))) {
            reply.none(); // cancelled by the client: no answer
          } else {
            reply.send(JsonRpc.result(id, results.render(result, version)));
          }
        };
    toolCallsInFlight.put(id.toString(), false);
    try {
      toolExecutor.execute(call);
    } catch (RejectedExecutionException e) {
      toolCallsInFlight.remove(id.toString());
      reply.send(JsonRpc.error(id, JsonRpc.INTERNAL_ERROR, "The server is shutting down"));
    }
  }

  private ToolResult run(String name, JsonNode arguments) {
    Optional<Tool> tool = catalog.find(name);
    if (tool.isEmpty()) {
      return ToolResult.error("Unknown tool '" + name + "'. Available tools: " + catalog.names());
    }
    if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
      return ToolResult.error("Invalid arguments: 'arguments' must be a JSON object");
    }
    ObjectNode values = arguments == null || arguments.isNull() ? NODES.objectNode() : (ObjectNode) arguments;
    try {
      return tool.get().call(catalog.argumentsFor(tool.get(), values), services.await());
    } catch (InvalidInputException e) {
      if (SettingsParser.isVariable(e.field())) {
        // the server's own setting, read when the database opens: not something the assistant
        // can fix by changing the call's arguments
        return ToolResult.error(
            "Configuration error: " + e.getMessage() + ". Fix it in the memory server's environment"
                + " (the env of its MCP configuration) and restart the server; the call's arguments"
                + " are not at fault.");
      }
      return ToolResult.error("Invalid input: " + e.getMessage());
    } catch (MemoryException e) {
      // the database's trouble (full disk, read-only or damaged file) or the API's repeats at
      // every call, and the message says what happened and what to do: the trace is for debugging
      log().log(Level.WARNING, () -> name + " failed: " + e.getMessage());
      log().log(Level.DEBUG, () -> name + " failed", e);
      return ToolResult.error("Error: " + e.getMessage());
    } catch (RuntimeException e) {
      log().log(Level.ERROR, () -> name + " failed unexpectedly", e);
      return ToolResult.error("Internal error in " + name + ": " + e.getClass().getSimpleName());
    } catch (Error e) {
      // the stack or the heap ran out in this call: it is answered, and the next calls are served
      log().log(Level.ERROR, () -> name + " failed: " + e);
      log().log(Level.DEBUG, () -> name + " failed", e);
      return ToolResult.error(
          "Internal error in " + name + ": " + e.getClass().getSimpleName()
              + "; the server goes on serving: try again with less at once");
    }
  }

}
