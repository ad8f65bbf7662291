package dev.claudememory.mcp.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Content;
import dev.claudememory.core.memory.Importance;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.MemoryPatch;
import dev.claudememory.core.service.MemoryService;

/** {@code memory_update}: corrects a memory in place. */
public final class MemoryUpdateTool implements Tool {
  private static final String INPUT =
      SchemaText.of(
          """
          {"type": "object",
           "properties": {
             "id": {"type": "integer", "minimum": 1,
               "description": "The memory's id, as recall and list show it (#id)."},
             "content": {"type": "string", "minLength": 1, "maxLength": 1400,
               "description": "The new content, replacing the old."},
             "category": {"type": "string", "enum": CATEGORIES},
             "tags": {"type": "string", "maxLength": 500,
               "description": "Comma-separated tags, replacing the old ones."},
             "importance": {"type": "number", "minimum": 0, "maximum": 1},
             "expanded_keywords": {"type": "string", "maxLength": 500,
               "description": "At least 5 related search terms not in the content, replacing the old ones."}},
           "required": ["id"],
           "additionalProperties": false}
          """);
  private static final String OUTPUT =
      SchemaText.of(
          """
          {"type": "object",
           "properties": {
             "id": {"type": "integer"},
             "category": {"type": "string"},
             "importance": {"type": "number"}},
           "required": ["id", "category", "importance"]}
          """);

  /** Not idempotent: the same update again moves updated_at and queues the memory to be sent again. */
  private static final ToolDefinition DEFINITION =
      new ToolDefinition(
          "memory_update",
          "Update a memory",
          "Correct or refine an existing memory by id instead of storing a near-duplicate. Give"
              + " only the fields to change (at least one); the others keep their values. When the"
              + " content changes, update expanded_keywords too.",
          INPUT,
          OUTPUT,
          ToolHints.changesOrRemoves(false, ToolHints.Reach.MEMORIES));

  @Override
  public ToolDefinition definition() {
    return DEFINITION;
  }

  @Override
  public ToolResult call(Arguments arguments, Services services) {
    MemoryService service = services.memories();
    MemoryId id = arguments.requiredId("id");
    MemoryPatch patch =
        new MemoryPatch(
            arguments.optionalString("content").map(Content::new),
            arguments.optionalString("category").map(Category::canonical),
            arguments.optionalString("tags"),
            arguments.optionalNumber("importance").map(Importance::new),
            arguments.optionalString("expanded_keywords"));
    return service
        .update(id, patch)
        .map(
            updated -> {
              ObjectNode structured = Json.object();
              structured.put("id", updated.id().value());
              structured.put("category", updated.category().name());
              structured.put("importance", updated.importance());
              return ToolResult.success("Updated memory #" + id, structured);
            })
        .orElseGet(() -> ToolResult.error(Texts.notFound(id.value())));
  }
}
