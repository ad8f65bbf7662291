package dev.claudememory.mcp.tools;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.recall.ListQuery;
import dev.claudememory.core.service.MemoryService;
import java.util.List;
import java.util.stream.Collectors;

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
             "count": {"type": "integer"},
             "memories": {"type": "array", "items": MEMORY}},
           "required": ["count", "memories"]}
          """
              .replace("MEMORY", Json.MEMORY_SUMMARY_SCHEMA));

  private static final ToolDefinition DEFINITION =
      new ToolDefinition(
          "memory_list",
          "List the most recently stored memories, newest first, optionally of one category."
              + " Use it to review what is remembered; use memory_recall to search by topic.",
          INPUT,
          OUTPUT,
          true);

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
    ObjectNode structured = Json.object();
    structured.put("count", found.size());
    ArrayNode memories = structured.putArray("memories");
    found.forEach(memory -> memories.add(Json.summary(memory)));
    String text =
        "Recent memories (" + found.size() + " shown):"
            + (found.isEmpty() ? "" : "\n\n")
            + found.stream().map(Texts::listEntry).collect(Collectors.joining("\n\n"));
    return ToolResult.success(text, structured);
  }
}
