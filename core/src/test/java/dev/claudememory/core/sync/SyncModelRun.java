package dev.claudememory.core.sync;

import static dev.claudememory.core.sync.SyncModel.numberOf;
import static dev.claudememory.core.sync.SyncModel.require;

import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Content;
import dev.claudememory.core.memory.ImportedMemory;
import dev.claudememory.core.memory.Importance;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.memory.Timestamps;
import dev.claudememory.core.port.LegacyOp;
import dev.claudememory.core.remote.MemoryFields;
import dev.claudememory.core.remote.RemoteMemory;
import dev.claudememory.core.service.DuplicateContent;
import dev.claudememory.core.service.LocalFirstMemoryService;
import dev.claudememory.core.sync.FaultyRemoteApi.PushFault;
import dev.claudememory.core.transfer.ImportProgress;
import dev.claudememory.core.transfer.ImportRecord;
import dev.claudememory.core.transfer.ImportReport;
import dev.claudememory.core.transfer.MemoryTransfer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one step sequence against the real sync engine, over one in-memory database, the fake
 * server behind a {@link FaultyRemoteApi} and a clock that moves five seconds per step, keeping
 * the {@link SyncModel} in step and checking it after every step. Engines are processes: a restart
 * reopens the database under a new engine; a hand-over leaves the hung engine behind as the
 * former lease holder, which may wake up later.
 */
final class SyncModelRun implements FaultyRemoteApi.Witness {
  private static final Duration STEP_TIME = Duration.ofSeconds(5);
  /** Longer than the lease and the longest backoff. */
  private static final Duration SETTLING_TIME = Duration.ofMinutes(6);

  /**
   * Why a run failed.
   *
   * @param step the index of the step after which an invariant broke
   * @param invariant what broke, the same in every run that breaks it the same way
   * @param trace the steps and the calls the server received, up to the failure
   */
  record Failure(int step, String invariant, String message, List<String> trace) {
    boolean sameKindAs(Failure other) {
      return invariant.equals(other.invariant);
    }
  }

  private record Process(String holder, SyncEngine engine) {}

  private final SyncRig rig = new SyncRig();
  private final SyncSteps.Lanes lanes;
  private final SyncModel model = new SyncModel();
  private final List<String> trace = new ArrayList<>();
  private final FaultyRemoteApi remote = new FaultyRemoteApi(rig.api, this, trace::add);
  /** The processes whose cycles are under way, innermost first. */
  private final Deque<Process> cycling = new ArrayDeque<>();
  private int processes;
  private Process current;
  private Optional<Process> former = Optional.empty();

  private SyncModelRun(SyncSteps.Lanes lanes) {
    this.lanes = lanes;
    current = startProcess();
  }

  /**
   * Runs {@code steps} from scratch, then lets the faults stop and settles (two clean cycles, the
   * parked ops retried in between); the first invariant broken, if any (at index {@code
   * steps.size()} when only the settling broke one).
   */
  static Optional<Failure> failureOf(List<SyncStep> steps, SyncSteps.Lanes lanes) {
    SyncModelRun run = new SyncModelRun(lanes);
    for (int index = 0; index <= steps.size(); index++) {
      boolean settling = index == steps.size();
      run.trace.add(settling
          ? "  -. (the faults stop; a cycle, a retry of the parked ops, a cycle)"
          : String.format("%3d. %s", index + 1, steps.get(index)));
      try {
        run.rig.advance(STEP_TIME);
        if (settling) {
          run.settle();
        } else {
          steps.get(index).applyTo(run);
        }
        run.model.check(run.snapshot());
      } catch (SyncModel.BrokenInvariant broken) {
        return Optional.of(
            new Failure(index, broken.invariant(), broken.getMessage(), List.copyOf(run.trace)));
      } catch (RuntimeException | AssertionError unexpected) {
        StringWriter stack = new StringWriter();
        unexpected.printStackTrace(new PrintWriter(stack));
        return Optional.of(new Failure(index, "unexpected " + unexpected.getClass().getName(),
            stack.toString(), List.copyOf(run.trace)));
      }
    }
    return Optional.empty();
  }

