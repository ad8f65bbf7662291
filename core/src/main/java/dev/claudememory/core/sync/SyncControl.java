package dev.claudememory.core.sync;

import dev.claudememory.core.port.MemoryStore;
import java.time.Clock;
import java.util.List;

/**
 * Sync as people and embedders drive it (the CLI's {@code sync} commands): its state, a cycle on
 * demand, and the changes the server refused for good (parked ops, the dead letters), which only
 * the user may retry or discard.
 *
 * <p>Thread-safe. Every change runs in one write transaction of the store; nothing is ever dropped
 * without being asked for by its op id. Sensitive content is in none of the results.
 */
public interface SyncControl {

  /** The state of sync, read from the database. */
  SyncStatus status();

  /**
   * Runs one cycle (push, then pull) on the caller's thread, unless another process holds the
   * sync lease: that process syncs this database and is left alone. Gives up the lease when done,
   * as a short-lived process must.
   */
  SyncNowResult syncNow();

  /** The changes the server refused for good, oldest first. */
  List<PendingOp> parked();

  /** Makes a parked op due now with its attempts reset; refused when it is unknown or not parked. */
  ParkedOpResult retry(long opId);

  /** Makes every parked op due now; returns how many there were. */
  int retryAll();

  /**
   * Drops a parked update or delete and lets the server's copy win: the local row stays as it is
   * until the next pull, which is made a full one so that it brings the server's copy back (over
   * the local row the update changed, or in place of the row the delete removed). A parked create
   * is refused: the server has never had the memory, so dropping the op would leave a row that sync
   * sends again; the memory must be changed so the server accepts it, or deleted. Refused too when
   * the op is unknown or not parked.
   */
  ParkedOpResult discard(long opId);

  /** Control over {@code engine}, which syncs {@code store}. */
  static SyncControl of(SyncEngine engine, MemoryStore store, Clock clock) {
    return new EngineSyncControl(engine, store, clock);
  }
}
