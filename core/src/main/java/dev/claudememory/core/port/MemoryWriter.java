package dev.claudememory.core.port;

import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.MemoryPatch;
import dev.claudememory.core.memory.NewMemory;
import java.time.Instant;
import java.util.Optional;

/** The changes one write transaction of {@link MemoryStore#write} can make. */
public interface MemoryWriter {

  /** Inserts a memory and returns it with its new local id. */
  Memory insert(NewMemory memory, Instant now);

  /** Applies a patch; empty when no memory has this id. */
  Optional<Memory> update(MemoryId id, MemoryPatch patch, Instant now);

  /** Deletes a memory and returns what it was; empty when no memory has this id. */
  Optional<Memory> delete(MemoryId id);

  /** The memory with this id as this transaction sees it. */
  Optional<Memory> find(MemoryId id);
}
