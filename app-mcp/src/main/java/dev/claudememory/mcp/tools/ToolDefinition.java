package dev.claudememory.mcp.tools;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code tools/list} publishes about a tool.
 *
 * @param title a short name for people, shown by clients in place of {@code name}
 * @param description written for the assistant that calls the tool: what it does and how to fill
 *     it in
 * @param inputSchema JSON Schema of the arguments, as one line of JSON text
 * @param outputSchema JSON Schema of {@code structuredContent}, as one line of JSON text
 * @param hints what a call does to its world (hints clients show to people)
 */
public record ToolDefinition(
    String name, String title, String description, String inputSchema, String outputSchema, ToolHints hints) {
  public ToolDefinition {
    requireNonNull(name, "name");
    requireNonNull(title, "title");
    requireNonNull(hints, "hints");
    requireNonNull(description, "description");
    requireNonNull(inputSchema, "inputSchema");
    requireNonNull(outputSchema, "outputSchema");
  }

  /**
   * The argument names the input schema declares, in its order. Reads the schema text each time:
   * callers keep the answer.
   */
  public List<String> argumentNames() {
    try (JsonParser parser = new JsonFactory().createParser(inputSchema)) {
      parser.nextToken();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        if (field.equals("properties")) {
          List<String> names = new ArrayList<>();
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            names.add(parser.currentName());
            parser.nextToken();
            parser.skipChildren();
          }
          return List.copyOf(names);
        }
        parser.skipChildren();
      }
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("the input schema of " + name + " is not JSON", e);
    }
  }
}
