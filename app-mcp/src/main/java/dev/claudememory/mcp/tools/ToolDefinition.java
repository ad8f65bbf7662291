package dev.claudememory.mcp.tools;

import static java.util.Objects.requireNonNull;

/**
 * What {@code tools/list} publishes about a tool.
 *
 * @param description written for the assistant that calls the tool: what it does and how to fill
 *     it in
 * @param inputSchema JSON Schema of the arguments, as one line of JSON text
 * @param outputSchema JSON Schema of {@code structuredContent}, as one line of JSON text
 * @param readOnly whether the tool only reads (a hint clients show to people)
 */
public record ToolDefinition(
    String name, String description, String inputSchema, String outputSchema, boolean readOnly) {
  public ToolDefinition {
    requireNonNull(name, "name");
    requireNonNull(description, "description");
    requireNonNull(inputSchema, "inputSchema");
    requireNonNull(outputSchema, "outputSchema");
  }
}
