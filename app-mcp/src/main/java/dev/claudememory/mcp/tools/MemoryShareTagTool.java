package dev.claudememory.mcp.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.core.remote.SharePermission;

/** {@code memory_share_tag}: shares every memory with a tag, now and later, with a user. */
public final class MemoryShareTagTool implements Tool {
  private static final String INPUT =
      SchemaText.of(
          """
          {"type": "object",
           "properties": {
             "tag": {"type": "string", "minLength": 1, "description": "The tag to share."},
          """
              + ShareTexts.SHARED_WITH_PROPERTY + ",\n" + ShareTexts.PERMISSION_PROPERTY
              + """
          },
           "required": ["tag", "shared_with"],
           "additionalProperties": false}
          """);

  private static final ToolDefinition DEFINITION =
      new ToolDefinition(
          "memory_share_tag",
          "Share a tag",
          "Share every memory carrying a tag, including ones stored later, with another user of"
              + " the memory server. Only when the user asks to share it.",
          INPUT,
          SchemaText.of(ShareTexts.DONE_SCHEMA),
          ToolHints.adds(true, ToolHints.Reach.MEMORY_API));

  @Override
  public ToolDefinition definition() {
    return DEFINITION;
  }

  @Override
  public ToolResult call(Arguments arguments, Services services) {
    String tag = arguments.requiredString("tag");
    String user = arguments.requiredString("shared_with");
    SharePermission permission =
        SharePermission.parse(arguments.optionalString("permission").orElse("read"));
    services.requireSharing().shareTag(tag, user, permission);
    ObjectNode structured = Json.object().put("done", true).put("shared_with", user.strip());
    return ToolResult.success(
        "Shared every memory tagged '" + tag.strip() + "' with " + user.strip() + " ("
            + permission.wireName() + ")",
        structured);
  }
}
