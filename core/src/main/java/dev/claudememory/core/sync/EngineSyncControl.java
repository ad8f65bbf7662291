package dev.claudememory.core.sync;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.port.MemoryStore;
import dev.claudememory.core.port.MemoryWriter;
import dev.claudememory.core.sync.ParkedOpResult.Refusal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@link SyncControl} over one sync engine and the store it syncs. */
final class EngineSyncControl implements SyncControl {
  private final SyncEngine engine;
  private final MemoryStore store;
  private final Clock clock;

  EngineSyncControl(SyncEngine engine, MemoryStore store, Clock clock) {
    this.engine = requireNonNull(engine, "engine");
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public SyncStatus status() {
    return engine.status();
  }

  @Override
  public SyncNowResult syncNow() {
    // checked before start-up, which would otherwise lift the holder's remembered auth failure
    Optional<String> other = engine.otherLeaseHolder();
    if (other.isPresent()) {
      return new SyncNowResult.LeaseHeldElsewhere(other.get());
    }
    return result(engine.runOnce());
  }

  private SyncNowResult result(CycleReport report) {
    Optional<String> lastError = engine.status().lastError();
    if (report.notRun().isPresent()) {
      switch (report.notRun().get()) {
        case LEASE_HELD_ELSEWHERE:
          return new SyncNowResult.LeaseHeldElsewhere(engine.otherLeaseHolder().orElse("another process"));
        case KEY_REFUSED:
          return new SyncNowResult.KeyRefused(lastError.orElse("the API refused the key"));
        default:
          throw new AssertionError(report.notRun().get());
      }
    }
    PushReport push = report.push();
    if (push.outcomes(PushOutcome.AUTH_FAILED) > 0) {
      return new SyncNowResult.KeyRefused(lastError.orElse("the API refused the key"));
    }
    int failed = push.outcomes(PushOutcome.RETRY_LATER);
    return new SyncNowResult.Synced(
        push.pushed(),
        failed,
        push.outcomes(PushOutcome.PARKED),
        report.pulled(),
        report.full(),
        failed > 0 || !report.pulled() ? lastError : Optional.empty());
  }

  @Override
  public List<PendingOp> parked() {
    return store.read(reader -> reader.outbox().all()).stream()
        .filter(PendingOp::isParked)
        .collect(Collectors.toList());
  }

  @Override
  public ParkedOpResult retry(long opId) {
    return store.write(
        writer -> {
          Optional<ParkedOpResult> refused = refuseUnlessParked(writer, opId);
          if (refused.isPresent()) {
            return refused.get();
          }
          PendingOp op = writer.outbox().byId(opId).orElseThrow();
          return new ParkedOpResult.Done(writer.outbox().save(op.retried(clock.instant())));
        });
  }

  @Override
  public int retryAll() {
    return store.write(
        writer -> {
          Instant now = clock.instant();
          List<PendingOp> parked =
              writer.outbox().all().stream().filter(PendingOp::isParked).collect(Collectors.toList());
          parked.forEach(op -> writer.outbox().save(op.retried(now)));
          return parked.size();
        });
  }

  @Override
  public ParkedOpResult discard(long opId) {
    return store.write(
        writer -> {
          Optional<ParkedOpResult> refused = refuseUnlessParked(writer, opId);
          if (refused.isPresent()) {
            return refused.get();
          }
          PendingOp op = writer.outbox().byId(opId).orElseThrow();
          if (op.kind() == OpKind.CREATE) {
            return new ParkedOpResult.Refused(
                Refusal.UNSENT_CREATE,
                "Operation " + opId + " creates "
                    + op.memoryId().map(id -> "memory #" + id).orElse("a memory")
                    + ", which the server has never accepted: discarding it would leave a memory"
                    + " that sync sends again. Change the memory so the server accepts it (the"
                    + " change queues it again), or delete it.");
          }
          writer.outbox().remove(op.id());
          if (op.kind() == OpKind.DELETE) {
            op.serverId().ifPresent(writer.syncState()::forgetRetired); // the server's copy comes back
          }
          // The server's copy has not changed, so a pull since the cursor would not list it and
          // the local row would keep the refused change (or stay deleted) until some later full
          // resync. Without a cursor, the next cycle of whichever process syncs is a full one.
          writer.syncState().remove(SyncKeys.PULL_CURSOR);
          return new ParkedOpResult.Done(op);
        });
  }

  private static Optional<ParkedOpResult> refuseUnlessParked(MemoryWriter writer, long opId) {
    Optional<PendingOp> op = writer.outbox().byId(opId);
    if (op.isEmpty()) {
      return Optional.of(
          new ParkedOpResult.Refused(
              Refusal.NOT_FOUND, "Operation " + opId + " not found among queued operations"));
    }
    if (!op.get().isParked()) {
      return Optional.of(
          new ParkedOpResult.Refused(
              Refusal.NOT_PARKED,
              "Operation " + opId + " is not parked: it is queued and sync pushes it by itself"));
    }
    return Optional.empty();
  }
}
