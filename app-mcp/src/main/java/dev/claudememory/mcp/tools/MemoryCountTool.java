package dev.claudememory.mcp.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.core.port.MemoryCounts;
import dev.claudememory.core.service.MemoryService;

/** {@code memory_count}: how much is remembered, per category. */
public final class MemoryCountTool implements Tool {
  private static final ObjectNode INPUT =
      Json.schema(
          """
          {"type": "object", "properties": {}, "additionalProperties": false}
          """);
  private static final ObjectNode OUTPUT =
      Json.schema(
          """
          {"type": "object",
           "properties": {
             "total": {"type": "integer"},
             "by_category": {"type": "object", "additionalProperties": {"type": "integer"}}},
           "required": ["total", "by_category"]}
          """);

  @Override
  public String name() {
    return "memory_count";
  }

  @Override
  public String description() {
    return "Count the stored memories, in all and per category, with the state of sync when it"
        + " is configured.";
  }

  @Override
  public ObjectNode inputSchema() {
    return INPUT;
  }

  @Override
  public ObjectNode outputSchema() {
    return OUTPUT;
  }

  @Override
  public boolean readOnly() {
    return true;
  }

  @Override
  public ToolResult call(Arguments arguments, MemoryService service) {
    MemoryCounts counts = service.count();
    StringBuilder text = new StringBuilder("Local memories: ").append(counts.total());
    ObjectNode structured = Json.object();
    structured.put("total", counts.total());
    ObjectNode byCategory = structured.putObject("by_category");
    counts
        .byCategory()
        .forEach(
            (category, count) -> {
              text.append("\n  ").append(category).append(": ").append(count);
              byCategory.put(category, count);
            });
    return ToolResult.success(text.toString(), structured);
  }
}
