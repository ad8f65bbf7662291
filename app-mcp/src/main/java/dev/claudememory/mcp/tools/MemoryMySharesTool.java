package dev.claudememory.mcp.tools;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.core.remote.MemoryShare;
import dev.claudememory.core.remote.MyShares;
import dev.claudememory.core.remote.TagShare;
import dev.claudememory.core.service.SharingService;

/** {@code memory_my_shares}: what this user shares, memory by memory and tag by tag. */
public final class MemoryMySharesTool implements Tool {
  private static final String INPUT =
      SchemaText.of(
          """
          {"type": "object", "properties": {}, "additionalProperties": false}
          """);
  private static final String OUTPUT =
      SchemaText.of(
          """
          {"type": "object",
           "properties": {
             "memory_shares": {"type": "array", "items": {"type": "object",
               "properties": {
                 "id": {"type": "integer"},
                 "server_id": {"type": "integer"},
                 "shared_with": {"type": "string"},
                 "permission": {"type": "string"},
                 "preview": {"type": "string"}},
               "required": ["server_id", "shared_with", "permission"]}},
             "tag_shares": {"type": "array", "items": {"type": "object",
               "properties": {
                 "tag": {"type": "string"},
                 "shared_with": {"type": "string"},
                 "permission": {"type": "string"}},
               "required": ["tag", "shared_with", "permission"]}}},
           "required": ["memory_shares", "tag_shares"]}
          """);

  private static final ToolDefinition DEFINITION =
      new ToolDefinition(
          "memory_my_shares",
          "My shares",
          "List what this user shares with others: single memories and whole tags.",
          INPUT,
          OUTPUT,
          ToolHints.reads(ToolHints.Reach.MEMORY_API));

  @Override
  public ToolDefinition definition() {
    return DEFINITION;
  }

  @Override
  public ToolResult call(Arguments arguments, Services services) {
    SharingService sharing = services.requireSharing();
    MyShares shares = sharing.myShares();
    ObjectNode structured = Json.object();
    ArrayNode memoryShares = structured.putArray("memory_shares");
    ArrayNode tagShares = structured.putArray("tag_shares");
    if (shares.memoryShares().isEmpty() && shares.tagShares().isEmpty()) {
      return ToolResult.success("You share no memories and no tags", structured);
    }
    StringBuilder text =
        new StringBuilder("Memories you share (" + shares.memoryShares().size() + "):");
    for (MemoryShare share : shares.memoryShares()) {
      text.append("\n  ").append(ShareTexts.shownId(sharing, share.memoryId()))
          .append(" with ").append(share.sharedWith())
          .append(" (").append(share.permission()).append("): ").append(share.preview());
      ObjectNode entry =
          memoryShares.addObject()
              .put("server_id", share.memoryId().value())
              .put("shared_with", share.sharedWith())
              .put("permission", share.permission())
              .put("preview", share.preview());
      sharing.shownId(share.memoryId()).ifPresent(id -> entry.put("id", id.value()));
    }
    text.append("\nTags you share (").append(shares.tagShares().size()).append("):");
    for (TagShare share : shares.tagShares()) {
      text.append("\n  '").append(share.tag()).append("' with ").append(share.sharedWith())
          .append(" (").append(share.permission()).append(")");
      tagShares.addObject()
          .put("tag", share.tag())
          .put("shared_with", share.sharedWith())
          .put("permission", share.permission());
    }
    return ToolResult.success(text.toString(), structured);
  }
}