  // --- the user ---

  void localStore(int number, boolean secret) {
    if (model.knows(number)) {
      return;
    }
    String content = model.storeHere(number, secret);
    model.seenHere(number, storeHere(number, content).id());
  }

  /** With duplicates allowed: a new memory with the text another memory holds here now. */
  void localStoreTwin(int number, int twin) {
    if (model.knows(number)) {
      return;
    }
    Optional<Memory> row = localRow(twin);
    if (row.isEmpty()) {
      note("      (m" + twin + " is not here)");
      return;
    }
    model.storeTwin(number, twin, row.get().content());
    model.seenHere(number, storeHere(number, row.get().content()).id());
  }

  /**
   * The user imports new memories (MemoryTransfer, as the CLI's import does), dated a day ago, one
   * second apart; with {@code sharedText} all of them say the same. With {@code onServer} they were
   * exported from another machine that synced them to the same server: their copies are there, and
   * the records carry the copies' {@code created_at}.
   */
  void importMemories(int first, int count, boolean sharedText, boolean onServer) {
    if (model.knows(first)) {
      return;
    }
    List<ImportRecord> records = new ArrayList<>();
    Instant written = rig.clock.instant().minus(Duration.ofDays(1));
    for (int number = first; number < first + count; number++) {
      String content = sharedText ? model.storeShared(number, first, false) : model.storeHere(number, false);
      String createdAt = Timestamps.format(written.plusSeconds(number - first));
      if (onServer) {
        Instant committed = rig.clock.instant().minusSeconds(first + count - number);
        ServerId copy = rig.api.commitLate(fields(number, content), committed);
        model.createdOnServer(copy, number);
        model.committed(number, content);
        createdAt = rig.api.memory(copy).orElseThrow().createdAt();
      }
      records.add(ImportRecord.of(new ImportedMemory(new Content(content), Category.DEFAULT,
          SyncModel.tagsOf(number), "kw", Importance.DEFAULT, false, Optional.of(createdAt), Optional.empty())));
    }
    ImportReport report =
        new MemoryTransfer(rig.store, rig.clock, SyncTrigger.NONE).importAll(records, ImportProgress.NONE);
    note("      (" + report + ")");
    require(report.imported() == count, "an import skipped new memories", () -> report.toString());
  }

  void localEdit(int number, boolean secret) {
    Optional<Memory> row = localRow(number);
    if (row.isEmpty()) {
      note("      (m" + number + " is not here)");
      return;
    }
    rig.edit(row.get().id(), model.editHere(number, secret));
  }

  void localDelete(int number) {
    Optional<Memory> row = localRow(number);
    if (row.isEmpty()) {
      note("      (m" + number + " is not here)");
      return;
    }
    rig.delete(row.get().id());
    model.deletedHere(number);
  }

  void retryParked() {
    int retried = SyncControl.of(current.engine(), rig.store, rig.clock).retryAll();
    note("      (" + retried + " retried)");
    model.parkedRetried();
  }

  // --- another client ---

  void remoteStore(int number, boolean secret, int lateSeconds) {
    if (model.knows(number)) {
      return;
    }
    String content = model.storeElsewhere(number, secret);
    ServerId id =
        lateSeconds > 0
            ? rig.api.commitLate(fields(number, content), rig.clock.instant().minusSeconds(lateSeconds))
            : rig.api.createElsewhere(fields(number, content));
    model.createdOnServer(id, number);
    model.serverWrote(number, rig.api.memory(id).orElseThrow().content());
  }

