package dev.claudememory.mcp.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The era a request speaks, read from its {@code params._meta}: a modern request names its
 * protocol version and its client's capabilities there; a legacy one names neither and is served
 * as its process's {@code initialize} settled.
 */
public sealed interface RequestEra {
  String VERSION_KEY = "io.modelcontextprotocol/protocolVersion";
  String CAPABILITIES_KEY = "io.modelcontextprotocol/clientCapabilities";

  /** No modern field in {@code _meta}: the process's handshake decides. */
  record Legacy() implements RequestEra {}

  /** Both required fields, well formed: the request speaks {@code version}. */
  record Modern(String version) implements RequestEra {
    public Modern {
      requireNonNull(version, "version");
    }
  }

  /**
   * A modern field without the other, or either of the wrong type: malformed, refused with {@code
   * -32602}.
   *
   * @param problem what is missing or wrong, in words a person can act on
   */
  record Malformed(String problem) implements RequestEra {
    public Malformed {
      requireNonNull(problem, "problem");
    }
  }

  /** The era of a request with these params ({@code null} when it has none). */
  static RequestEra of(JsonNode params) {
    JsonNode meta = params == null ? null : params.get("_meta");
    if (meta == null || !meta.isObject() || !meta.has(VERSION_KEY) && !meta.has(CAPABILITIES_KEY)) {
      return new Legacy();
    }
    JsonNode version = meta.get(VERSION_KEY);
    JsonNode capabilities = meta.get(CAPABILITIES_KEY);
    if (version == null || !version.isTextual()) {
      return new Malformed("params._meta needs \"" + VERSION_KEY + "\" as a string");
    }
    if (capabilities == null || !capabilities.isObject()) {
      return new Malformed("params._meta needs \"" + CAPABILITIES_KEY + "\" as an object");
    }
    return new Modern(version.textValue());
  }
}
