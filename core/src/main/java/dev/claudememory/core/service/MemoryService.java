package dev.claudememory.core.service;

import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.MemoryPatch;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.port.MemoryCounts;
import dev.claudememory.core.recall.ListQuery;
import dev.claudememory.core.recall.RecallQuery;
import dev.claudememory.core.recall.Recalled;
import dev.claudememory.core.recall.SemanticIndex;
import dev.claudememory.core.sync.SyncStatus;
import java.util.List;
import java.util.Optional;

/**
 * What the MCP tools, the CLI and embedding products do with memories. Thread-safe.
 *
 * <p>Invalid input is refused before anything changes, with {@link
 * dev.claudememory.core.InvalidInputException}; an unknown id is an empty result.
 */
public interface MemoryService extends AutoCloseable {

  /**
   * Stores a memory and returns it with its id, canonical category and clamped importance; or,
   * where the service refuses duplicates and a memory already holds the same content (equal after
   * the normalisation of {@link dev.claudememory.core.memory.ContentKey}), stores nothing and
   * returns that memory, marked {@link StoreResult#alreadyStored()}.
   */
  StoreResult store(NewMemory memory);

  /**
   * Memories matching the query, best first: by its words (all words first, then any), fused with
   * memories near it in meaning where recall by meaning is ready; the answer says which search ran.
   * Sensitive ones come {@link Memory#masked() masked}, found by their category, tags and keywords,
   * never by their content.
   */
  Recalled recall(RecallQuery query);

  /** The newest memories, sensitive ones {@link Memory#masked() masked}. */
  List<Memory> list(ListQuery query);

  /** One memory, sensitive or not: callers decide what to show. */
  Optional<Memory> get(MemoryId id);

  /**
   * A memory with its full content, for {@code secret_get}: where a sensitive memory's original is
   * kept apart from the memory (remote-only mode), it is fetched.
   */
  default Optional<Memory> secret(MemoryId id) {
    return get(id);
  }

  /** Changes the given fields; empty when the id is unknown. */
  Optional<Memory> update(MemoryId id, MemoryPatch patch);

  /** Deletes a memory; returns what it was, or empty when the id is unknown. */
  Optional<Memory> delete(MemoryId id);

  /** How many memories there are, in all and per category. */
  MemoryCounts count();

  /** The state of sync with the remote API; empty when there is none (local-only mode). */
  Optional<SyncStatus> syncStatus();

  /** Where recall by meaning stands; empty where the memory API does the searching. */
  default Optional<SemanticIndex.Status> semanticStatus() {
    return Optional.empty();
  }

  /** Whether every call goes to the memory API (remote-only mode) rather than a local database. */
  default boolean isRemoteOnly() {
    return false;
  }

  @Override
  void close();
}