  /**
   * Not while this database may have to find the memory's copy by its text (a create whose answer
   * was lost, a row the Python version wrote): no client could tell an edited copy from another
   * memory.
   */
  void remoteEdit(int number, boolean secret, int lateSeconds) {
    Optional<RemoteMemory> copy = liveOnServer(number);
    if (copy.isEmpty()) {
      note("      (m" + number + " is not live on the server)");
      return;
    }
    String shown = copy.get().content();
    boolean lookedFor =
        rig.localRows().stream()
                .anyMatch(row -> row.serverId().isEmpty() && ContentMatch.sameMemory(shown, row.content()))
            || rig.ops().stream().anyMatch(op -> op.needsReconciliation()
                && op.unconfirmedContent().filter(sent -> ContentMatch.sameMemory(shown, sent)).isPresent());
    if (lookedFor) {
      note("      (m" + number + "'s copy may have to be found by its text here)");
      return;
    }
    ServerId id = copy.get().id();
    String content = model.editElsewhere(number, secret);
    if (lateSeconds > 0) {
      rig.api.editLate(id, content, rig.clock.instant().minusSeconds(lateSeconds));
    } else {
      rig.api.editElsewhere(id, content);
    }
    model.serverWrote(number, rig.api.memory(id).orElseThrow().content());
  }

  void remoteRetag(int number) {
    Optional<RemoteMemory> copy = liveOnServer(number);
    if (copy.isEmpty()) {
      note("      (m" + number + " is not live on the server)");
      return;
    }
    RemoteMemory shown = copy.get();
    ServerId id = shown.id();
    rig.api.editElsewhere(id, new MemoryFields(rig.api.originalOf(id).orElseThrow(),
        shown.category(), shown.tags() + ",retagged", shown.expandedKeywords(), shown.importance(),
        shown.sensitive()));
  }

  void remoteDelete(int number) {
    Optional<RemoteMemory> copy = liveOnServer(number);
    if (copy.isEmpty()) {
      note("      (m" + number + " is not live on the server)");
      return;
    }
    rig.api.deleteElsewhere(copy.get().id());
    model.deletedElsewhere(number);
  }

  // --- the network and the clock ---

  void armPushFault(PushFault fault) {
    remote.arm(fault);
  }

  void failNextPull() {
    remote.failNextPull();
  }

  void refuseKey(boolean refused) {
    remote.refuseKey(refused);
  }

  void slowServer(int secondsPerCall) {
    rig.api.setCallDuration(Duration.ofSeconds(secondsPerCall));
  }

  void waitFor(int seconds) {
    rig.advance(Duration.ofSeconds(seconds));
  }

  // --- processes ---

  void runCycle() {
    cycle(current, true);
  }

  void formerHolderCycle() {
    if (former.isEmpty()) {
      note("      (no former holder)");
      return;
    }
    cycle(former.get(), true);
  }

  /** Like any process, it must leave a live lease alone; it gives its own up when done. */
  void cliSync() {
    processes++;
    String holder = "cli-" + processes;
    Process cli = new Process(holder, engine(holder));
    boolean leasedElsewhere = leasedElsewhere(cli);
    SyncNowResult result;
    cycling.push(cli);
    try {
      result = SyncControl.of(cli.engine(), rig.store, rig.clock).syncNow();
    } catch (FaultyRemoteApi.ProcessKilled killed) {
      note("      (" + holder + " was killed)");
      return;
    } finally {
      cycling.pop();
    }
    note("      (" + holder + ": " + result + ")");
    require(!leasedElsewhere || result instanceof SyncNowResult.LeaseHeldElsewhere,
        "a process synced while another held the lease", () -> holder);
    if (result instanceof SyncNowResult.Synced && ((SyncNowResult.Synced) result).pulled()) {
      model.pulled();
    }
  }

  void restart(boolean graceful) {
    if (graceful) {
      current.engine().stop();
    }
    rig.reopen(); // the former holder's handle on the database closes with it
    former = Optional.empty();
    current = startProcess();
  }

