package dev.claudememory.mcp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.claudememory.mcp.protocol.ProtocolVersion;
import dev.claudememory.mcp.tools.Tool;
import dev.claudememory.mcp.tools.ToolCatalog;
import dev.claudememory.mcp.tools.ToolDefinition;
import dev.claudememory.mcp.tools.ToolHints;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The results of {@code initialize}, {@code server/discover} and {@code tools/list} as JSON text,
 * written with the streaming generator: the tool schemas are text already and go out as they are.
 */
final class HandshakeAnswers {
  static final String SERVER_NAME = "claude-memory";
  /**
   * How long a client may keep the discovery and the tool listing: neither changes while the
   * process runs (the sharing tools come and go with the API key, which is read at start).
   */
  private static final long CACHE_MILLIS = 3_600_000;
  /** The listing depends on the user's settings (an API key or none): for this client alone. */
  private static final String CACHE_SCOPE = "private";

  private static final String INSTRUCTIONS =
      "Persistent memory across sessions. Recall before answering questions about the user, their"
          + " projects and past decisions; store decisions, preferences, facts and lessons worth"
          + " keeping, one idea per memory, with at least 5 expanded keywords.";

  private final ToolCatalog catalog;
  private final String serverVersion;
  private final JsonFactory factory;
  /** Answers written once, as each is the same every time: by protocol version, or by method. */
  private final Map<String, String> writtenOnce = new ConcurrentHashMap<>();

  HandshakeAnswers(ToolCatalog catalog, String serverVersion, JsonFactory factory) {
    this.catalog = catalog;
    this.serverVersion = serverVersion;
    this.factory = factory;
  }

  String initializeResult(String protocolVersion) {
    return write(
        json -> {
          json.writeStartObject();
          json.writeStringField("protocolVersion", protocolVersion);
          writeCapabilities(json);
          json.writeFieldName("serverInfo");
          writeServerInfo(json);
          json.writeStringField("instructions", INSTRUCTIONS);
          json.writeEndObject();
        });
  }

  /** What {@code server/discover} answers: the same every time, in every modern request. */
  String discoverResult() {
    return writtenOnce.computeIfAbsent("server/discover", unused -> discovery());
  }

  private String discovery() {
    return write(
        json -> {
          json.writeStartObject();
          json.writeStringField("resultType", "complete");
          json.writeArrayFieldStart("supportedVersions");
          for (String version : ProtocolVersion.EVERY) {
            json.writeString(version);
          }
          json.writeEndArray();
          writeCapabilities(json);
          json.writeStringField("instructions", INSTRUCTIONS);
          writeModernTail(json);
          json.writeEndObject();
        });
  }

  private static void writeCapabilities(JsonGenerator json) throws IOException {
    json.writeObjectFieldStart("capabilities");
    json.writeObjectFieldStart("tools");
    json.writeBooleanField("listChanged", false);
    json.writeEndObject();
    json.writeEndObject();
  }

  private void writeServerInfo(JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("name", SERVER_NAME);
    json.writeStringField("version", serverVersion);
    json.writeEndObject();
  }

  /** The server's identity in {@code _meta} and the caching hints a modern listing carries. */
  private void writeModernTail(JsonGenerator json) throws IOException {
    json.writeObjectFieldStart("_meta");
    json.writeFieldName("io.modelcontextprotocol/serverInfo");
    writeServerInfo(json);
    json.writeEndObject();
    json.writeNumberField("ttlMs", CACHE_MILLIS);
    json.writeStringField("cacheScope", CACHE_SCOPE);
  }

  /** The tool listing for a protocol version; the same text every time, so written once. */
  String toolsListResult(String protocolVersion) {
    return writtenOnce.computeIfAbsent(protocolVersion, this::toolListing);
  }

  private String toolListing(String version) {
    return write(
        json -> {
          json.writeStartObject();
          if (ProtocolVersion.isModern(version)) {
            json.writeStringField("resultType", "complete");
          }
          json.writeArrayFieldStart("tools");
          for (Tool tool : catalog.all()) {
            ToolDefinition definition = tool.definition();
            json.writeStartObject();
            json.writeStringField("name", definition.name());
            if (ProtocolVersion.hasStructuredContent(version)) {
              json.writeStringField("title", definition.title());
            }
            json.writeStringField("description", definition.description());
            json.writeFieldName("inputSchema");
            json.writeRawValue(definition.inputSchema());
            if (ProtocolVersion.hasStructuredContent(version)) {
              json.writeFieldName("outputSchema");
              json.writeRawValue(definition.outputSchema());
            }
            if (ProtocolVersion.hasToolAnnotations(version)) {
              ToolHints hints = definition.hints();
              json.writeObjectFieldStart("annotations");
              json.writeStringField("title", definition.title());
              json.writeBooleanField("readOnlyHint", hints.readOnly());
              json.writeBooleanField("destructiveHint", hints.destructive());
              json.writeBooleanField("idempotentHint", hints.idempotent());
              json.writeBooleanField("openWorldHint", catalog.reachesTheApi(tool));
              json.writeEndObject();
            }
            json.writeEndObject();
          }
          json.writeEndArray();
          if (ProtocolVersion.isModern(version)) {
            writeModernTail(json);
          }
          json.writeEndObject();
        });
  }

  private interface JsonWriting {
    void writeTo(JsonGenerator json) throws IOException;
  }

  private String write(JsonWriting writing) {
    StringWriter text = new StringWriter(256);
    try (JsonGenerator json = factory.createGenerator(text)) {
      writing.writeTo(json);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a string failed", e);
    }
    return text.toString();
  }
}
