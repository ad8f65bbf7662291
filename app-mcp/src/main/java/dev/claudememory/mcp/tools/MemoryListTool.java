package dev.claudememory.mcp.tools;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.recall.ListQuery;
import dev.claudememory.core.recall.ResultBudget.Fitted;
import dev.claudememory.core.service.MemoryService;
import java.util.List;

/** {@code memory_list}: the newest memories. */
public final class MemoryListTool implements Tool {
  private static final String INPUT =
      SchemaText.of(
          """
          {"type": "object",
           "properties": {
             "category": {"type": "string", "enum": CATEGORIES,
               "description": "Only memories of this category."},
             "limit": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 20,
               "description": "How many memories to return, newest first."}},
           "additionalProperties": false}
          """);
  private static final String OUTPUT =
      SchemaText.of(
          """
          {"type": "object",
           "properties": {
             "count": {"type": "integer", "description": "how many memories this answer shows"},
             "memories": {"type": "array", "items": MEMORY},
             "truncated": {"type": "boolean", "description": "whether a content was cut or memories were left out to keep the answer short"},
             "more": {"type": "integer", "description": "how many memories within the limit were left out"}},
           "required": ["count", "memories", "truncated", "more"]}
          """
              .replace("MEMORY", Json.MEMORY_SUMMARY_SCHEMA));

  private static final ToolDefinition DEFINITION =
      new ToolDefinition(
          "memory_list",
          "List memories",
          "List the most recently stored memories, newest first, optionally of one category."
              + " Use it to review what is remembered; use memory_recall to search by topic. A"
              + " sensitive memory shows [SENSITIVE - use secret_get(id=N)] in place of its content.",
          INPUT,
          OUTPUT,
          ToolHints.reads(ToolHints.Reach.MEMORIES));

  @Override
  public ToolDefinition definition() {
    return DEFINITION;
  }

  @Override
  public ToolResult call(Arguments arguments, Services services) {
    MemoryService service = services.memories();
    ListQuery query =
        new ListQuery(
            arguments.optionalString("category").map(Category::canonical),
            arguments.optionalInt("limit", ListQuery.DEFAULT_LIMIT, 1, ListQuery.MAX_LIMIT));
    List<Memory> found = service.list(query);
    Fitted<Memory> answer =
        services.budget().fit(found, Texts::listEntry, AddedTexts.list(services.budget()));
    ObjectNode structured = Json.object();
    structured.put("count", answer.shown().size());
    ArrayNode memories = structured.putArray("memories");
    answer.shown().forEach(shown -> memories.add(Json.shown(shown)));
    structured.put("truncated", answer.truncated());
    structured.put("more", answer.more());
    return ToolResult.success(answer.text(), structured);
  }
}
