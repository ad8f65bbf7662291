package dev.claudememory.sqlite;

import static dev.claudememory.sqlite.Schema.LEASE;
import static dev.claudememory.sqlite.Schema.LEASE_EXPIRES_AT;
import static dev.claudememory.sqlite.Schema.LEASE_HOLDER;
import static dev.claudememory.sqlite.Schema.LEASE_NAME;
import static dev.claudememory.sqlite.Schema.META_KEY;
import static dev.claudememory.sqlite.Schema.META_VALUE;
import static dev.claudememory.sqlite.Schema.SYNC_META;

import dev.claudememory.core.memory.Timestamps;
import dev.claudememory.core.port.SyncState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record2;

/** Sync bookkeeping in {@code sync_meta} and {@code sync_lease}, in one transaction. */
final class SqliteSyncState implements SyncState {
  static final String SYNC_LEASE = "sync";

  private final DSLContext dsl;

  SqliteSyncState(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public Optional<String> get(String key) {
    return dsl.select(META_VALUE).from(SYNC_META).where(META_KEY.eq(key)).fetchOptional(META_VALUE);
  }

  @Override
  public void put(String key, String value) {
    dsl.insertInto(SYNC_META).columns(META_KEY, META_VALUE).values(key, value)
        .onConflict(META_KEY).doUpdate().set(META_VALUE, value)
        .execute();
  }

  @Override
  public void remove(String key) {
    dsl.deleteFrom(SYNC_META).where(META_KEY.eq(key)).execute();
  }

  @Override
  public boolean acquireLease(String holder, Instant now, Duration ttl) {
    Optional<Record2<String, String>> current =
        dsl.select(LEASE_HOLDER, LEASE_EXPIRES_AT).from(LEASE).where(LEASE_NAME.eq(SYNC_LEASE)).fetchOptional();
    boolean free =
        current.isEmpty()
            || current.get().value1().equals(holder)
            || Timestamps.parse(current.get().value2()).map(expiry -> !expiry.isAfter(now)).orElse(true);
    if (!free) {
      return false;
    }
    String expiresAt = Timestamps.format(now.plus(ttl));
    dsl.insertInto(LEASE).columns(LEASE_NAME, LEASE_HOLDER, LEASE_EXPIRES_AT)
        .values(SYNC_LEASE, holder, expiresAt)
        .onConflict(LEASE_NAME).doUpdate()
        .set(LEASE_HOLDER, holder)
        .set(LEASE_EXPIRES_AT, expiresAt)
        .execute();
    return true;
  }

  @Override
  public void releaseLease(String holder) {
    dsl.deleteFrom(LEASE).where(LEASE_NAME.eq(SYNC_LEASE).and(LEASE_HOLDER.eq(holder))).execute();
  }

  @Override
  public Optional<String> leaseHolder(Instant now) {
    return dsl.select(LEASE_HOLDER, LEASE_EXPIRES_AT).from(LEASE).where(LEASE_NAME.eq(SYNC_LEASE))
        .fetchOptional()
        .filter(lease -> Timestamps.parse(lease.value2()).map(expiry -> expiry.isAfter(now)).orElse(false))
        .map(Record2::value1);
  }
}
