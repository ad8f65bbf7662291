package dev.claudememory.mcp.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.service.MemoryService;
import java.util.Optional;

/** {@code secret_get}: the one way to read a sensitive memory's content. */
public final class SecretGetTool implements Tool {
  private static final String INPUT =
      SchemaText.of(
          """
          {"type": "object",
           "properties": {
             "id": {"type": "integer", "minimum": 1,
               "description": "The sensitive memory's id."}},
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
             "sensitive": {"type": "boolean"},
             "content": {"type": "string"}},
           "required": ["id", "sensitive"]}
          """);

  private static final ToolDefinition DEFINITION =
      new ToolDefinition(
          "secret_get",
          "Read a sensitive memory",
          "Read the full content of a sensitive memory (a password, token, key or connection"
              + " string), which recall and list show masked as [SENSITIVE - use secret_get(id=N)]."
              + " Only call it when the user's task needs the secret itself, and do not repeat it"
              + " back unless asked.",
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
    MemoryId id = arguments.requiredId("id");
    Optional<Memory> found = service.secret(id);
    if (found.isEmpty()) {
      return ToolResult.error(Texts.notFound(id.value()));
    }
    Memory memory = found.get();
    ObjectNode structured = Json.object();
    structured.put("id", id.value());
    structured.put("sensitive", memory.sensitive());
    if (!memory.sensitive()) {
      return ToolResult.success("Memory #" + id + " is not marked as sensitive", structured);
    }
    structured.put("category", memory.category().name());
    structured.put("content", memory.content());
    return ToolResult.success(
        "#" + id + " [" + memory.category() + "] " + memory.content(), structured);
  }
}
