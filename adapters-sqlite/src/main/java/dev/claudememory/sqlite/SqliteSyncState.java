package dev.claudememory.sqlite;

import dev.claudememory.core.memory.Timestamps;
import dev.claudememory.core.port.SyncState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Sync bookkeeping in {@code sync_meta} and {@code sync_lease}, in one transaction. */
final class SqliteSyncState implements SyncState {
  static final String SYNC_LEASE = "sync";

  private static final String GET = "SELECT value FROM sync_meta WHERE key = ?";
  private static final String PUT =
      "INSERT INTO sync_meta (key, value) VALUES (?, ?)"
          + " ON CONFLICT (key) DO UPDATE SET value = excluded.value";
  private static final String REMOVE = "DELETE FROM sync_meta WHERE key = ?";
  private static final String LEASE = "SELECT holder, expires_at FROM sync_lease WHERE name = ?";
  private static final String TAKE_LEASE =
      "INSERT INTO sync_lease (name, holder, expires_at) VALUES (?, ?, ?)"
          + " ON CONFLICT (name) DO UPDATE SET holder = excluded.holder,"
          + " expires_at = excluded.expires_at";
  private static final String RELEASE_LEASE = "DELETE FROM sync_lease WHERE name = ? AND holder = ?";

  private record Lease(String holder, String expiresAt) {}

  private final Session session;

  SqliteSyncState(Session session) {
    this.session = session;
  }

  @Override
  public Optional<String> get(String key) {
    return session.queryFirst(GET, row -> row.getString(1), key);
  }

  @Override
  public void put(String key, String value) {
    session.execute(PUT, key, value);
  }

  @Override
  public void remove(String key) {
    session.execute(REMOVE, key);
  }

  @Override
  public boolean acquireLease(String holder, Instant now, Duration ttl) {
    Optional<Lease> current = lease();
    boolean free =
        current.isEmpty()
            || current.get().holder().equals(holder)
            || Timestamps.parse(current.get().expiresAt()).map(expiry -> !expiry.isAfter(now)).orElse(true);
    if (!free) {
      return false;
    }
    session.execute(TAKE_LEASE, SYNC_LEASE, holder, Timestamps.format(now.plus(ttl)));
    return true;
  }

  @Override
  public void releaseLease(String holder) {
    session.execute(RELEASE_LEASE, SYNC_LEASE, holder);
  }

  @Override
  public Optional<String> leaseHolder(Instant now) {
    return lease()
        .filter(lease -> Timestamps.parse(lease.expiresAt()).map(expiry -> expiry.isAfter(now)).orElse(false))
        .map(Lease::holder);
  }

  private Optional<Lease> lease() {
    return session.queryFirst(LEASE, row -> new Lease(row.getString(1), row.getString(2)), SYNC_LEASE);
  }
}
