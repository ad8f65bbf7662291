package dev.claudememory.sqlite;

import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.memory.Timestamps;
import dev.claudememory.core.port.LostCopy;
import dev.claudememory.core.port.RetiredServerId;
import dev.claudememory.core.port.SyncState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Sync bookkeeping in {@code sync_meta}, {@code sync_lease}, {@code sync_retired_copies} and
 * {@code sync_lost_copies}, in one transaction.
 */
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

  private static final String RETIRE =
      "INSERT INTO sync_retired_copies (server_id, server_created_at, retired_at) VALUES (?, ?, ?)"
          + " ON CONFLICT (server_id, server_created_at) DO UPDATE SET retired_at = excluded.retired_at";
  private static final String RETIRED =
      "SELECT server_id, server_created_at, retired_at FROM sync_retired_copies WHERE server_id = ?"
          + " ORDER BY retired_at DESC, server_created_at DESC LIMIT 1";
  // the exact copy first, then one whose creation time was not known
  private static final String RETIRED_COPY =
      "SELECT server_id, server_created_at, retired_at FROM sync_retired_copies"
          + " WHERE server_id = ? AND server_created_at IN (?, '') ORDER BY server_created_at DESC LIMIT 1";
  private static final String FORGET_RETIRED = "DELETE FROM sync_retired_copies WHERE server_id = ?";
  private static final String FORGET_RETIRED_OF_UNKNOWN_COPY =
      "DELETE FROM sync_retired_copies WHERE server_id = ? AND server_created_at = ''";
  private static final String PRUNE_RETIRED = "DELETE FROM sync_retired_copies WHERE retired_at < ?";
  private static final String REMEMBER_LOST_COPY =
      "INSERT INTO sync_lost_copies (memory_id, server_id, server_created_at, sent_version, lost_at)"
          + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (memory_id) DO UPDATE SET server_id = excluded.server_id,"
          + " server_created_at = excluded.server_created_at, sent_version = excluded.sent_version,"
          + " lost_at = excluded.lost_at";
  private static final String LOST_COPY_OF =
      "SELECT server_id, server_created_at, sent_version FROM sync_lost_copies WHERE memory_id = ?";
  private static final String MEMORY_OF_LOST_COPY =
      "SELECT memory_id FROM sync_lost_copies WHERE server_id = ? AND server_created_at = ?"
          + " ORDER BY lost_at DESC LIMIT 1";
  private static final String PRUNE_LOST_COPIES = "DELETE FROM sync_lost_copies WHERE lost_at < ?";
  /** How a copy whose creation time was not known is kept in the key. */
  private static final String UNKNOWN = "";

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

  @Override
  public void retire(RetiredServerId retired) {
    session.execute(
        RETIRE,
        retired.serverId().value(),
        retired.serverCreatedAt().orElse(UNKNOWN),
        Timestamps.format(retired.retiredAt()));
  }

  @Override
  public Optional<RetiredServerId> retired(ServerId id) {
    return session.queryFirst(RETIRED, SqliteSyncState::retiredCopy, id.value());
  }

  @Override
  public Optional<RetiredServerId> retiredCopy(ServerId id, String serverCreatedAt) {
    return session.queryFirst(
        RETIRED_COPY, SqliteSyncState::retiredCopy, id.value(), RetiredServerId.comparable(serverCreatedAt));
  }

  private static RetiredServerId retiredCopy(ResultSet row) throws SQLException {
    String createdAt = row.getString(2);
    return new RetiredServerId(
        new ServerId(row.getLong(1)),
        createdAt.equals(UNKNOWN) ? Optional.empty() : Optional.of(createdAt),
        Timestamps.parse(row.getString(3)).orElse(Instant.EPOCH));
  }

  @Override
  public void forgetRetired(ServerId id) {
    session.execute(FORGET_RETIRED, id.value());
  }

  @Override
  public void forgetRetiredOfUnknownCopy(ServerId id) {
    session.execute(FORGET_RETIRED_OF_UNKNOWN_COPY, id.value());
  }

  @Override
  public void pruneRetired(Instant before) {
    session.execute(PRUNE_RETIRED, Timestamps.format(before));
    session.execute(PRUNE_LOST_COPIES, Timestamps.format(before));
  }

  @Override
  public void rememberLostCopy(MemoryId memory, LostCopy copy, Instant at) {
    session.execute(REMEMBER_LOST_COPY, memory.value(), copy.serverId().value(), copy.serverCreatedAt(),
        copy.sentVersion().orElse(null), Timestamps.format(at));
  }

  @Override
  public Optional<LostCopy> lostCopyOf(MemoryId memory) {
    return session.queryFirst(
        LOST_COPY_OF,
        row -> new LostCopy(new ServerId(row.getLong(1)), row.getString(2), Optional.ofNullable(row.getString(3))),
        memory.value());
  }

  @Override
  public Optional<MemoryId> memoryOfLostCopy(LostCopy copy) {
    return session.queryFirst(MEMORY_OF_LOST_COPY, row -> new MemoryId(row.getLong(1)),
        copy.serverId().value(), copy.serverCreatedAt());
  }
}
