package dev.claudememory.core.service;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.memory.ContentKey;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.MemoryPatch;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.port.MemoryCounts;
import dev.claudememory.core.port.MemoryStore;
import dev.claudememory.core.port.MemoryWriter;
import dev.claudememory.core.port.RetiredServerId;
import dev.claudememory.core.port.ServerLink;
import dev.claudememory.core.recall.ListQuery;
import dev.claudememory.core.recall.Recall;
import dev.claudememory.core.recall.RecallQuery;
import dev.claudememory.core.recall.Recalled;
import dev.claudememory.core.recall.Search;
import dev.claudememory.core.recall.SemanticIndex;
import dev.claudememory.core.remote.MemoryFields;
import dev.claudememory.core.sync.BackgroundSync;
import dev.claudememory.core.sync.LocalChange;
import dev.claudememory.core.sync.OpCoalescer;
import dev.claudememory.core.sync.OpKind;
import dev.claudememory.core.sync.PendingOp;
import dev.claudememory.core.sync.SyncStatus;
import dev.claudememory.core.sync.SyncTrigger;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every read and write goes to the local database; nothing here touches the network. Each write
 * queues its change for the server in the same transaction (so sync can never miss it, even one
 * made before sync was configured) and then wakes the background sync.
 *
 * <p>A store whose content a memory already holds (see {@link ContentKey}) stores nothing and
 * answers that memory, unless built with {@link DuplicateContent#STORE_AGAIN}. The check runs in
 * the store's own write transaction, so two processes storing the same text at once keep one.
 * Thread-safe.
 */
public final class LocalFirstMemoryService implements MemoryService {
  private final MemoryStore store;
  private final Clock clock;
  private final BackgroundSync sync;
  private final DuplicateContent duplicates;
  private final SemanticIndex semantic;

  /**
   * @param sync woken after every write, closed before the store
   * @param duplicates what a store of content already held does
   * @param semantic recall by meaning: told of every write, closed before the store
   */
  public LocalFirstMemoryService(
      MemoryStore store,
      Clock clock,
      BackgroundSync sync,
      DuplicateContent duplicates,
      SemanticIndex semantic) {
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
    this.sync = requireNonNull(sync, "sync");
    this.duplicates = requireNonNull(duplicates, "duplicates");
    this.semantic = requireNonNull(semantic, "semantic");
  }

  /** A service whose recall is lexical only. */
  public LocalFirstMemoryService(
      MemoryStore store, Clock clock, BackgroundSync sync, DuplicateContent duplicates) {
    this(store, clock, sync, duplicates, SemanticIndex.off("recall by meaning is not set up"));
  }

  /** A service that answers the existing memory for content already held. */
  public LocalFirstMemoryService(MemoryStore store, Clock clock, BackgroundSync sync) {
    this(store, clock, sync, DuplicateContent.RETURN_EXISTING);
  }

  public LocalFirstMemoryService(MemoryStore store, Clock clock, SyncTrigger syncTrigger) {
    this(store, clock, BackgroundSync.of(requireNonNull(syncTrigger, "syncTrigger")));
  }

  /** A service with no background sync (local-only mode). */
  public LocalFirstMemoryService(MemoryStore store, Clock clock) {
    this(store, clock, BackgroundSync.NONE);
  }

  @Override
  public StoreResult store(NewMemory memory) {
    requireNonNull(memory, "memory");
    // worked out before the transaction: the one writer thread is every store's bottleneck
    ContentKey key = ContentKey.of(memory.content().text());
    StoreResult result =
        store.write(
            writer -> {
              if (duplicates == DuplicateContent.RETURN_EXISTING) {
                Optional<Memory> existing = writer.findByContentKey(key);
                if (existing.isPresent()) {
                  return StoreResult.alreadyStored(existing.get());
                }
              }
              Instant now = clock.instant();
              Memory inserted = writer.insert(memory, now);
              enqueue(writer, LocalChange.STORED, inserted, inserted, now);
              return StoreResult.stored(inserted);
            });
    if (!result.alreadyStored()) {
      sync.wake();
      semantic.changed();
    }
    return result;
  }

  @Override
  public Recalled recall(RecallQuery query) {
    requireNonNull(query, "query");
    if (query.terms().isEmpty()) {
      return new Recalled(List.of(), Search.lexical("nothing searchable in the query"));
    }
    SemanticIndex.Nearest nearest = semantic.nearest(query.terms().text(), Recall.CANDIDATES);
    if (nearest instanceof SemanticIndex.Found) {
      Recalled hybrid = Recall.hybrid(store, query, ((SemanticIndex.Found) nearest).neighbours());
      return new Recalled(masked(hybrid.memories()), hybrid.search());
    }
    return new Recalled(
        masked(Recall.run(store, query)), Search.lexical(((SemanticIndex.Unavailable) nearest).reason()));
  }

  @Override
  public List<Memory> list(ListQuery query) {
    requireNonNull(query, "query");
    return masked(store.recent(query.category(), query.limit()));
  }

  private static List<Memory> masked(List<Memory> memories) {
    return memories.stream().map(Memory::masked).collect(Collectors.toList());
  }

  @Override
  public Optional<Memory> get(MemoryId id) {
    return store.find(requireNonNull(id, "id"));
  }

  @Override
  public Optional<Memory> update(MemoryId id, MemoryPatch patch) {
    requireNonNull(id, "id");
    requireNonNull(patch, "patch");
    Optional<Memory> updated =
        store.write(
            writer -> {
              Instant now = clock.instant();
              Optional<Memory> before = writer.find(id);
              Optional<Memory> changed = writer.update(id, patch, now);
              changed.ifPresent(
                  memory -> enqueue(writer, LocalChange.UPDATED, before.orElseThrow(), memory, now));
              return changed;
            });
    updated.ifPresent(memory -> {
      sync.wake();
      semantic.changed();
    });
    return updated;
  }

  @Override
  public Optional<Memory> delete(MemoryId id) {
    requireNonNull(id, "id");
    Optional<Memory> deleted =
        store.write(
            writer -> {
              Instant now = clock.instant();
              Optional<ServerLink> link = writer.linkOf(id);
              Optional<Memory> removed = writer.delete(id);
              removed.ifPresent(memory -> enqueue(writer, LocalChange.DELETED, memory, memory, now));
              // its server id is never taken for another memory's copy, and is deleted again if a
              // server restored from an older backup shows it
              link.ifPresent(copy -> writer.syncState().retire(
                  new RetiredServerId(copy.serverId(), copy.serverCreatedAt(), now)));
              return removed;
            });
    deleted.ifPresent(memory -> {
      sync.wake();
      semantic.removed(memory.id());
    });
    return deleted;
  }

  /**
   * Queues a change for sync, merged with what is queued already.
   *
   * @param before the row before the change
   * @param after the row after it (for a delete, as it was)
   */
  private static void enqueue(
      MemoryWriter writer, LocalChange change, Memory before, Memory after, Instant now) {
    Optional<PendingOp> queued = writer.outbox().forMemory(after.id());
    if (queued.isEmpty() && before.serverId().isEmpty() && change != LocalChange.STORED) {
      // every row this product writes has an op until the server has it, so this one was written
      // by the Python version, whose push may have reached the server with its answer lost
      queued = Optional.of(writer.outbox().save(PendingOp.adopted(before, now)));
    }
    boolean firstChange = queued.isEmpty();
    Optional<PendingOp> merged =
        OpCoalescer.merge(queued, change, after, now)
            // a new update: the server's copy holds the memory as it was before it
            .map(op -> firstChange && op.kind() == OpKind.UPDATE
                ? op.copyHolds(MemoryFields.of(before))
                : op);
    if (merged.isPresent()) {
      writer.outbox().save(merged.get());
    } else {
      queued.ifPresent(op -> writer.outbox().remove(op.id()));
    }
  }

  @Override
  public MemoryCounts count() {
    return store.counts();
  }

  @Override
  public Optional<SyncStatus> syncStatus() {
    return sync.status();
  }

  @Override
  public Optional<SemanticIndex.Status> semanticStatus() {
    return Optional.of(semantic.status());
  }

  @Override
  public void close() {
    try {
      sync.close();
    } finally {
      try {
        semantic.close();
      } finally {
        store.close();
      }
    }
  }
}
