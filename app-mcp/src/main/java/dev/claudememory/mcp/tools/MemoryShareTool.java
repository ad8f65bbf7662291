package dev.claudememory.mcp.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.remote.SharePermission;
import dev.claudememory.core.service.ShareOutcome;

/** {@code memory_share}: lets another user of the memory API read (or edit) one memory. */
public final class MemoryShareTool implements Tool {
  private static final String INPUT =
      SchemaText.of(
          """
          {"type": "object",
           "properties": {
             "id": {"type": "integer", "minimum": 1, "description": "The memory's id (#id)."},
          """
              + ShareTexts.SHARED_WITH_PROPERTY + ",\n" + ShareTexts.PERMISSION_PROPERTY
              + """
          },
           "required": ["id", "shared_with"],
           "additionalProperties": false}
          """);

  private static final ToolDefinition DEFINITION =
      new ToolDefinition(
          "memory_share",
          "Share a memory",
          "Share one memory with another user of the memory server, read-only or writable. Only"
              + " when the user asks to share it.",
          INPUT,
          SchemaText.of(ShareTexts.DONE_SCHEMA),
          ToolHints.adds(true, ToolHints.Reach.MEMORY_API));

  @Override
  public ToolDefinition definition() {
    return DEFINITION;
  }

  @Override
  public ToolResult call(Arguments arguments, Services services) {
    MemoryId id = arguments.requiredId("id");
    String user = arguments.requiredString("shared_with");
    SharePermission permission =
        SharePermission.parse(arguments.optionalString("permission").orElse("read"));
    ShareOutcome outcome = services.requireSharing().share(id, user, permission);
    if (outcome != ShareOutcome.DONE) {
      return ShareTexts.failure(outcome, id);
    }
    ObjectNode structured = Json.object().put("done", true).put("shared_with", user.strip());
    return ToolResult.success(
        "Shared memory #" + id + " with " + user.strip() + " (" + permission.wireName() + ")",
        structured);
  }
}
