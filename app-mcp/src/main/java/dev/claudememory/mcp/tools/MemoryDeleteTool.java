package dev.claudememory.mcp.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.service.MemoryService;

/** {@code memory_delete}: forgets one memory. */
public final class MemoryDeleteTool implements Tool {
  private static final String INPUT =
      SchemaText.of(
          """
          {"type": "object",
           "properties": {
             "id": {"type": "integer", "minimum": 1,
               "description": "The memory's id, as recall and list show it (#id)."}},
           "required": ["id"],
           "additionalProperties": false}
          """);
  private static final String OUTPUT =
      SchemaText.of(
          """
          {"type": "object",
           "properties": {"deleted": {"type": "integer"}, "preview": {"type": "string"}},
           "required": ["deleted", "preview"]}
          """);

  private static final ToolDefinition DEFINITION =
      new ToolDefinition(
          "memory_delete",
          "Delete a memory",
          "Delete a memory by id, when it is wrong, outdated or the user asks to forget it. To"
              + " correct a memory, prefer memory_update.",
          INPUT,
          OUTPUT,
          ToolHints.changesOrRemoves(true, ToolHints.Reach.MEMORIES));

  @Override
  public ToolDefinition definition() {
    return DEFINITION;
  }

  @Override
  public ToolResult call(Arguments arguments, Services services) {
    MemoryService service = services.memories();
    MemoryId id = arguments.requiredId("id");
    return service
        .delete(id)
        .map(
            deleted -> {
              ObjectNode structured = Json.object();
              structured.put("deleted", id.value());
              structured.put("preview", Texts.deletedPreview(deleted));
              return ToolResult.success(Texts.deleted(deleted), structured);
            })
        .orElseGet(() -> ToolResult.error(Texts.notFound(id.value())));
  }
}
