package dev.claudememory.core.port;

import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.ServerId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The sync engine's bookkeeping, inside one write transaction: named values (the Python version's
 * {@code sync_meta}, whose {@code last_sync_ts} is the pull cursor both versions share) and the
 * lease that lets one process at a time push a database's queue.
 */
public interface SyncState {

  Optional<String> get(String key);

  void put(String key, String value);

  void remove(String key);

  /**
   * Takes or renews the sync lease for {@code holder} until {@code now + ttl}; false when another
   * holder's lease has not expired.
   */
  boolean acquireLease(String holder, Instant now, Duration ttl);

  /** Gives the lease up if {@code holder} has it. */
  void releaseLease(String holder);

  /** Who holds a lease that has not expired at {@code now}; empty when the lease is free. */
  Optional<String> leaseHolder(Instant now);

  /**
   * Remembers a server copy whose memory is gone (replacing what was remembered of that copy). An
   * id given out again after the server lost its data can name several copies over time, each
   * remembered on its own.
   */
  void retire(RetiredServerId retired);

  /** The copy of {@code id} retired last, if any. */
  Optional<RetiredServerId> retired(ServerId id);

  /**
   * The retired copy of {@code id} created at {@code serverCreatedAt}, or one of {@code id} whose
   * creation time was not known (it may be that copy).
   */
  Optional<RetiredServerId> retiredCopy(ServerId id, String serverCreatedAt);

  /** Forgets every retired copy of {@code id}. */
  void forgetRetired(ServerId id);

  /**
   * Forgets the retired copy of {@code id} whose creation time was not known: once the id names
   * another copy, it could be taken for it.
   */
  void forgetRetiredOfUnknownCopy(ServerId id);

  /** Forgets the server ids retired, and the lost copies remembered, before {@code before}. */
  void pruneRetired(Instant before);

  /**
   * Remembers that the server lost {@code memory}'s copy {@code copy} at {@code at} (replacing what
   * was remembered of an earlier lost copy of it). Kept after the memory is deleted here: a copy
   * another machine sends again of it is then deleted too.
   */
  void rememberLostCopy(MemoryId memory, LostCopy copy, Instant at);

  /** The copy of {@code memory} the server lost last, if it lost one. */
  Optional<LostCopy> lostCopyOf(MemoryId memory);

  /** The memory whose lost copy {@code copy} was, if it was one here. */
  Optional<MemoryId> memoryOfLostCopy(LostCopy copy);
}
