package dev.claudememory.mcp.tools;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.recall.ResultBudget.Shown;

/** JSON helpers shared by the tools: memories as structured content. */
final class Json {
  private Json() {}

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** A memory as structured content; a sensitive one's content masked. */
  static ObjectNode summary(Memory memory) {
    ObjectNode node = object();
    node.put("id", memory.id().value());
    node.put("category", memory.category().name());
    node.put("importance", memory.importance());
    node.put("tags", memory.tags());
    node.put("created_at", memory.createdAt());
    node.put("sensitive", memory.sensitive());
    node.put("content", memory.visibleContent());
    return node;
  }

  /** A memory as a recall or list answer shows it: its content as cut, if it was. */
  static ObjectNode shown(Shown<Memory> shown) {
    ObjectNode node = summary(shown.item());
    node.put("content", shown.content());
    if (shown.cut()) {
      node.put("cut", true);
    }
    return node;
  }

  static final String MEMORY_SUMMARY_SCHEMA =
      """
      {"type": "object",
       "properties": {
         "id": {"type": "integer"},
         "category": {"type": "string"},
         "importance": {"type": "number"},
         "tags": {"type": "string"},
         "created_at": {"type": "string"},
         "sensitive": {"type": "boolean", "description": "true when content is masked; secret_get shows it"},
         "content": {"type": "string"},
         "cut": {"type": "boolean", "description": "present and true when the content was cut to keep the answer under MEMORY_MAX_RESULT_CHARS"}},
       "required": ["id", "category", "importance", "tags", "created_at", "sensitive", "content"]}
      """;
}
