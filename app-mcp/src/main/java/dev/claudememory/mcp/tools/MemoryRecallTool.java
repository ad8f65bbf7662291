package dev.claudememory.mcp.tools;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.recall.RecallQuery;
import dev.claudememory.core.recall.Recalled;
import dev.claudememory.core.recall.ResultBudget.Fitted;
import dev.claudememory.core.recall.SearchTerms;
import dev.claudememory.core.recall.SortBy;
import dev.claudememory.core.service.MemoryService;
import java.util.List;

/** {@code memory_recall}: full-text search over memories. */
public final class MemoryRecallTool implements Tool {
  private static final String INPUT =
      SchemaText.of(
          """
          {"type": "object",
           "properties": {
             "context": {"type": "string", "minLength": 1,
               "description": "What you are looking for, in a few words."},
             "expanded_query": {"type": "string",
               "description": "At least 5 space-separated related terms: synonyms, broader concepts, likely tags, tool and project names. Memories matching any of them are found when no memory matches every word. May be empty: recall also searches by meaning."},
             "category": {"type": "string", "enum": CATEGORIES,
               "description": "Only memories of this category."},
             "sort_by": {"type": "string", "enum": ["relevance", "importance", "recency"], "default": "relevance",
               "description": "relevance: best text match first (the usual choice). importance: what matters most first, when many memories match. recency: newest first, for 'what did we decide lately'."},
             "limit": {"type": "integer", "minimum": 1, "maximum": 100, "default": 10,
               "description": "How many memories to return."}},
           "required": ["context", "expanded_query"],
           "additionalProperties": false}
          """);
  private static final String OUTPUT =
      SchemaText.of(
          """
          {"type": "object",
           "properties": {
             "sort_by": {"type": "string"},
             "count": {"type": "integer", "description": "how many memories this answer shows"},
             "memories": {"type": "array", "items": MEMORY},
             "truncated": {"type": "boolean", "description": "whether a content was cut or memories were left out to keep the answer short"},
             "more": {"type": "integer", "description": "how many memories matched but were left out"},
             "search": {"type": "string", "enum": ["hybrid", "lexical", "remote"],
               "description": "hybrid: by words and by meaning; lexical: by words only (search_reason says why); remote: the memory API searched"},
             "search_reason": {"type": "string", "description": "why the search was lexical"}},
           "required": ["sort_by", "count", "memories", "truncated", "more", "search"]}
          """
              .replace("MEMORY", Json.MEMORY_SUMMARY_SCHEMA));

  private static final ToolDefinition DEFINITION =
      new ToolDefinition(
          "memory_recall",
          "Recall memories",
          "Search memories from earlier sessions before answering questions about the user, their"
              + " projects, past decisions or preferences. Put the topic in context and at least 5"
              + " related terms in expanded_query (synonyms, broader concepts, tool and project names):"
              + " memories are found by their words (every word first, else any word) and by their"
              + " meaning, so a question in other words finds them too. Sort by relevance normally,"
              + " by importance when many memories match, by recency for the latest state of"
              + " something. A sensitive memory (a credential) shows [SENSITIVE - use secret_get(id=N)]"
              + " in place of its content; it is found by its category, tags and keywords, never by"
              + " words of the secret. Call secret_get only when the task needs the secret itself.",
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
    String context = arguments.requiredString("context");
    RecallQuery query =
        new RecallQuery(
            SearchTerms.of(context, arguments.requiredString("expanded_query")),
            arguments.optionalString("category").map(Category::canonical),
            arguments.optionalString("sort_by").map(SortBy::parse).orElse(SortBy.RELEVANCE),
            arguments.optionalInt("limit", RecallQuery.DEFAULT_LIMIT, 1, RecallQuery.MAX_LIMIT));
    Recalled recalled = service.recall(query);
    List<Memory> found = recalled.memories();
    Fitted<Memory> answer =
        services.budget().fit(found, Texts::recallEntry, AddedTexts.recall(query.sortBy(), services.budget()));
    ObjectNode structured = Json.object();
    structured.put("sort_by", query.sortBy().wireName());
    structured.put("count", answer.shown().size());
    ArrayNode memories = structured.putArray("memories");
    answer.shown().forEach(shown -> memories.add(Json.shown(shown)));
    structured.put("truncated", answer.truncated());
    structured.put("more", answer.more());
    structured.put("search", recalled.search().kind().wireName());
    recalled.search().lexicalBecause().ifPresent(because -> structured.put("search_reason", because));
    if (found.isEmpty()) {
      return ToolResult.success("No memories found matching: " + context, structured);
    }
    return ToolResult.success(answer.text(), structured);
  }
}
