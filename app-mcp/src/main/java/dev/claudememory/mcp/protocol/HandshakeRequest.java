package dev.claudememory.mcp.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * A well-formed request or notification a client opens with ({@code initialize}, {@code
 * notifications/initialized}, {@code tools/list}, {@code ping}, {@code server/discover}), read
 * with the streaming parser alone: answering them needs no object mapper, whose start-up would
 * otherwise delay the first answers. Anything else, and anything unusual (a modern {@code _meta}
 * missing a field, {@code server/discover} without one), is left to the full parser, which also
 * words the errors.
 *
 * @param id the request id, empty for a notification
 * @param protocolVersion the version {@code initialize} asks for, if it names one
 * @param modernVersion the version a modern request names in its {@code _meta}, which then also
 *     holds the client's capabilities; empty for a legacy request
 */
public record HandshakeRequest(
    Optional<RequestId> id, String method, Optional<String> protocolVersion, Optional<String> modernVersion) {
  private static final Set<String> REQUESTS = Set.of("initialize", "tools/list", "ping", "server/discover");
  private static final String INITIALIZED = "notifications/initialized";
  private static final String DISCOVER = "server/discover";

  public HandshakeRequest {
    requireNonNull(id, "id");
    requireNonNull(method, "method");
    requireNonNull(protocolVersion, "protocolVersion");
    requireNonNull(modernVersion, "modernVersion");
  }

  /** A request id as JSON-RPC allows it here: a string or an integer within a long. */
  public sealed interface RequestId {}

  public record TextId(String value) implements RequestId {}

  public record NumberId(long value) implements RequestId {}

  /** The handshake request this line holds; empty for anything the full parser must see. */
  public static Optional<HandshakeRequest> read(JsonFactory factory, String line) {
    try (JsonParser parser = factory.createParser(line)) {
      return read(parser);
    } catch (IOException e) {
      return Optional.empty(); // malformed: the full parser says how
    }
  }

  private static Optional<HandshakeRequest> read(JsonParser parser) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      return Optional.empty();
    }
    String jsonrpc = null;
    String method = null;
    RequestId id = null;
    Params params = Params.NONE;
    boolean sawParams = false;
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (name) {
        case "jsonrpc":
          if (jsonrpc != null || value != JsonToken.VALUE_STRING) {
            return Optional.empty();
          }
          jsonrpc = parser.getText();
          break;
        case "method":
          if (method != null || value != JsonToken.VALUE_STRING) {
            return Optional.empty();
          }
          method = parser.getText();
          break;
        case "id":
          if (id != null) {
            return Optional.empty();
          }
          if (value == JsonToken.VALUE_STRING) {
            id = new TextId(parser.getText());
          } else if (value == JsonToken.VALUE_NUMBER_INT
              && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            id = new NumberId(parser.getLongValue());
          } else {
            return Optional.empty();
          }
          break;
        case "params":
          if (sawParams || value != JsonToken.START_OBJECT) {
            return Optional.empty();
          }
          sawParams = true;
          params = readParams(parser);
          break;
        case "result":
        case "error":
          return Optional.empty(); // a response: the full path decides
        default:
          parser.skipChildren();
      }
    }
    if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
      return Optional.empty();
    }
    // the initialized notification sent with an id is a request for a method that does not exist
    boolean handshake =
        method != null && (REQUESTS.contains(method) || INITIALIZED.equals(method) && id == null);
    if (!"2.0".equals(jsonrpc) || !handshake || params.unusual()) {
      return Optional.empty();
    }
    if (DISCOVER.equals(method) && params.modernVersion().isEmpty()) {
      return Optional.empty(); // a modern request without its _meta: the full path refuses it
    }
    return Optional.of(
        new HandshakeRequest(Optional.ofNullable(id), method, params.protocolVersion(), params.modernVersion()));
  }

  /**
   * What the params object says about versions.
   *
   * @param unusual whether its {@code _meta} holds only one of the modern fields, or one of the
   *     wrong type
   */
  private record Params(Optional<String> protocolVersion, Optional<String> modernVersion, boolean unusual) {
    static final Params NONE = new Params(Optional.empty(), Optional.empty(), false);
  }

  /** Reads the params object to its end, keeping a string {@code protocolVersion} and the {@code _meta}. */
  private static Params readParams(JsonParser parser) throws IOException {
    Optional<String> version = Optional.empty();
    Params meta = Params.NONE;
    boolean sawMeta = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if ("protocolVersion".equals(name) && value == JsonToken.VALUE_STRING) {
        version = Optional.of(parser.getText());
      } else if ("_meta".equals(name) && value == JsonToken.START_OBJECT && !sawMeta) {
        sawMeta = true;
        meta = readMeta(parser);
      } else if ("_meta".equals(name)) {
        return new Params(Optional.empty(), Optional.empty(), true);
      } else {
        parser.skipChildren();
      }
    }
    return new Params(version, meta.modernVersion(), meta.unusual());
  }

  /** Reads the {@code _meta} object to its end, keeping the modern version when both modern fields are well formed. */
  private static Params readMeta(JsonParser parser) throws IOException {
    Optional<String> version = Optional.empty();
    boolean capabilities = false;
    boolean unusual = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (RequestEra.VERSION_KEY.equals(name)) {
        unusual |= value != JsonToken.VALUE_STRING || version.isPresent();
        version = Optional.of(parser.getText());
      } else if (RequestEra.CAPABILITIES_KEY.equals(name)) {
        unusual |= value != JsonToken.START_OBJECT || capabilities;
        capabilities = true;
      }
      parser.skipChildren();
    }
    unusual |= version.isPresent() != capabilities;
    return new Params(Optional.empty(), unusual ? Optional.empty() : version, unusual);
  }
}
