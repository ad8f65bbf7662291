package dev.claudememory.mcp.tools;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.core.remote.RemoteMemory;
import dev.claudememory.core.remote.SharedMemory;
import dev.claudememory.core.service.SharingService;
import java.util.List;

/** {@code memory_shared_with_me}: what other users share with this one. */
public final class MemorySharedWithMeTool implements Tool {
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
             "memories": {"type": "array", "items": {"type": "object",
               "properties": {
                 "server_id": {"type": "integer"},
                 "category": {"type": "string"},
                 "content": {"type": "string"},
                 "tags": {"type": "string"},
                 "shared_by": {"type": "string"},
                 "permission": {"type": "string"}},
               "required": ["server_id", "category", "content", "shared_by", "permission"]}}},
           "required": ["memories"]}
          """);

  private static final ToolDefinition DEFINITION =
      new ToolDefinition(
          "memory_shared_with_me",
          "Memories shared with me",
          "List the memories other users of the memory server share with this user.",
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
    List<SharedMemory> shared = sharing.sharedWithMe();
    ObjectNode structured = Json.object();
    ArrayNode memories = structured.putArray("memories");
    if (shared.isEmpty()) {
      return ToolResult.success("No memories are shared with you", structured);
    }
    StringBuilder text = new StringBuilder("Memories shared with you (" + shared.size() + "):");
    for (SharedMemory entry : shared) {
      RemoteMemory memory = entry.memory();
      String content = memory.sensitive() ? Texts.SENSITIVE_PLACEHOLDER : memory.content();
      text.append("\n").append(ShareTexts.shownId(sharing, memory.id()))
          .append(" [").append(memory.category()).append("] ").append(content)
          .append("\n  Shared by: ").append(entry.sharedBy())
          .append(" (").append(entry.permission()).append(") | Tags: ")
          .append(memory.tags().isBlank() ? "none" : memory.tags());
      memories.addObject()
          .put("server_id", memory.id().value())
          .put("category", memory.category())
          .put("content", content)
          .put("tags", memory.tags())
          .put("shared_by", entry.sharedBy())
          .put("permission", entry.permission());
    }
    return ToolResult.success(text.toString(), structured);
  }
}
