package dev.claudememory.core.port;

import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.sync.PendingOp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The queue of unpushed changes, inside one write transaction of {@link MemoryStore#write}: a
 * change and its queued op commit together or not at all. Holds at most one op per memory.
 */
public interface Outbox {

  Optional<PendingOp> forMemory(MemoryId id);

  /** The queued delete of a memory the server knows by this id, if any. */
  Optional<PendingOp> deleteOf(ServerId id);

  Optional<PendingOp> byId(long opId);

  /** Ops due at {@code now}, oldest first, parked ones excluded. */
  List<PendingOp> due(Instant now, int max);

  /** Every op, parked ones included, oldest first. */
  List<PendingOp> all();

  /** Inserts a new op ({@code id} 0) or replaces the op with its id; returns it as saved. */
  PendingOp save(PendingOp op);

  void remove(long opId);

  /**
   * Removes and returns the Python version's queued operations ({@code pending_ops}), for the
   * engine to adopt in the same transaction.
   */
  List<LegacyOp> takeLegacyOps();
}
