package dev.claudememory.mcp.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What a tool call answers: the text the assistant reads, the same as structured data where the
 * protocol version allows, and whether it is an error the assistant should correct.
 */
public record ToolResult(String text, Optional<JsonNode> structured, boolean isError) {
  public static ToolResult success(String text, JsonNode structured) {
    return new ToolResult(text, Optional.of(structured), false);
  }

  public static ToolResult error(String text) {
    return new ToolResult(text, Optional.empty(), true);
  }
}
