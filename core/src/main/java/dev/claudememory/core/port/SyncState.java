package dev.claudememory.core.port;

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

  /** Remembers a server id whose memory is gone (replacing what was remembered of it). */
  void retire(RetiredServerId retired);

  Optional<RetiredServerId> retired(ServerId id);

  void forgetRetired(ServerId id);

  /** Forgets the server ids retired before {@code before}. */
  void pruneRetired(Instant before);
}