  /**
   * The Python version writes the row with no op in this queue: its own queue holds the store
   * unless its POST was answered, and this process adopts both when it starts.
   */
  void pythonStore(int number, SyncStep.PythonStore.Outcome outcome) {
    if (model.knows(number)) {
      return;
    }
    current.engine().stop();
    rig.reopen();
    former = Optional.empty();
    String content = model.storeHere(number, false);
    Optional<ServerId> copy =
        outcome == SyncStep.PythonStore.Outcome.OFFLINE
            ? Optional.empty()
            : Optional.of(rig.api.createElsewhere(fields(number, content)));
    copy.ifPresent(id -> {
      model.createdOnServer(id, number);
      model.committed(number, content);
    });
    Instant now = rig.clock.instant();
    Memory row =
        rig.store.write(
            writer -> {
              Memory written =
                  writer.insertImported(ImportedMemory.of(newMemory(number, content)), now);
              if (outcome == SyncStep.PythonStore.Outcome.SYNCED) {
                writer.assignServerId(written.id(), copy.orElseThrow(), Category.DEFAULT);
              }
              return written;
            });
    if (outcome != SyncStep.PythonStore.Outcome.SYNCED) {
      rig.store.setLegacyOps(
          List.of(new LegacyOp(1, "store", Optional.of(row.id()), Optional.empty())));
    }
    model.seenHere(number, row.id());
    current = startProcess();
  }

  void handOver() {
    rig.advance(SyncRig.LEASE.plusSeconds(1));
    former = Optional.of(current);
    current = startProcess();
  }

  /**
   * Two clean cycles, the user retrying the parked ops in between: every lease and backoff runs
   * out before each, so nothing stands in their way.
   */
  private void settle() {
    remote.disarm();
    rig.api.setCallDuration(Duration.ZERO);
    rig.advance(SETTLING_TIME);
    require(cycle(current, true), "the faults stopped but a cycle was still held up",
        () -> "before the parked ops were retried");
    retryParked();
    rig.advance(SETTLING_TIME);
    require(cycle(current, true), "the faults stopped but a cycle was still held up",
        () -> "after the parked ops were retried");
  }

  private Process startProcess() {
    processes++;
    String holder = "process-" + processes;
    SyncEngine engine = engine(holder);
    engine.start();
    note("      (" + holder + " started)");
    return new Process(holder, engine);
  }

  /**
   * One cycle of {@code process}. A cycle that nothing stands in the way of must finish and
   * leave both sides settled; a cycle run while another process holds a live lease must not run.
   *
   * @return whether nothing stood in the way of the cycle
   */
  private boolean cycle(Process process, boolean mayBeClean) {
    Instant now = rig.clock.instant();
    boolean leasedElsewhere = leasedElsewhere(process);
    boolean clean =
        mayBeClean
            && !leasedElsewhere
            && !remote.armed()
            && !remote.keyRefused()
            && rig.ops().stream().allMatch(op -> op.isParked() || !op.nextAttemptAt().isAfter(now));
    CycleReport report;
    cycling.push(process);
    try {
      report = process.engine().runCycle();
    } catch (FaultyRemoteApi.ProcessKilled killed) {
      note("      (" + process.holder() + " was killed)");
      died(process);
      return false;
    } finally {
      cycling.pop();
    }
    note("      (" + process.holder() + ": " + describe(report) + ")");
    require(!leasedElsewhere || !report.ran(),
        "a process synced while another held the lease", () -> process.holder());
    if (report.pulled()) {
      model.pulled();
    }
    if (clean) {
      require(report.ran() && report.pulled()
              && report.push().outcomes(PushOutcome.RETRY_LATER) == 0
              && report.push().outcomes(PushOutcome.AUTH_FAILED) == 0,
          "a cycle with nothing in its way did not finish", () -> describe(report));
      SyncModel.Snapshot settled = snapshot();
      model.check(settled);
      model.checkSettled(settled);
    }
    return clean;
  }

  /** A killed process is replaced by a new one, as a supervisor would start it. */
  private void died(Process process) {
    if (process == current) {
      current = startProcess();
    } else {
      former = Optional.empty();
    }
  }

  // --- what the server saw ---

  @Override
  public void committed(MemoryFields fields, Optional<ServerId> created) {
    int number = numberOf(fields);
    created.ifPresent(id -> model.createdOnServer(id, number));
    model.committed(number, fields.content());
  }

