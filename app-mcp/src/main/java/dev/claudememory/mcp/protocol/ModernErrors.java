package dev.claudememory.mcp.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The errors the 2026-07-28 revision defines for a request's {@code _meta}, worded for a person. */
public final class ModernErrors {
  private ModernErrors() {}

  /**
   * {@code -32022}: the request names a version not spoken without a handshake; {@code data} lists
   * every version spoken, for the client to retry with one.
   */
  public static ObjectNode unsupportedVersion(JsonNode id, String requested) {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    ArrayNode supported = data.putArray("supported");
    ProtocolVersion.EVERY.forEach(supported::add);
    data.put("requested", requested);
    String legacy =
        ProtocolVersion.SUPPORTED.contains(requested) ? "; " + requested + " is spoken after initialize" : "";
    return JsonRpc.error(
        id,
        JsonRpc.UNSUPPORTED_PROTOCOL_VERSION,
        "Unsupported protocol version: " + requested + " in params._meta; requests without a handshake speak "
            + ProtocolVersion.MODERN + legacy,
        data);
  }

  /** {@code -32602}: a modern {@code _meta} without one of its required fields, or with one malformed. */
  public static ObjectNode malformedMeta(JsonNode id, String problem) {
    return JsonRpc.error(
        id,
        JsonRpc.INVALID_PARAMS,
        "Invalid params: " + problem + " (protocol " + ProtocolVersion.MODERN
            + " requests carry their version and the client's capabilities)");
  }

  /** {@code -32602}: {@code server/discover} without the modern {@code _meta} it always carries. */
  public static ObjectNode discoverWithoutMeta(JsonNode id) {
    return JsonRpc.error(
        id,
        JsonRpc.INVALID_PARAMS,
        "Invalid params: server/discover needs params._meta with \"" + RequestEra.VERSION_KEY + "\" and \""
            + RequestEra.CAPABILITIES_KEY + "\" (protocol " + ProtocolVersion.MODERN + ")");
  }
}
