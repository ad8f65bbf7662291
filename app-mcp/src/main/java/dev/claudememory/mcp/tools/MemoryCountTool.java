package dev.claudememory.mcp.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.core.port.MemoryCounts;
import dev.claudememory.core.recall.SemanticIndex;
import dev.claudememory.core.service.MemoryService;
import dev.claudememory.core.sync.PendingOp;
import dev.claudememory.core.sync.SyncStatus;
import java.util.Locale;
import java.util.Optional;

/** {@code memory_count}: how much is remembered, per category. */
public final class MemoryCountTool implements Tool {
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
             "total": {"type": "integer"},
             "by_category": {"type": "object", "additionalProperties": {"type": "integer"}},
             "semantic": {"type": "object", "description": "recall by meaning",
               "properties": {
                 "state": {"type": "string", "enum": ["off", "loading", "embedding", "ready", "unloaded", "unavailable"]},
                 "model": {"type": "string"},
                 "embedded": {"type": "integer", "description": "memories with a vector"},
                 "skipped": {"type": "integer", "description": "memories the model failed on, left without a vector until they change"},
                 "total": {"type": "integer"},
                 "reason": {"type": "string", "description": "why recall is by words only now"}},
               "required": ["state", "model", "embedded", "total"]},
             "sync": {"type": "object",
               "properties": {
                 "enabled": {"type": "boolean"},
                 "pending_operations": {"type": "integer"},
                 "unsynced_memories": {"type": "integer"},
                 "parked_operations": {"type": "integer"},
                 "last_push": {"type": "string"},
                 "last_pull": {"type": "string"},
                 "auth_ok": {"type": "boolean"},
                 "last_contact": {"type": "string"},
                 "last_error": {"type": "string"}},
               "required": ["enabled"]}},
           "required": ["total", "by_category", "sync"]}
          """);

  private static final ToolDefinition DEFINITION =
      new ToolDefinition(
          "memory_count",
          "Count memories",
          "Count the stored memories, in all and per category, with the state of sync when it"
              + " is configured.",
          INPUT,
          OUTPUT,
          ToolHints.reads(ToolHints.Reach.MEMORIES));

  /** How recall searches now: by words and meaning, or by words and why. */
  private static void describe(SemanticIndex.Status semantic, StringBuilder text, ObjectNode structured) {
    structured.put("state", semantic.state().name().toLowerCase(Locale.ROOT));
    structured.put("model", semantic.modelId());
    structured.put("embedded", semantic.embedded());
    structured.put("skipped", semantic.skipped());
    structured.put("total", semantic.total());
    semantic.reason().ifPresent(reason -> structured.put("reason", reason));
    if (semantic.reason().isEmpty()) {
      text.append("\nRecall: by words and by meaning (").append(semantic.embedded()).append(" of ")
          .append(semantic.total()).append(" memories embedded");
      appendSkipped(semantic, text);
      text.append(')');
    } else {
      text.append("\nRecall: by words only for now: ").append(semantic.reason().get());
      if (semantic.state() != SemanticIndex.State.OFF && semantic.state() != SemanticIndex.State.UNAVAILABLE) {
        text.append(" (").append(semantic.embedded()).append(" of ").append(semantic.total())
            .append(" memories embedded");
        appendSkipped(semantic, text);
        text.append(')');
      }
    }
  }

  private static void appendSkipped(SemanticIndex.Status semantic, StringBuilder text) {
    if (semantic.skipped() > 0) {
      text.append("; ").append(semantic.skipped()).append(" skipped: the model failed on ")
          .append(semantic.skipped() == 1 ? "it" : "them");
    }
  }

  @Override
  public ToolDefinition definition() {
    return DEFINITION;
  }

  @Override
  public ToolResult call(Arguments arguments, Services services) {
    MemoryService service = services.memories();
    MemoryCounts counts = service.count();
    StringBuilder text =
        new StringBuilder(service.isRemoteOnly() ? "Memories on the server: " : "Local memories: ")
            .append(counts.total());
    ObjectNode structured = Json.object();
    structured.put("total", counts.total());
    ObjectNode byCategory = structured.putObject("by_category");
    counts
        .byCategory()
        .forEach(
            (category, count) -> {
              text.append("\n  ").append(category).append(": ").append(count);
              byCategory.put(category, count);
            });
    service.semanticStatus().ifPresent(semantic -> describe(semantic, text, structured.putObject("semantic")));
    ObjectNode sync = structured.putObject("sync");
    Optional<SyncStatus> status = service.syncStatus();
    sync.put("enabled", status.isPresent());
    if (service.isRemoteOnly()) {
      text.append("\nSync: none (remote-only mode: every call goes to the memory API)");
      return ToolResult.success(text.toString(), structured);
    }
    if (status.isEmpty()) {
      text.append("\nSync: off (local-only mode; set MEMORY_API_KEY to sync with the memory API)");
      return ToolResult.success(text.toString(), structured);
    }
    SyncStatus state = status.get();
    text.append("\nSync:")
        .append("\n  Pending operations: ").append(state.pendingOps())
        .append("\n  Unsynced memories: ").append(state.unsyncedMemories())
        .append("\n  Parked operations: ").append(state.parked().size());
    for (PendingOp op : state.parked()) {
      text.append("\n    ").append(op.kind().name().toLowerCase(Locale.ROOT))
          .append(op.memoryId().map(id -> " #" + id).orElse(""))
          .append(": ").append(op.parkedReason().orElse(""));
    }
    text.append("\n  Last push: ").append(state.lastPush().orElse("never"))
        .append("\n  Last pull: ").append(state.lastPull().orElse("never"))
        .append("\n  Auth: ").append(state.authDisplay())
        .append("\n  API: ").append(state.lastContact().map(at -> "last answered " + at).orElse("not reached yet"));
    state.lastError().ifPresent(error -> text.append("\n  Last error: ").append(error));
    state.serverLostData().ifPresent(notice -> text.append("\n  Notice: ").append(notice.describe()));
    sync.put("pending_operations", state.pendingOps());
    sync.put("unsynced_memories", state.unsyncedMemories());
    sync.put("parked_operations", state.parked().size());
    state.lastPush().ifPresent(at -> sync.put("last_push", at));
    state.lastPull().ifPresent(at -> sync.put("last_pull", at));
    state.keyAccepted().ifPresent(accepted -> sync.put("auth_ok", accepted));
    state.lastContact().ifPresent(at -> sync.put("last_contact", at));
    state.lastError().ifPresent(error -> sync.put("last_error", error));
    state.serverLostData().ifPresent(notice -> sync.putObject("server_lost_data")
        .put("noticed_at", notice.noticedAt())
        .put("sent_again", notice.sentAgain()));
    return ToolResult.success(text.toString(), structured);
  }
}
