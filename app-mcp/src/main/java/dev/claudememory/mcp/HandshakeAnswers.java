package dev.claudememory.mcp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.claudememory.mcp.protocol.ProtocolVersion;
import dev.claudememory.mcp.tools.Tool;
import dev.claudememory.mcp.tools.ToolCatalog;
import dev.claudememory.mcp.tools.ToolDefinition;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The results of {@code initialize} and {@code tools/list} as JSON text, written with the
 * streaming generator: the tool schemas are text already and go out as they are.
 */
final class HandshakeAnswers {
  private static final String INSTRUCTIONS =
      "Persistent memory across sessions. Recall before answering questions about the user, their"
          + " projects and past decisions; store decisions, preferences, facts and lessons worth"
          + " keeping, one idea per memory, with at least 5 expanded keywords.";

  private final ToolCatalog catalog;
  private final String serverVersion;
  private final JsonFactory factory;
  private final Map<String, String> toolListings = new ConcurrentHashMap<>();

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
          json.writeObjectFieldStart("capabilities");
          json.writeObjectFieldStart("tools");
          json.writeBooleanField("listChanged", false);
          json.writeEndObject();
          json.writeEndObject();
          json.writeObjectFieldStart("serverInfo");
          json.writeStringField("name", "claude-memory");
          json.writeStringField("version", serverVersion);
          json.writeEndObject();
          json.writeStringField("instructions", INSTRUCTIONS);
          json.writeEndObject();
        });
  }

  /** The tool listing for a protocol version; the same text every time, so written once. */
  String toolsListResult(String protocolVersion) {
    return toolListings.computeIfAbsent(protocolVersion, this::toolListing);
  }

  private String toolListing(String version) {
    return write(
        json -> {
          json.writeStartObject();
          json.writeArrayFieldStart("tools");
          for (Tool tool : catalog.all()) {
            ToolDefinition definition = tool.definition();
            json.writeStartObject();
            json.writeStringField("name", definition.name());
            json.writeStringField("description", definition.description());
            json.writeFieldName("inputSchema");
            json.writeRawValue(definition.inputSchema());
            if (ProtocolVersion.hasStructuredContent(version)) {
              json.writeFieldName("outputSchema");
              json.writeRawValue(definition.outputSchema());
            }
            if (ProtocolVersion.hasToolAnnotations(version)) {
              json.writeObjectFieldStart("annotations");
              json.writeBooleanField("readOnlyHint", definition.readOnly());
              json.writeBooleanField("destructiveHint", definition.name().equals("memory_delete"));
              json.writeBooleanField("openWorldHint", false);
              json.writeEndObject();
            }
            json.writeEndObject();
          }
          json.writeEndArray();
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
