package dev.claudememory.core.fakes;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.port.LostCopy;
import dev.claudememory.core.port.RetiredServerId;
import dev.claudememory.core.port.SyncState;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The sync state of {@link InMemoryMemoryStore}: named values and the lease, as one
 * transaction's private copy, published whole when it commits.
 */
final class SyncStateTable implements SyncState {
  private final TreeMap<String, String> values;
  private final TreeMap<String, RetiredServerId> retired;
  private final TreeMap<Long, LostCopyRow> lostCopies;
  private final OutboxTable.Access access;
  private Optional<Lease> lease;

  private record Lease(String holder, Instant expiresAt) {}

  private record LostCopyRow(LostCopy copy, Instant lostAt) {}

  /** An empty state; only a copy of it is ever used. */
  SyncStateTable() {
    this(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), Optional.empty(), null);
  }

  private SyncStateTable(
      TreeMap<String, String> values,
      TreeMap<String, RetiredServerId> retired,
      TreeMap<Long, LostCopyRow> lostCopies,
      Optional<Lease> lease,
      OutboxTable.Access access) {
    this.values = values;
    this.retired = retired;
    this.lostCopies = lostCopies;
    this.lease = lease;
    this.access = access;
  }

  SyncStateTable copyFor(OutboxTable.Access guard) {
    return new SyncStateTable(new TreeMap<>(values), new TreeMap<>(retired), new TreeMap<>(lostCopies), lease, guard);
  }

  /** Who holds the lease now, expired or not. */
  Optional<String> leaseHolder() {
    return lease.map(Lease::holder);
  }

  @Override
  public Optional<String> get(String key) {
    access.reading();
    return Optional.ofNullable(values.get(requireNonNull(key, "key")));
  }

  @Override
  public void put(String key, String value) {
    access.writing();
    values.put(requireNonNull(key, "key"), requireNonNull(value, "value"));
  }

  @Override
  public void remove(String key) {
    access.writing();
    values.remove(requireNonNull(key, "key"));
  }

  @Override
  public boolean acquireLease(String holder, Instant now, Duration ttl) {
    access.writing();
    requireNonNull(holder, "holder");
    requireNonNull(now, "now");
    requireNonNull(ttl, "ttl");
    boolean free =
        lease.isEmpty()
            || lease.get().holder().equals(holder)
            || !now.isBefore(lease.get().expiresAt());
    if (free) {
      lease = Optional.of(new Lease(holder, now.plus(ttl).truncatedTo(ChronoUnit.MICROS)));
    }
    return free;
  }

  @Override
  public void releaseLease(String holder) {
    access.writing();
    if (lease.isPresent() && lease.get().holder().equals(requireNonNull(holder, "holder"))) {
      lease = Optional.empty();
    }
  }

  @Override
  public Optional<String> leaseHolder(Instant now) {
    access.reading();
    requireNonNull(now, "now");
    return lease.filter(held -> now.isBefore(held.expiresAt())).map(Lease::holder);
  }

  @Override
  public void retire(RetiredServerId id) {
    access.writing();
    RetiredServerId truncated =
        new RetiredServerId(id.serverId(), id.serverCreatedAt(), id.retiredAt().truncatedTo(ChronoUnit.MICROS));
    retired.put(key(id.serverId(), id.serverCreatedAt().orElse("")), truncated);
  }

  @Override
  public Optional<RetiredServerId> retired(ServerId id) {
    access.reading();
    requireNonNull(id, "id");
    return retired.values().stream()
        .filter(copy -> copy.serverId().equals(id))
        .max(Comparator.comparing(RetiredServerId::retiredAt)
            .thenComparing(copy -> copy.serverCreatedAt().orElse("")));
  }

  @Override
  public Optional<RetiredServerId> retiredCopy(ServerId id, String serverCreatedAt) {
    access.reading();
    requireNonNull(id, "id");
    requireNonNull(serverCreatedAt, "serverCreatedAt");
    return Optional.ofNullable(retired.get(key(id, RetiredServerId.comparable(serverCreatedAt))))
        .or(() -> Optional.ofNullable(retired.get(key(id, ""))));
  }

  @Override
  public void forgetRetired(ServerId id) {
    access.writing();
    requireNonNull(id, "id");
    retired.values().removeIf(copy -> copy.serverId().equals(id));
  }

  @Override
  public void forgetRetiredOfUnknownCopy(ServerId id) {
    access.writing();
    retired.remove(key(requireNonNull(id, "id"), ""));
  }

  /** One entry a copy: its id and creation time, empty when not known. */
  private static String key(ServerId id, String serverCreatedAt) {
    return id.value() + " " + serverCreatedAt;
  }

  @Override
  public void pruneRetired(Instant before) {
    access.writing();
    requireNonNull(before, "before");
    retired.values().removeIf(id -> id.retiredAt().isBefore(before));
    lostCopies.values().removeIf(row -> row.lostAt().isBefore(before));
  }

  @Override
  public void rememberLostCopy(MemoryId memory, LostCopy copy, Instant at) {
    access.writing();
    lostCopies.put(memory.value(), new LostCopyRow(requireNonNull(copy, "copy"), at.truncatedTo(ChronoUnit.MICROS)));
  }

  @Override
  public Optional<LostCopy> lostCopyOf(MemoryId memory) {
    access.reading();
    return Optional.ofNullable(lostCopies.get(memory.value())).map(LostCopyRow::copy);
  }

  @Override
  public Optional<MemoryId> memoryOfLostCopy(LostCopy copy) {
    access.reading();
    return lostCopies.entrySet().stream()
        .filter(entry -> entry.getValue().copy().sameCopy(copy))
        .max(Comparator.comparing(entry -> entry.getValue().lostAt()))
        .map(entry -> new MemoryId(entry.getKey()));
  }
}
