package dev.claudememory.core.transfer;

import dev.claudememory.core.memory.ContentKey;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.ServerId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The memories an import recognises as already present (see {@link MemoryTransfer} for the rule).
 * Not thread-safe: one import's own.
 */
final class KnownMemories {
  private record Dated(String content, String category, String createdAt) {}

  private final Set<ServerId> serverIds = new HashSet<>();
  private final Set<Dated> dated = new HashSet<>();
  private final Set<ContentKey> contentKeys = new HashSet<>();
  private int size;

  static KnownMemories of(List<Memory> rows) {
    KnownMemories known = new KnownMemories();
    rows.forEach(row -> known.add(row, row.serverId()));
    return known;
  }

  boolean contains(ImportRecord record) {
    if (record.exportedServerId().filter(serverIds::contains).isPresent()) {
      return true;
    }
    String content = record.memory().content().text();
    String category = record.memory().category().name();
    return record.memory().createdAt()
        .map(createdAt -> dated.contains(new Dated(content, category, createdAt)))
        .orElseGet(() -> contentKeys.contains(ContentKey.of(content)));
  }

  /** Adds a row, known also by the server id its record was exported with. */
  void add(Memory row, Optional<ServerId> serverId) {
    serverId.ifPresent(serverIds::add);
    dated.add(new Dated(row.content(), row.category().name(), row.createdAt()));
    contentKeys.add(ContentKey.of(row.content()));
    size++;
  }

  void addAll(KnownMemories other) {
    serverIds.addAll(other.serverIds);
    dated.addAll(other.dated);
    contentKeys.addAll(other.contentKeys);
    size += other.size;
  }

  /** How many rows were added. */
  int size() {
    return size;
  }
}
