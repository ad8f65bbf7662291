package dev.claudememory.testkit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.core.memory.Timestamps;
import java.time.Instant;

/** The API's answer shapes for a memory, each as SPEC §6 lists its fields. */
final class MemoryJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private MemoryJson() {}

  /** What a store answers. */
  static ObjectNode created(Row row) {
    return NODES.objectNode()
        .put("id", row.id())
        .put("category", row.category())
        .put("importance", row.importance());
  }

  /** A memory in a sync answer: the stored (possibly redacted) content, never masked. */
  static ObjectNode synced(Row row) {
    ObjectNode node =
        NODES.objectNode()
            .put("id", row.id())
            .put("content", row.content())
            .put("category", row.category())
            .put("tags", row.tags())
            .put("expanded_keywords", row.expandedKeywords())
            .put("importance", row.importance())
            .put("is_sensitive", row.sensitive())
            .put("created_at", time(row.createdAt()))
            .put("updated_at", time(row.updatedAt()));
    if (row.deletedAt().isPresent()) {
      node.put("deleted_at", time(row.deletedAt().get()));
    } else {
      node.putNull("deleted_at");
    }
    return node;
  }

  /** {@code GET /api/memories/{id}}: the memory with its owner and (always empty) links. */
  static ObjectNode full(Row row) {
    ObjectNode node = synced(row).put("owner", FakeMemoryApiServer.USER_NAME);
    node.putNull("shared_by");
    node.putArray("links_out");
    node.putArray("links_in");
    return node;
  }

  /** A memory in a list answer, sensitive content masked. */
  static ObjectNode listed(Row row) {
    ObjectNode node =
        synced(row).put("content", shown(row)).put("owner", FakeMemoryApiServer.USER_NAME);
    node.remove("deleted_at");
    return node;
  }

  /** A memory in a recall answer, sensitive content masked. */
  static ObjectNode recalled(WordSearch.Hit hit) {
    Row row = hit.row();
    ObjectNode node =
        NODES.objectNode()
            .put("id", row.id())
            .put("content", shown(row))
            .put("category", row.category())
            .put("tags", row.tags())
            .put("importance", row.importance())
            .put("is_sensitive", row.sensitive())
            .put("rank", hit.rank())
            .put("owner", FakeMemoryApiServer.USER_NAME)
            .put("created_at", time(row.createdAt()))
            .put("updated_at", time(row.updatedAt()));
    node.putNull("shared_by");
    node.putArray("links");
    return node;
  }

  static String time(Instant instant) {
    return Timestamps.format(instant);
  }

  private static String shown(Row row) {
    return row.sensitive() ? "[SENSITIVE - use secret_get(id=" + row.id() + ")]" : row.content();
  }
}