  @Override
  public void rejected(Optional<ServerId> id, Optional<MemoryFields> fields) {
    Optional<RemoteMemory> copy = id.flatMap(rig.api::memory);
    int number = fields.map(SyncModel::numberOf).orElseGet(() -> numberOf(copy.orElseThrow()));
    model.rejected(number, copy.filter(RemoteMemory::isDeleted).isPresent());
  }

  @Override
  public void inFlight(PushFault fault, Optional<ServerId> id, Optional<MemoryFields> fields) {
    Optional<Integer> number = fields.map(SyncModel::numberOf);
    switch (fault) {
      case MEETS_A_LOCAL_EDIT:
        number.ifPresent(memory -> localEdit(memory, false));
        break;
      case MEETS_A_LOCAL_DELETE:
        number.ifPresent(this::localDelete);
        break;
      case MEETS_ANOTHER_PROCESS_CYCLE:
        Process caller = cycling.peek();
        Optional<Process> other = caller == current ? former : Optional.of(current);
        other.ifPresent(process -> cycle(process, false));
        break;
      default:
        throw new AssertionError(fault);
    }
  }

  // --- helpers ---

  /**
   * An engine as production builds it ({@code SyncModule}), with this run's lanes. Its sends run
   * one after another on the caller's thread, in the order the engine hands them out: every send
   * of a round is written ahead before the first leaves and settled after the last, as on threads,
   * and a seed replays the same run.
   */
  private SyncEngine engine(String holder) {
    return new SyncEngine(rig.store, remote, rig.clock, SyncRig.OPTIONS, SyncRig.BACKOFF,
        LeaseIdentity.named(holder), new ParallelPushes(lanes.lanes(), lanes.createsPerImport(), Runnable::run));
  }

  /** Stores through a service that lets a text be stored twice (MEMORY_ALLOW_DUPLICATES=1). */
  private Memory storeHere(int number, String content) {
    return new LocalFirstMemoryService(rig.store, rig.clock, BackgroundSync.NONE, DuplicateContent.STORE_AGAIN)
        .store(newMemory(number, content)).memory();
  }

  private static NewMemory newMemory(int number, String content) {
    return new NewMemory(new Content(content), Category.DEFAULT, SyncModel.tagsOf(number), "kw", Importance.DEFAULT,
        false);
  }

  private static MemoryFields fields(int number, String content) {
    return new MemoryFields(content, Category.DEFAULT.name(), SyncModel.tagsOf(number), "", 0.5, false);
  }

  private SyncModel.Snapshot snapshot() {
    List<RemoteMemory> serverRows = rig.api.everyMemory();
    Map<ServerId, String> originals = new HashMap<>();
    serverRows.forEach(row -> originals.put(row.id(), rig.api.originalOf(row.id()).orElseThrow()));
    return new SyncModel.Snapshot(
        rig.localRows(), rig.ops(), current.engine().status().parked(), serverRows, originals);
  }

  private boolean leasedElsewhere(Process process) {
    Instant now = rig.clock.instant();
    return rig.store.read(reader -> reader.syncState().leaseHolder(now))
        .filter(holder -> !holder.equals(process.holder()))
        .isPresent();
  }

  private Optional<Memory> localRow(int number) {
    return rig.localRows().stream().filter(row -> numberOf(row) == number).findFirst();
  }

  private Optional<RemoteMemory> liveOnServer(int number) {
    return rig.api.liveMemories().stream()
        .filter(row -> numberOf(row) == number)
        .findFirst();
  }

  private static String describe(CycleReport report) {
    return report.notRun().map(Object::toString)
        .orElse("pushed " + report.push().pushed() + ", retry later "
            + report.push().outcomes(PushOutcome.RETRY_LATER) + ", parked "
            + report.push().outcomes(PushOutcome.PARKED) + ", reconciled "
            + report.push().reconciledCreates() + (report.pulled() ? ", pulled" : ", pull failed")
            + (report.full() ? " everything" : ""));
  }

  private void note(String line) {
    trace.add(line);
  }
}
