package dev.claudememory.mcp.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Content;
import dev.claudememory.core.memory.Importance;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.service.MemoryService;
import dev.claudememory.core.service.StoreResult;

/** {@code memory_store}: keeps one idea for later sessions. */
public final class MemoryStoreTool implements Tool {
  private static final String INPUT =
      SchemaText.of(
          """
          {"type": "object",
           "properties": {
             "content": {"type": "string", "minLength": 1, "maxLength": 1400,
               "description": "The memory itself: one self-contained idea, at most 1,400 characters. Split longer notes into several memories."},
             "expanded_keywords": {"type": "string", "maxLength": 500,
               "description": "At least 5 space-separated search terms that are NOT already in the content: synonyms, broader and narrower concepts, technology and project names, the questions this memory answers. Recall matches these words too."},
             "category": {"type": "string", "enum": CATEGORIES, "default": "facts",
               "description": "The kind of memory. Aliases such as 'bug', 'infra', 'project' are accepted."},
             "tags": {"type": "string", "maxLength": 500, "default": "",
               "description": "Comma-separated tags, e.g. 'project-x,backend'."},
             "importance": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.5,
               "description": "0.0 to 1.0; 0.8 and above for things that must not be forgotten."},
             "force_sensitive": {"type": "boolean", "default": false,
               "description": "Mark as sensitive even if it does not look like a credential. A sensitive memory's content is masked in recall and list; only secret_get shows it."}},
           "required": ["content", "expanded_keywords"],
           "additionalProperties": false}
          """);
  private static final String OUTPUT =
      SchemaText.of(
          """
          {"type": "object",
           "properties": {
             "id": {"type": "integer"},
             "category": {"type": "string"},
             "importance": {"type": "number"},
             "sensitive": {"type": "boolean"},
             "duplicate": {"type": "boolean", "description": "true when nothing was stored because memory id already holds this content"}},
           "required": ["id", "category", "importance", "sensitive", "duplicate"]}
          """);

  private static final ToolDefinition DEFINITION =
      new ToolDefinition(
          "memory_store",
          "Store a memory",
          "Store a memory that should outlive this session: a decision and its reason, a user"
              + " preference, a fact about a project, a gotcha, a lesson, a runbook step. Store one idea"
              + " per memory, written so it makes sense on its own later. Always fill expanded_keywords"
              + " with at least 5 related terms that are not in the content (synonyms, broader concepts,"
              + " tool and project names), so recall finds the memory by other words. Content that looks"
              + " like a credential is stored as sensitive: recall and list show it masked, and only"
              + " secret_get shows its content. Content a"
              + " memory already holds (ignoring case and spacing) is not stored twice: the answer names"
              + " that memory.",
          INPUT,
          OUTPUT,
          ToolHints.adds(false, ToolHints.Reach.MEMORIES));

  @Override
  public ToolDefinition definition() {
    return DEFINITION;
  }

  @Override
  public ToolResult call(Arguments arguments, Services services) {
    MemoryService service = services.memories();
    NewMemory memory =
        new NewMemory(
            new Content(arguments.requiredString("content")),
            arguments.optionalString("category").map(Category::canonical).orElse(Category.DEFAULT),
            arguments.optionalString("tags").orElse(""),
            arguments.requiredString("expanded_keywords"),
            arguments.optionalNumber("importance").map(Importance::new).orElse(Importance.DEFAULT),
            arguments.optionalBoolean("force_sensitive", false));
    StoreResult result = service.store(memory);
    Memory stored = result.memory();
    ObjectNode structured = Json.object();
    structured.put("id", stored.id().value());
    structured.put("category", stored.category().name());
    structured.put("importance", stored.importance());
    structured.put("sensitive", stored.sensitive());
    structured.put("duplicate", result.alreadyStored());
    String text = result.alreadyStored() ? AddedTexts.alreadyStored(stored) : Texts.stored(stored);
    return ToolResult.success(text, structured);
  }
}
