package dev.claudememory.mcp.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.service.ShareOutcome;

/** {@code memory_unshare}: stops sharing one memory with a user. */
public final class MemoryUnshareTool implements Tool {
  private static final String INPUT =
      SchemaText.of(
          """
          {"type": "object",
           "properties": {
             "id": {"type": "integer", "minimum": 1, "description": "The memory's id (#id)."},
          """
              + ShareTexts.SHARED_WITH_PROPERTY
              + """
          },
           "required": ["id", "shared_with"],
           "additionalProperties": false}
          """);

  private static final ToolDefinition DEFINITION =
      new ToolDefinition(
          "memory_unshare",
          "Stop sharing a memory",
          "Stop sharing one memory with a user.",
          INPUT,
          SchemaText.of(ShareTexts.DONE_SCHEMA),
          ToolHints.changesOrRemoves(true, ToolHints.Reach.MEMORY_API));

  @Override
  public ToolDefinition definition() {
    return DEFINITION;
  }

  @Override
  public ToolResult call(Arguments arguments, Services services) {
    MemoryId id = arguments.requiredId("id");
    String user = arguments.requiredString("shared_with");
    ShareOutcome outcome = services.requireSharing().unshare(id, user);
    if (outcome != ShareOutcome.DONE) {
      return ShareTexts.failure(outcome, id);
    }
    ObjectNode structured = Json.object().put("done", true).put("shared_with", user.strip());
    return ToolResult.success("Stopped sharing memory #" + id + " with " + user.strip(), structured);
  }
}
