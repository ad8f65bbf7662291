package dev.claudememory.core.port;

import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.ContentKey;
import dev.claudememory.core.memory.ImportedMemory;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.MemoryPatch;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.memory.QuantizedVector;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.memory.StoredVector;
import dev.claudememory.core.remote.RemoteMemory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The changes one write transaction of {@link MemoryStore#write} can make. */
public interface MemoryWriter {

  /** Inserts a memory and returns it with its new local id. */
  Memory insert(NewMemory memory, Instant now);

  /**
   * Adds a memory brought in by an import and returns it with its new local id: its fields and
   * timestamps as given (both {@code now} where it has none), its category whatever its name, no
   * server id.
   */
  Memory insertImported(ImportedMemory memory, Instant now);

  /** Applies a patch; empty when no memory has this id. */
  Optional<Memory> update(MemoryId id, MemoryPatch patch, Instant now);

  /** Deletes a memory and returns what it was; empty when no memory has this id. */
  Optional<Memory> delete(MemoryId id);

  /** The memory with this id as this transaction sees it. */
  Optional<Memory> find(MemoryId id);

  /** The memory the server knows by this id. */
  Optional<Memory> findByServerId(ServerId id);

  /**
   * The oldest memory (lowest id) whose content has this key, sensitive or not: the memory a new
   * one with the same content would duplicate. Rows written by other programs are included, with
   * or without a key stored for them. Fast at any size (an index, not a scan).
   */
  Optional<Memory> findByContentKey(ContentKey key);

  /**
   * Groups of memories whose contents have the same key, sensitive ones included, each group
   * oldest first, the groups ordered by their oldest memory.
   *
   * @param maxGroups how many groups to return at most, positive
   */
  List<DuplicateGroup> nearDuplicates(int maxGroups);

  /**
   * Records that the server holds the memory as {@code serverId}, in its canonical category; what
   * was known of an earlier copy (its timestamps) is forgotten.
   */
  void assignServerId(MemoryId id, ServerId serverId, Category category);

  /**
   * Adds a memory first stored elsewhere, with the server's fields and timestamps (recorded as
   * its copy's too).
   */
  Memory insertFromServer(RemoteMemory memory);

  /**
   * Replaces a memory's fields with the server's, and records the copy's timestamps.
   *
   * @param keepLocalContent keep the local content (the server holds a redacted copy of it)
   */
  void overwriteFromServer(MemoryId id, RemoteMemory memory, boolean keepLocalContent);

  /** Every memory the server knows (with a server id). */
  List<Memory> synced();

  /** Every memory linked to the server, with what is known of its copy there. */
  List<ServerLink> serverLinks();

  /** The link of a memory; empty when it has no server id. */
  Optional<ServerLink> linkOf(MemoryId id);

  /**
   * Records the server's {@code created_at} of a linked memory's copy and an {@code updated_at} a
   * pull showed of it.
   */
  void recordServerCopy(MemoryId id, String serverCreatedAt, String serverUpdatedAt);

  /**
   * Forgets a memory's copy on the server, which lost it or gave its id to another memory: the
   * memory has no server id from now on, and is marked as sent again at {@code resentAt}.
   */
  void unlinkFromServer(MemoryId id, Instant resentAt);

  /** When a memory was last sent again because the server lost its copy; empty if never. */
  Optional<Instant> resentAt(MemoryId id);

  /** Every memory that has never reached the server (no server id). */
  List<Memory> unsynced();

  /**
   * Memories with an id above {@code afterId} and without a vector of this model (new, changed
   * since they were embedded, or embedded by another model), lowest id first: a caller going
   * through all of them asks next from the last id it got, so no batch reads again the rows of
   * the batches before it.
   */
  List<Memory> withoutVector(String modelId, long afterId, int max);

  /**
   * Stores a memory's vector, replacing any other, unless the memory is gone or changed since it
   * was read ({@code updatedAt} no longer its own): a vector always matches its memory's text.
   *
   * @return whether it was stored
   */
  boolean putVector(MemoryId id, String updatedAt, String modelId, QuantizedVector vector);

  /** Vectors of this model written after {@code afterSequence}, in the order they were written. */
  List<StoredVector> vectorsAfter(String modelId, long afterSequence, int max);

  /** How many memories have a vector of this model. */
  long vectorCount(String modelId);

  /** The queue of unpushed changes, in this transaction. */
  Outbox outbox();

  /** The sync engine's bookkeeping, in this transaction. */
  SyncState syncState();
}
