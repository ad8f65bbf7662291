package dev.claudememory.mcp.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code memory_unshare_tag}: stops sharing a tag with a user. */
public final class MemoryUnshareTagTool implements Tool {
  private static final String INPUT =
      SchemaText.of(
          """
          {"type": "object",
           "properties": {
             "tag": {"type": "string", "minLength": 1, "description": "The shared tag."},
          """
              + ShareTexts.SHARED_WITH_PROPERTY
              + """
          },
           "required": ["tag", "shared_with"],
           "additionalProperties": false}
          """);

  private static final ToolDefinition DEFINITION =
      new ToolDefinition(
          "memory_unshare_tag",
          "Stop sharing a tag",
          "Stop sharing a tag with a user.",
          INPUT,
          SchemaText.of(ShareTexts.DONE_SCHEMA),
          ToolHints.changesOrRemoves(true, ToolHints.Reach.MEMORY_API));

  @Override
  public ToolDefinition definition() {
    return DEFINITION;
  }

  @Override
  public ToolResult call(Arguments arguments, Services services) {
    String tag = arguments.requiredString("tag");
    String user = arguments.requiredString("shared_with");
    services.requireSharing().unshareTag(tag, user);
    ObjectNode structured = Json.object().put("done", true).put("shared_with", user.strip());
    return ToolResult.success(
        "Stopped sharing tag '" + tag.strip() + "' with " + user.strip(), structured);
  }
}
