package dev.claudememory.bench.process;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.bench.corpus.RecallWords;
import dev.claudememory.core.memory.NewMemory;

/** The arguments of the memory tools (SPEC §4), made from generated memories and queries. */
final class ToolArguments {
  static final String STORE = "memory_store";
  static final String RECALL = "memory_recall";

  private ToolArguments() {}

  static ObjectNode store(NewMemory memory) {
    ObjectNode arguments = McpClient.object();
    arguments.put("content", memory.content().text());
    arguments.put("expanded_keywords", memory.expandedKeywords());
    arguments.put("category", memory.category().name());
    arguments.put("tags", memory.tags());
    arguments.put("importance", memory.importance().value());
    if (memory.forceSensitive()) {
      arguments.put("force_sensitive", true);
    }
    return arguments;
  }

  /** A recall as assistants make most of them: relevance order, the default limit of 10. */
  static ObjectNode recall(RecallWords words) {
    ObjectNode arguments = McpClient.object();
    arguments.put("context", words.context());
    arguments.put("expanded_query", words.expandedQuery());
    arguments.put("sort_by", "relevance");
    arguments.put("limit", 10);
    return arguments;
  }
}
