package dev.claudememory.core.fakes;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.port.LegacyOp;
import dev.claudememory.core.port.Outbox;
import dev.claudememory.core.sync.OpKind;
import dev.claudememory.core.sync.PendingOp;
import dev.claudememory.core.sync.SendWindow;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The outbox of {@link InMemoryMemoryStore}: one transaction's private copy, published whole when
 * the transaction commits. Stricter than a database table where that catches engine bugs: a
 * second op for a memory that has one, or a save of an op that is not there, fails.
 */
final class OutboxTable implements Outbox {
  private static final Comparator<PendingOp> OLDEST_FIRST =
      Comparator.comparing(PendingOp::createdAt).thenComparingLong(PendingOp::id);

  private final TreeMap<Long, PendingOp> ops;
  private final List<LegacyOp> legacyOps;
  private final Access access;
  private long lastOpId;

  /** Checks a transaction's writer makes before each read and each change. */
  interface Access {
    void reading();

    void writing();
  }

  /** An empty outbox with no legacy ops; only a committed copy of it is ever used. */
  OutboxTable() {
    this(new TreeMap<>(), new ArrayList<>(), 0, null);
  }

  private OutboxTable(
      TreeMap<Long, PendingOp> ops, List<LegacyOp> legacyOps, long lastOpId, Access access) {
    this.ops = ops;
    this.legacyOps = legacyOps;
    this.lastOpId = lastOpId;
    this.access = access;
  }

  /** A private copy for one transaction, guarded by {@code access}. */
  OutboxTable copyFor(Access guard) {
    return new OutboxTable(new TreeMap<>(ops), new ArrayList<>(legacyOps), lastOpId, guard);
  }

  void replaceLegacyOps(List<LegacyOp> ops) {
    access.writing();
    legacyOps.clear();
    legacyOps.addAll(ops);
  }

  @Override
  public Optional<PendingOp> forMemory(MemoryId id) {
    access.reading();
    requireNonNull(id, "id");
    return ops.values().stream().filter(op -> op.memoryId().equals(Optional.of(id))).findFirst();
  }

  @Override
  public Optional<PendingOp> deleteOf(ServerId id) {
    access.reading();
    requireNonNull(id, "id");
    return ops.values().stream()
        .filter(op -> op.kind() == OpKind.DELETE && op.serverId().equals(Optional.of(id)))
        .sorted(OLDEST_FIRST)
        .findFirst();
  }

  @Override
  public Optional<PendingOp> byId(long opId) {
    access.reading();
    return Optional.ofNullable(ops.get(opId));
  }

  @Override
  public List<PendingOp> due(Instant now, int max) {
    access.reading();
    requireNonNull(now, "now");
    return ops.values().stream()
        .filter(op -> !op.isParked())
        .filter(op -> !op.nextAttemptAt().isAfter(now))
        .sorted(OLDEST_FIRST)
        .limit(max)
        .collect(Collectors.toList());
  }

  @Override
  public List<PendingOp> all() {
    access.reading();
    return ops.values().stream().sorted(OLDEST_FIRST).collect(Collectors.toList());
  }

  @Override
  public PendingOp save(PendingOp op) {
    access.writing();
    requireNonNull(op, "op");
    long id = op.id() == 0 ? lastOpId + 1 : op.id();
    if (op.id() != 0 && !ops.containsKey(id)) {
      throw new IllegalStateException("no queued op has id " + id + " to replace: " + op);
    }
    op.memoryId()
        .flatMap(this::forMemory)
        .filter(other -> other.id() != id)
        .ifPresent(
            other -> {
              throw new IllegalStateException(
                  "memory " + op.memoryId().get() + " already has a queued op " + other);
            });
    PendingOp saved =
        new PendingOp(
            id,
            op.memoryId(),
            op.kind(),
            op.serverId(),
            op.key(),
            op.revision(),
            op.attempts(),
            micros(op.nextAttemptAt()),
            op.unconfirmedContent(),
            op.unconfirmedTerms(),
            op.unconfirmedSend().map(send ->
                new SendWindow(micros(send.sentAt()), send.landedBy().map(OutboxTable::micros))),
            op.lastError(),
            op.parkedReason(),
            micros(op.createdAt()));
    ops.put(id, saved);
    lastOpId = Math.max(lastOpId, id);
    return saved;
  }

  @Override
  public void remove(long opId) {
    access.writing();
    ops.remove(opId);
  }

  @Override
  public List<LegacyOp> takeLegacyOps() {
    access.writing();
    List<LegacyOp> taken = List.copyOf(legacyOps);
    legacyOps.clear();
    return taken;
  }

  /** The database keeps timestamps as text to the microsecond. */
  private static Instant micros(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }
}
