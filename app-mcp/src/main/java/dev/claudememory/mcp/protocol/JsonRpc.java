package dev.claudememory.mcp.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;

/** JSON-RPC 2.0 message shapes and error codes. */
public final class JsonRpc {
  public static final int PARSE_ERROR = -32700;
  public static final int INVALID_REQUEST = -32600;
  public static final int METHOD_NOT_FOUND = -32601;
  public static final int INVALID_PARAMS = -32602;
  public static final int INTERNAL_ERROR = -32603;
  /** MCP 2026-07-28: the request names a protocol version the server does not speak so. */
  public static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonRpc() {}

  public static ObjectNode result(JsonNode id, JsonNode result) {
    ObjectNode response = envelope(id);
    response.set("result", result);
    return response;
  }

  /** A result whose value is JSON text already. */
  public static ObjectNode result(JsonNode id, String resultJson) {
    ObjectNode response = envelope(id);
    response.putRawValue("result", new RawValue(resultJson));
    return response;
  }

  public static ObjectNode error(JsonNode id, int code, String message) {
    ObjectNode response = envelope(id);
    ObjectNode error = response.putObject("error");
    error.put("code", code);
    error.put("message", message);
    return response;
  }

  /** An error with a {@code data} member saying more, for the client to act on. */
  public static ObjectNode error(JsonNode id, int code, String message, JsonNode data) {
    ObjectNode response = error(id, code, message);
    ((ObjectNode) response.get("error")).set("data", data);
    return response;
  }

  private static ObjectNode envelope(JsonNode id) {
    ObjectNode response = NODES.objectNode();
    response.put("jsonrpc", "2.0");
    response.set("id", id == null ? NullNode.getInstance() : id);
    return response;
  }

  /** A request id must be a string or an integer (JSON-RPC allows null, MCP does not). */
  public static boolean isValidId(JsonNode id) {
    return id.isTextual() || id.isIntegralNumber();
  }
}
