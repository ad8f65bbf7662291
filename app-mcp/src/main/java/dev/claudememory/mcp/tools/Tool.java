package dev.claudememory.mcp.tools;


/**
 * One MCP tool: its published contract and what a call does. Implementations turn arguments into
 * core values and call the core; they hold no state.
 */
public interface Tool {
  ToolDefinition definition();

  /**
   * Runs the call. Bad arguments throw {@link dev.claudememory.core.InvalidInputException}; an
   * unknown id is an error result whose text says "not found".
   */
  ToolResult call(Arguments arguments, Services services);
}
