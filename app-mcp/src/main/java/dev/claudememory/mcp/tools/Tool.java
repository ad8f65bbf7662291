package dev.claudememory.mcp.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.core.service.MemoryService;

/**
 * One MCP tool: its published contract and what a call does. Implementations turn arguments into
 * core values and call the core; they hold no state.
 */
public interface Tool {
  String name();

  /** Written for the assistant that calls the tool: what it does and how to fill it in. */
  String description();

  /** JSON Schema of the arguments. */
  ObjectNode inputSchema();

  /** JSON Schema of {@code structuredContent}. */
  ObjectNode outputSchema();

  /** Whether the tool only reads (a hint clients show to people). */
  boolean readOnly();

  /**
   * Runs the call. Bad arguments throw {@link dev.claudememory.core.InvalidInputException}; an
   * unknown id is an error result whose text says "not found".
   */
  ToolResult call(Arguments arguments, MemoryService service);
}
