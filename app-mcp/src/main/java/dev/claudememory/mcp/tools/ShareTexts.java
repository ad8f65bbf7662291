package dev.claudememory.mcp.tools;

import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.service.ShareOutcome;
import dev.claudememory.core.service.SharingService;

/** The sharing tools' texts and their shared pieces of schema. */
final class ShareTexts {
  static final String SHARED_WITH_PROPERTY =
      """
      "shared_with": {"type": "string", "minLength": 1,
        "description": "The user name to share with, as the memory API knows it."}""";
  static final String PERMISSION_PROPERTY =
      """
      "permission": {"type": "string", "enum": ["read", "write"], "default": "read",
        "description": "read: they can recall it; write: they can also update it."}""";
  static final String DONE_SCHEMA =
      """
      {"type": "object",
       "properties": {"done": {"type": "boolean"}, "shared_with": {"type": "string"}},
       "required": ["done", "shared_with"]}""";

  private ShareTexts() {}

  /** The error text for a memory the server cannot act on; empty text when it was done. */
  static ToolResult failure(ShareOutcome outcome, MemoryId id) {
    if (outcome == ShareOutcome.NOT_FOUND) {
      return ToolResult.error(Texts.notFound(id.value()));
    }
    return ToolResult.error(
        "Memory #" + id + " has not reached the memory server yet (it is queued for sync), so it"
            + " cannot be shared yet; try again after the next sync (memory_count shows what is"
            + " pending)");
  }

  /** How a memory the server knows is shown: by the id the other tools take, where there is one. */
  static String shownId(SharingService sharing, ServerId id) {
    return sharing.shownId(id).map(shown -> "#" + shown).orElse("server memory " + id);
  }
}
