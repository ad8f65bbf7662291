package dev.claudememory.core.service;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.MemoryPatch;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.port.MemoryCounts;
import dev.claudememory.core.port.MemoryStore;
import dev.claudememory.core.recall.ListQuery;
import dev.claudememory.core.recall.Recall;
import dev.claudememory.core.recall.RecallQuery;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Every read and write goes to the local database; nothing here touches the network. */
public final class LocalFirstMemoryService implements MemoryService {
  private final MemoryStore store;
  private final Clock clock;

  public LocalFirstMemoryService(MemoryStore store, Clock clock) {
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public Memory store(NewMemory memory) {
    requireNonNull(memory, "memory");
    return store.write(writer -> writer.insert(memory, clock.instant()));
  }

  @Override
  public List<Memory> recall(RecallQuery query) {
    return Recall.run(store, requireNonNull(query, "query"));
  }

  @Override
  public List<Memory> list(ListQuery query) {
    requireNonNull(query, "query");
    return store.recent(query.category(), query.limit());
  }

  @Override
  public Optional<Memory> get(MemoryId id) {
    return store.find(requireNonNull(id, "id"));
  }

  @Override
  public Optional<Memory> update(MemoryId id, MemoryPatch patch) {
    requireNonNull(id, "id");
    requireNonNull(patch, "patch");
    return store.write(writer -> writer.update(id, patch, clock.instant()));
  }

  @Override
  public Optional<Memory> delete(MemoryId id) {
    requireNonNull(id, "id");
    return store.write(writer -> writer.delete(id));
  }

  @Override
  public MemoryCounts count() {
    return store.counts();
  }

  @Override
  public void close() {
    store.close();
  }
}
