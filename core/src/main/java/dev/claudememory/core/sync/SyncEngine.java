package dev.claudememory.core.sync;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.memory.Timestamps;
import dev.claudememory.core.port.LegacyOp;
import dev.claudememory.core.port.LostCopy;
import dev.claudememory.core.port.MemoryStore;
import dev.claudememory.core.port.MemoryWriter;
import dev.claudememory.core.port.RemoteMemoryApi;
import dev.claudememory.core.remote.ChangeSet;
import dev.claudememory.core.remote.RemoteMemory;
import dev.claudememory.core.remote.RemoteResult;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps the local database and the remote API in step (SPEC §7), without ever losing,
 * duplicating or resurrecting a memory. Every method is synchronous and runs on the caller's
 * thread: the {@link SyncScheduler} calls them in the background, tests call them directly.
 *
 * <p>No network call runs inside a database transaction. A push is written ahead: the attempt is
 * recorded (with the content a create sends) before the request leaves, so a crash or a lost
 * answer leaves a queue that knows the server may already hold the memory.
 *
 * <p>Thread-safe: start-up, cycles and pushes of one engine run one at a time, so a cycle asked for
 * on demand ({@link SyncControl#syncNow}) never overlaps the background one. Several processes on
 * one database file are safe: only the holder of the sync lease pushes or pulls.
 */
public final class SyncEngine {
  private static final System.Logger LOG = System.getLogger(SyncEngine.class.getName());
  /** A {@code since} before every memory: the server lists them all, deleted ones included. */
  private static final String EVERYTHING = Timestamps.format(Instant.EPOCH);

  private final MemoryStore store;
  private final RemoteMemoryApi api;
  private final Clock clock;
  private final SyncOptions options;
  private final Backoff backoff;
  private final LeaseIdentity lease;
  private final String holder;
  private final ParallelPushes pushes;
  /** Creates whose import the server refused: each goes alone from now on. */
  private final Set<Long> sendAlone = new HashSet<>();
  private long cycles;

  /**
   * An engine that sends one op at a time on its own thread.
   *
   * @param holder this process's name in the sync lease, unique among processes
   */
  public SyncEngine(
      MemoryStore store,
      RemoteMemoryApi api,
      Clock clock,
      SyncOptions options,
      Backoff backoff,
      String holder) {
    this(store, api, clock, options, backoff, LeaseIdentity.named(holder), ParallelPushes.NONE);
  }

  /**
   * @param lease this process in the sync lease: its name, and how it tells a holder has ended
   * @param pushes how many queued ops are sent at once
   */
  public SyncEngine(
      MemoryStore store,
      RemoteMemoryApi api,
      Clock clock,
      SyncOptions options,
      Backoff backoff,
      LeaseIdentity lease,
      ParallelPushes pushes) {
    this.store = requireNonNull(store, "store");
    this.api = requireNonNull(api, "api");
    this.clock = requireNonNull(clock, "clock");
    this.options = requireNonNull(options, "options");
    this.backoff = requireNonNull(backoff, "backoff");
    this.lease = requireNonNull(lease, "lease");
    this.holder = lease.name();
    this.pushes = requireNonNull(pushes, "pushes");
  }

  /**
   * Prepares the queue once at start-up, without any network call: adopts the Python version's
   * queued operations and memories that never reached the server, and lifts a remembered auth
   * failure so a new key is tried at once.
   */
  public synchronized void start() {
    store.write(
        writer -> {
          Instant now = clock.instant();
          adoptLegacyOps(writer, now);
          adoptOrphans(writer, now);
          writer.syncState().remove(SyncKeys.AUTH_FAILED);
          return null;
        });
  }

  /** One cycle: push, then pull (everything, every n-th cycle). Push and pull fail independently. */
  public synchronized CycleReport runCycle() {
    if (!holdsLease()) {
      return CycleReport.NOT_LEASE_HOLDER;
    }
    cycles++;
    // without a cursor, rows whose server copy was deleted before the first cursor would stay
    // here until the next full resync
    boolean full =
        cycles % options.fullResyncEvery() == 1
            || options.fullResyncEvery() == 1
            || store.read(writer -> writer.syncState().get(SyncKeys.PULL_CURSOR))
                .flatMap(Timestamps::parse)
                .isEmpty();
    if (!authorized()) {
      return CycleReport.AUTH_FAILED;
    }
    PushReport push = pushDue();
    // the push may have met signs that the server lost data: then this cycle checks everything
    full = full || store.read(writer -> writer.syncState().get(SyncKeys.FULL_RESYNC_DUE)).isPresent();
    boolean pulled = pull(full);
    if (pulled && !push.failed()) {
      // the last failure is over: status shows no error once a cycle has done all it could
      store.write(
          writer -> {
            writer.syncState().remove(SyncKeys.LAST_ERROR);
            return null;
          });
    }
    return CycleReport.ran(push, pulled, full);
  }

  /**
   * One cycle on demand, as a short-lived process runs it: {@link #start} (so rows no op covers yet
   * are pushed too), {@link #runCycle}, then the lease given up, all in one turn with this engine's
   * background work, so that none of its pushes is in flight when the lease goes.
   */
  public synchronized CycleReport runOnce() {
    try {
      start();
      return runCycle();
    } finally {
      stop();
    }
  }

  /**
   * Pushes the due part of the queue, if this process holds the lease, then looks for the copies
   * the server answered creates with (a cycle's pull does that instead).
   */
  public synchronized PushReport push() {
    if (!holdsLease() || !authorized()) {
      return PushReport.NONE;
    }
    PushReport report = pushDue();
    if (report.pushed() > 0) {
      reconcileUnconfirmed(report);
    }
    return report;
  }

  /** Whether any queued op is due now (a cheap local read). */
  public boolean hasDueWork() {
    Instant now = clock.instant();
    return store.read(writer -> !writer.outbox().due(now, 1).isEmpty());
  }

  /** The process syncing this database instead of this engine: the holder of a live lease. */
  public Optional<String> otherLeaseHolder() {
    Instant now = clock.instant();
    return store.read(writer -> writer.syncState().leaseHolder(now))
        .filter(other -> !other.equals(holder) && !lease.hasEnded(other));
  }

  /**
   * Gives the lease up so another process can sync at once (at shutdown). Not one at a time with
   * the rest: a shutdown does not wait for a request in flight.
   */
  public void stop() {
    store.write(
        writer -> {
          writer.syncState().releaseLease(holder);
          return null;
        });
  }

  /** What people see about sync. */
  public SyncStatus status() {
    return SyncStatusReader.read(store);
  }

  /**
   * Takes or renews the lease. A lease whose holder has ended (killed, so it never gave the lease
   * up) is taken over at once rather than waited out.
   */
  private boolean holdsLease() {
    Instant now = clock.instant();
    return store.write(
        writer -> {
          if (writer.syncState().acquireLease(holder, now, options.leaseTtl())) {
            return true;
          }
          Optional<String> other = writer.syncState().leaseHolder(now);
          if (other.isEmpty() || !lease.hasEnded(other.get())) {
            return false;
          }
          writer.syncState().releaseLease(other.get());
          LOG.log(Level.INFO, "took the sync lease over from " + other.get() + ", which has ended");
          return writer.syncState().acquireLease(holder, now, options.leaseTtl());
        });
  }

  /** While the key is refused, only an auth check runs; when it passes, sync resumes. */
  private boolean authorized() {
    boolean failed = store.read(writer -> writer.syncState().get(SyncKeys.AUTH_FAILED).isPresent());
    if (!failed) {
      return true;
    }
    RemoteResult<String> check = api.checkAuth();
    if (check instanceof RemoteResult.Ok) {
      LOG.log(Level.INFO, "the API accepts the key again; sync resumes");
      recordContact();
      store.write(
          writer -> {
            writer.syncState().remove(SyncKeys.AUTH_FAILED);
            return null;
          });
      return true;
    }
    recordFailure(check);
    return false;
  }

  private PushReport pushDue() {
    PushReport report = new PushReport();
    if (!reconcileUnconfirmed(report)) {
      return report;
    }
    Set<Long> tried = new HashSet<>();
    while (true) {
      Instant now = clock.instant();
      List<PendingOp> due =
          // creates answered in this push stay due until a pull shows their copies: read past them
          store.read(writer -> writer.outbox().due(now, options.batchSize() + tried.size())).stream()
              .filter(op -> !tried.contains(op.id()) && !op.needsReconciliation())
              .collect(Collectors.toList());
      if (due.isEmpty()) {
        return report;
      }
      List<PendingOp> ready = oneOpPerMemory(due);
      while (!ready.isEmpty()) {
        // renewed before each round, so a long push never outlives its lease while another
        // process takes over and sends the same ops again
        if (!holdsLease()) {
          return report;
        }
        List<List<PendingOp>> imports = new ArrayList<>();
        List<PendingOp> singles = new ArrayList<>();
        ready = nextRound(ready, imports, singles);
        List<PendingOp> imported = imports.stream().flatMap(List::stream).collect(Collectors.toList());
        imported.forEach(op -> tried.add(op.id()));
        singles.forEach(op -> tried.add(op.id()));
        List<PushOutcome> outcomes =
            new Push(store, api, clock, backoff, options).pushAll(imports, singles, pushes.executor());
        for (int i = 0; i < outcomes.size(); i++) {
          report.count(outcomes.get(i));
          if (outcomes.get(i) == PushOutcome.IMPORT_REFUSED) {
            sendAlone.add(imported.get(i).id());
          }
        }
        if (outcomes.contains(PushOutcome.RETRY_LATER) || outcomes.contains(PushOutcome.AUTH_FAILED)) {
          return report; // the API is unwell: leave the rest queued for the next cycle
        }
      }
      if (report.pushed() > 0) {
        markNow(SyncKeys.LAST_PUSH);
      }
    }
  }

  /** Ops of one memory go one after another: a later one waits for the next round. */
  private static List<PendingOp> oneOpPerMemory(List<PendingOp> due) {
    Set<MemoryId> memories = new HashSet<>();
    return due.stream()
        .filter(op -> op.memoryId().map(memories::add).orElse(true))
        .collect(Collectors.toList());
  }

  /**
   * Fills one round from the front of {@code ready}, one request per lane: new memories into
   * {@code imports} (as many as one import takes in each), anything else into {@code singles}.
   * Returns what is left.
   */
  private List<PendingOp> nextRound(
      List<PendingOp> ready, List<List<PendingOp>> imports, List<PendingOp> singles) {
    List<PendingOp> left = new ArrayList<>();
    for (PendingOp op : ready) {
      boolean importable =
          op.kind() == OpKind.CREATE && pushes.createsPerImport() > 1 && !sendAlone.contains(op.id());
      boolean roomInLastImport =
          !imports.isEmpty() && imports.get(imports.size() - 1).size() < pushes.createsPerImport();
      boolean lanesLeft = imports.size() + singles.size() < pushes.lanes();
      if (importable && roomInLastImport) {
        imports.get(imports.size() - 1).add(op);
      } else if (importable && lanesLeft) {
        imports.add(new ArrayList<>(List.of(op)));
      } else if (!importable && lanesLeft) {
        singles.add(op);
      } else {
        left.add(op);
      }
    }
    return left;
  }

  /**
   * Before anything else is pushed, looks on the server for creates whose answer was lost; one
   * pull covers them all. False when the server could not be asked.
   */
  private boolean reconcileUnconfirmed(PushReport report) {
    Instant now = clock.instant();
    // a create sent moments ago may still land: it is looked for once it must have
    List<PendingOp> unsure =
        store.read(writer -> writer.outbox().all()).stream()
            .filter(op -> op.needsReconciliation() && !op.isParked() && !op.nextAttemptAt().isAfter(now))
            .collect(Collectors.toList());
    if (unsure.isEmpty()) {
      return true;
    }
    Instant oldest = unsure.stream().map(PendingOp::createdAt).min(Instant::compareTo).orElseThrow();
    Instant asked = clock.instant();
    RemoteResult<ChangeSet> answer =
        api.changesSince(Optional.of(Timestamps.format(oldest.minus(options.pullOverlap()))));
    if (!(answer instanceof RemoteResult.Ok)) {
      recordFailure(answer);
      report.stoppedEarly();
      return false;
    }
    ChangeSet changes = ((RemoteResult.Ok<ChangeSet>) answer).value();
    List<RemoteMemory> onServer =
        changes.memories().stream().map(SentAgainMark::removedFrom).collect(Collectors.toList());
    // read once for every op that looks: each copy sent again, without its mark, and what it names
    Map<RemoteMemory, LostCopy> sentAgain = new LinkedHashMap<>();
    for (RemoteMemory copy : changes.memories()) {
      SentAgainMark.of(copy).ifPresent(lost -> sentAgain.put(SentAgainMark.removedFrom(copy), lost));
    }
    ServerClock serverClock = ServerClock.read(changes.serverTime(), asked, clock.instant());
    recordContact();
    store.write(
        writer -> {
          // a copy that is certainly one memory's goes to it first, so that another memory with
          // the same text cannot take it
          for (boolean certainOnly : List.of(true, false)) {
            for (PendingOp stale : unsure) {
              writer.outbox().byId(stale.id()).filter(PendingOp::needsReconciliation)
                  .ifPresent(op -> {
                    if (!tookCopySentAgain(writer, op, sentAgain)) {
                      reconcile(writer, op, onServer, serverClock, report, certainOnly);
                    }
                  });
            }
          }
          return null;
        });
    return true;
  }

  /**
   * Whether another machine's copy sent again of the copy the server lost of {@code op}'s memory
   * was there (of several, the one with the lowest id, as every machine takes), and the memory
   * took it whatever its text, rather than be sent again as a second copy.
   */
  private boolean tookCopySentAgain(MemoryWriter writer, PendingOp op, Map<RemoteMemory, LostCopy> sentAgain) {
    Optional<LostCopy> lost =
        op.kind() == OpKind.CREATE ? op.memoryId().flatMap(writer.syncState()::lostCopyOf) : Optional.empty();
    if (lost.isEmpty()) {
      return false;
    }
    Optional<Map.Entry<RemoteMemory, LostCopy>> taken =
        sentAgain.entrySet().stream()
            .filter(copy -> copy.getValue().sameMemory(lost.get()))
            .filter(copy -> !copy.getKey().isDeleted() && writer.findByServerId(copy.getKey().id()).isEmpty())
            .min(Comparator.comparingLong(copy -> copy.getKey().id().value()));
    taken.ifPresent(copy -> CopiesSentAgain.apply(writer, copy.getKey(), copy.getValue(), clock.instant()));
    return taken.isPresent();
  }

  /** @param certainOnly adopt only a copy that is certainly the memory's, and else do nothing */
  private void reconcile(
      MemoryWriter writer,
      PendingOp op,
      List<RemoteMemory> onServer,
      ServerClock serverClock,
      PushReport report,
      boolean certainOnly) {
    String content = op.unconfirmedContent().orElseThrow();
    Instant written = op.createdAt(); // no copy of the memory on the server is older
    // a copy already linked to a memory here, or the copy of a memory deleted here, is another
    // memory's
    List<RemoteMemory> candidates =
        onServer.stream()
            .filter(memory -> ContentMatch.sameMemory(memory.content(), content))
            .filter(memory -> writer.findByServerId(memory.id()).isEmpty())
            .filter(memory -> writer.syncState().retiredCopy(memory.id(), memory.createdAt()).isEmpty())
            .collect(Collectors.toList());
    Optional<RemoteMemory> certain =
        Reconciliation.certainCopy(
            writer, op, candidates, deleted -> mayBeCopyOf(deleted, written), serverClock);
    if (certainOnly && certain.isEmpty()) {
      return;
    }
    if (op.answeredId().isPresent() && certain.isEmpty()) {
      // the copy the server answered with is gone, or is another memory's: the server lost it
      LostServerCopies.lostBeforeSeen(writer, op, clock.instant());
      return;
    }
    // Else a copy with the terms the create sent, made while it may have landed: a live one is the
    // one, the soonest created of several (another machine may have stored the same since). A
    // deleted copy only if it was created around or after this memory was written and deleted after
    // that: an older memory with the same text, deleted before this one existed, is not this one,
    // and taking it for this one would delete a write the server never got.
    List<RemoteMemory> sameTerms =
        candidates.stream()
            .filter(memory -> Reconciliation.carriesTermsSent(memory, op))
            .filter(memory -> !Reconciliation.madeOutsideSend(memory, op, serverClock))
            .sorted(Comparator.comparing(
                memory -> Timestamps.parse(memory.createdAt()).orElse(Instant.MAX)))
            .collect(Collectors.toList());
    Optional<RemoteMemory> copy =
        certain
            .or(() -> sameTerms.stream().filter(memory -> !memory.isDeleted()).findFirst())
            .or(() -> sameTerms.stream().filter(memory -> mayBeCopyOf(memory, written)).findFirst());
    if (copy.isPresent()) {
      Reconciliation.adopt(writer, op, copy.get(), clock.instant());
      if (op.answeredId().isEmpty()) {
        report.reconciled();
      }
    } else if (op.kind() == OpKind.CREATE) {
      writer.outbox().save(op.withUnconfirmedContent(Optional.empty())); // never arrived: send it
    } else {
      writer.outbox().remove(op.id()); // a delete of something the server never got
    }
  }

  private boolean mayBeCopyOf(RemoteMemory deleted, Instant written) {
    boolean createdSince =
        Timestamps.parse(deleted.createdAt())
            .map(created -> !created.isBefore(written.minus(options.pullOverlap())))
            .orElse(false);
    boolean deletedSince =
        deleted.deletedAt().flatMap(Timestamps::parse).map(at -> !at.isBefore(written)).orElse(false);
    return createdSince && deletedSince;
  }

  /**
   * Pulls changes since the cursor, or everything, deleted memories included, and applies them;
   * false when it failed.
   */
  private boolean pull(boolean full) {
    Optional<String> since =
        full
            ? Optional.of(EVERYTHING)
            : store.read(writer -> writer.syncState().get(SyncKeys.PULL_CURSOR))
                .flatMap(Timestamps::parse)
                .map(cursor -> Timestamps.format(cursor.minus(options.pullOverlap())));
    Instant asked = clock.instant();
    RemoteResult<ChangeSet> answer = api.changesSince(since);
    if (!(answer instanceof RemoteResult.Ok)) {
      recordFailure(answer);
      return false;
    }
    ChangeSet changes = ((RemoteResult.Ok<ChangeSet>) answer).value();
    ServerClock serverClock = ServerClock.read(changes.serverTime(), asked, clock.instant());
    store.write(
        writer -> {
          Instant now = clock.instant();
          // a full pull lists every memory of the user, the deleted ones too
          Set<ServerId> held =
              full ? changes.memories().stream().map(RemoteMemory::id).collect(Collectors.toSet()) : Set.of();
          if (full) {
            LostServerCopies.beforeFullPull(writer, held, now);
          }
          for (RemoteMemory memory : changes.memories()) {
            Optional<LostCopy> sentAgainOf = SentAgainMark.of(memory);
            ServerWins.Applied applied =
                ServerWins.apply(writer, SentAgainMark.removedFrom(memory), sentAgainOf, serverClock, now);
            boolean routine = applied == ServerWins.Applied.UPDATED || applied == ServerWins.Applied.NOTHING;
            LOG.log(routine ? Level.TRACE : Level.DEBUG, () -> "pulled server " + memory.id() + " created " + memory.createdAt()
                + (memory.isDeleted() ? " deleted" : "")
                + sentAgainOf.map(lost -> " sent again of server " + lost.serverId() + " created "
                    + lost.serverCreatedAt() + " (first lost: server " + lost.originId() + ")").orElse("")
                + ": " + applied.name().toLowerCase(Locale.ROOT));
          }
          if (full) {
            LostServerCopies.afterFullPull(writer, held, now);
            adoptOrphans(writer, now);
          }
          writer.syncState().put(SyncKeys.PULL_CURSOR, changes.serverTime());
          writer.syncState().put(SyncKeys.LAST_PULL, Timestamps.format(clock.instant()));
          return null;
        });
    recordContact();
    return true;
  }

  /** Memories that never reached the server and have no queued op get one (they may be there). */
  private static void adoptOrphans(MemoryWriter writer, Instant now) {
    for (Memory memory : writer.unsynced()) {
      if (writer.outbox().forMemory(memory.id()).isEmpty()) {
        writer.outbox().save(PendingOp.adopted(memory, now));
      }
    }
  }

  /** The Python version's queue: its stores may have reached the server, its deletes not. */
  private static void adoptLegacyOps(MemoryWriter writer, Instant now) {
    for (LegacyOp legacy : writer.outbox().takeLegacyOps()) {
      if ("store".equals(legacy.type()) && legacy.localId().isPresent()) {
        writer.find(legacy.localId().get())
            .filter(memory -> memory.serverId().isEmpty())
            .filter(memory -> writer.outbox().forMemory(memory.id()).isEmpty())
            .ifPresent(memory -> writer.outbox().save(PendingOp.adopted(memory, now)));
      } else if ("delete".equals(legacy.type()) && legacy.serverId().isPresent()) {
        ServerId serverId = legacy.serverId().get();
        if (writer.outbox().deleteOf(serverId).isEmpty() && writer.findByServerId(serverId).isEmpty()) {
          writer.outbox().save(PendingOp.create(Optional.empty(), OpKind.DELETE, Optional.of(serverId), now));
        }
      } else {
        LOG.log(Level.WARNING, "dropped an unreadable operation of the Python version's queue: " + legacy.type());
      }
    }
  }


  private void recordFailure(RemoteResult<?> failure) {
    String reason = Push.describe(failure);
    boolean reached = !(failure instanceof RemoteResult.RetryLater);
    store.write(
        writer -> {
          writer.syncState().put(SyncKeys.LAST_ERROR, reason);
          if (failure instanceof RemoteResult.AuthFailed) {
            if (writer.syncState().get(SyncKeys.AUTH_FAILED).isEmpty()) {
              writer.syncState().put(SyncKeys.AUTH_FAILED, Timestamps.format(clock.instant()));
            }
          }
          if (reached) {
            writer.syncState().put(SyncKeys.LAST_CONTACT, Timestamps.format(clock.instant()));
          }
          return null;
        });
  }

  private void recordContact() {
    markNow(SyncKeys.LAST_CONTACT);
  }

  private void markNow(String key) {
    String now = Timestamps.format(clock.instant());
    store.write(
        writer -> {
          writer.syncState().put(key, now);
          return null;
        });
  }
}
