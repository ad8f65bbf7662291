package dev.claudememory.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.fakes.FakeRemoteMemoryApi.Operation;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.port.LegacyOp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The sync engine driven by hand: push and pull outcomes, auth, start-up, changes in flight. */
final class SyncEngineTest {
  private final SyncRig rig = new SyncRig();
  private final SyncEngine engine = rig.engine("a");

  // --- push ---

  @Test
  void aStoredMemoryIsCreatedOnTheServerAndTakesItsIdAndCanonicalCategory() {
    Memory memory = rig.store("kestrel is the staging cluster");

    CycleReport report = engine.runCycle();

    assertThat(report.ran()).isTrue();
    assertThat(report.push().pushed()).isEqualTo(1);
    ServerId serverId = rig.serverIdOf(memory.id());
    assertThat(rig.onServer(serverId).content()).isEqualTo("kestrel is the staging cluster");
    assertThat(rig.ops()).isEmpty();
    assertThat(engine.status().lastPush()).isPresent();
    assertThat(engine.status().unsyncedMemories()).isZero();
  }

  @Test
  void everyAttemptOfAnOpCarriesTheSameIdempotencyKey() {
    rig.store("retried with one key");
    rig.api.failNext(Operation.CREATE, 2);

    for (int i = 0; i < 3; i++) {
      engine.push();
      rig.advance(Duration.ofMinutes(10));
    }

    List<Optional<IdempotencyKey>> keys =
        rig.api.calls(Operation.CREATE).stream().map(call -> call.key()).collect(Collectors.toList());
    assertThat(keys).hasSize(3).doesNotContain(Optional.empty());
    assertThat(keys.stream().distinct()).hasSize(1);
  }

  @Test
  void aCycleThatPushesAndPullsEverythingForgetsTheLastError() {
    rig.store("pushed after a failure");
    rig.api.failNext(Operation.CREATE, 1);
    engine.runCycle();
    assertThat(engine.status().lastError()).isPresent();

    rig.advance(Duration.ofMinutes(10));
    CycleReport report = engine.runCycle();

    assertThat(report.push().pushed()).isEqualTo(1);
    assertThat(report.pulled()).isTrue();
    assertThat(engine.status().lastError()).isEmpty();
  }

  @Test
  void aCycleWhosePullFailsKeepsTheLastError() {
    rig.store("pushed, but the pull fails");
    rig.api.failNext(Operation.CHANGES_SINCE, 1);

    engine.runCycle();

    assertThat(engine.status().lastError()).hasValueSatisfying(error -> assertThat(error).contains("503"));
  }

  @Test
  void aFailedPushBacksOffAndIsNotSentAgainBeforeItsTime() {
    Memory memory = rig.store("backs off");
    rig.api.failNext(Operation.CREATE, 1);

    engine.push();
    PendingOp waiting = rig.opFor(memory.id()).orElseThrow();
    engine.push();

    assertThat(waiting.nextAttemptAt()).isAfter(rig.clock.instant());
    assertThat(waiting.lastError()).hasValueSatisfying(error -> assertThat(error).contains("503"));
    assertThat(rig.api.calls(Operation.CREATE)).hasSize(1);
    assertThat(engine.hasDueWork()).isFalse();
    rig.clock.set(waiting.nextAttemptAt());
    assertThat(engine.hasDueWork()).isTrue();
  }

  @Test
  void anUnreachableApiStopsThePushButNotThePull() {
    rig.store("first");
    rig.store("second");
    rig.api.createElsewhere("from the laptop");
    rig.api.failNext(Operation.CREATE, 1);

    CycleReport report = engine.runCycle();

    assertThat(report.push().outcomes(PushOutcome.RETRY_LATER)).isEqualTo(1);
    assertThat(rig.api.calls(Operation.CREATE)).hasSize(1); // the second waits for the next cycle
    assertThat(report.pulled()).isTrue();
    assertThat(rig.localContents()).contains("from the laptop");
  }

  @Test
  void anUpdateAnsweringNotFoundForAMemoryDeletedOnTheServerRemovesTheLocalRowInTheSameCycle() {
    Memory memory = rig.store("deleted on the laptop");
    engine.runCycle();
    rig.api.deleteElsewhere(rig.serverIdOf(memory.id()));
    rig.edit(memory.id(), "edited here meanwhile");

    // the 404 alone does not tell a delete from a server that lost its data: the full resync it
    // calls for shows the delete
    CycleReport report = engine.runCycle();

    assertThat(report.full()).isTrue();
    assertThat(rig.local(memory.id())).isEmpty();
    assertThat(rig.ops()).isEmpty();
    assertThat(rig.api.liveMemories()).isEmpty();
    assertThat(engine.status().parked()).isEmpty();
  }

  @Test
  void editsMadeWhileACreateIsInFlightBecomeAnUpdateAfterItSucceeds() {
    Memory memory = rig.store("first draft");
    rig.api.beforeNext(Operation.CREATE, call -> rig.edit(memory.id(), "second draft"));

    engine.push();

    ServerId serverId = rig.serverIdOf(memory.id());
    assertThat(rig.onServer(serverId).content()).isEqualTo("first draft");
    PendingOp update = rig.opFor(memory.id()).orElseThrow();
    assertThat(update.kind()).isEqualTo(OpKind.UPDATE);
    assertThat(update.serverId()).contains(serverId);
    engine.push();
    assertThat(rig.onServer(serverId).content()).isEqualTo("second draft");
    assertThat(rig.api.calls(Operation.CREATE)).hasSize(1);
    assertThat(rig.ops()).isEmpty();
  }

  @Test
  void editsMadeWhileAnUpdateIsInFlightAreSentNext() {
    Memory memory = rig.store("v1");
    engine.push();
    rig.edit(memory.id(), "v2");
    rig.api.beforeNext(Operation.UPDATE, call -> rig.edit(memory.id(), "v3"));

    engine.push();
    assertThat(rig.opFor(memory.id())).isPresent();
    engine.push();

    assertThat(rig.onServer(rig.serverIdOf(memory.id())).content()).isEqualTo("v3");
    assertThat(rig.ops()).isEmpty();
  }

  @Test
  void aDeleteMadeWhileTheCreateIsInFlightDeletesTheNewCopy() {
    Memory memory = rig.store("regretted at once");
    rig.api.beforeNext(Operation.CREATE, call -> rig.delete(memory.id()));

    engine.push();
    PendingOp delete = rig.ops().get(0);
    engine.push();

    assertThat(delete.kind()).isEqualTo(OpKind.DELETE);
    assertThat(delete.serverId()).isPresent();
    assertThat(rig.api.liveMemories()).isEmpty();
    assertThat(rig.ops()).isEmpty();
    assertThat(rig.localRows()).isEmpty();
  }

  @Test
  void aDeleteMadeWhileACreateWhoseAnswerIsLostWasInFlightIsReconciledIntoADelete() {
    Memory memory = rig.store("regretted, answer lost");
    rig.api.loseNextCreateAnswers(1);
    rig.api.beforeNext(Operation.CREATE, call -> rig.delete(memory.id()));

    engine.push();
    rig.advance(Duration.ofMinutes(10));
    engine.push();

    assertThat(rig.api.liveMemories()).isEmpty();
    assertThat(rig.ops()).isEmpty();
    assertThat(rig.localRows()).isEmpty();
  }

  @Test
  void aDeleteMadeWhileAnUpdateOfAMemoryDeletedOnTheServerWasInFlightLeavesNothingQueued() {
    Memory memory = rig.store("deleted twice");
    engine.push();
    rig.api.deleteElsewhere(rig.serverIdOf(memory.id()));
    rig.edit(memory.id(), "edited before hearing of it");
    rig.api.beforeNext(Operation.UPDATE, call -> rig.delete(memory.id()));

    engine.push();
    rig.advance(Duration.ofMinutes(10));
    engine.runCycle();

    assertThat(rig.ops()).isEmpty();
    assertThat(engine.status().parked()).isEmpty();
    assertThat(rig.localRows()).isEmpty();
  }

  @Test
  void aDeleteOfASyncedMemoryDeletesItOnTheServer() {
    Memory memory = rig.store("to be deleted");
    engine.push();
    ServerId serverId = rig.serverIdOf(memory.id());

    rig.delete(memory.id());
    engine.push();

    assertThat(rig.onServer(serverId).isDeleted()).isTrue();
    assertThat(rig.ops()).isEmpty();
  }

  @Test
  void aPushThatLosesTheLeaseBetweenRoundsLeavesTheRestOfTheQueueToTheNewHolder() {
    SyncEngine second = rig.engine("b");
    rig.store("sent before the lease was lost");
    Memory left = rig.store("left to the process that took the lease over");
    Memory alsoLeft = rig.store("left to it too");
    rig.api.afterNext(Operation.CREATE, call -> {
      // the answer takes longer than the lease: another process takes the lease over meanwhile
      rig.advance(SyncRig.LEASE.plusSeconds(1));
      rig.store.write(writer -> writer.syncState().acquireLease("b", rig.clock.instant(), SyncRig.LEASE));
    });

    PushReport report = engine.push();

    assertThat(report.pushed()).isEqualTo(1);
    assertThat(rig.api.calls(Operation.CREATE)).hasSize(1);
    assertThat(rig.opFor(left.id())).isPresent();
    assertThat(rig.opFor(alsoLeft.id())).isPresent();
    assertThat(rig.store.leaseHolder()).contains("b");

    second.push();

    assertThat(rig.api.calls(Operation.CREATE)).hasSize(3);
    assertThat(rig.api.liveContents()).doesNotHaveDuplicates().hasSize(3);
    assertThat(rig.ops()).isEmpty();
  }

  // --- auth ---

  @Test
  void anAuthFailureStopsPushesUntilAnAuthCheckPasses() {
    rig.store("written with a rotated key");
    rig.api.setAuthFailing(true);

    CycleReport failed = engine.runCycle();
    assertThat(failed.push().outcomes(PushOutcome.AUTH_FAILED)).isEqualTo(1);
    assertThat(engine.status().authFailedSince()).isPresent();
    int callsAfterFailure = rig.api.calls().size();
    rig.store("written while the key is refused");
    for (int i = 0; i < 3; i++) {
      rig.advance(Duration.ofMinutes(10));
      assertThat(engine.runCycle().ran()).isFalse();
      assertThat(engine.push().pushed()).isZero();
    }

    assertThat(rig.api.calls().subList(callsAfterFailure, rig.api.calls().size()))
        .allSatisfy(call -> assertThat(call.operation()).isEqualTo(Operation.CHECK_AUTH));
    assertThat(rig.api.liveMemories()).isEmpty();

    rig.api.setAuthFailing(false);
    rig.advance(Duration.ofMinutes(10));
    CycleReport resumed = engine.runCycle();

    assertThat(resumed.ran()).isTrue();
    assertThat(engine.status().authFailedSince()).isEmpty();
    assertThat(rig.api.liveContents())
        .containsExactly("written with a rotated key", "written while the key is refused");
    assertThat(rig.ops()).isEmpty();
  }

  @Test
  void startLiftsARememberedAuthFailureSoANewKeyIsTriedAtOnce() {
    rig.store("queued");
    rig.api.setAuthFailing(true);
    engine.runCycle();
    rig.api.setAuthFailing(false);

    SyncEngine restarted = rig.engine("a");
    restarted.start();

    assertThat(restarted.status().authFailedSince()).isEmpty();
    assertThat(restarted.runCycle().push().pushed()).isEqualTo(1);
  }

  // --- start-up ---

  @Test
  void startAdoptsThePythonQueueAndOrphans() {
    Memory queuedStore = rig.store.putRow(SyncDefectsTest.pythonRow(3, "queued by Python"));
    Memory orphan = rig.store.putRow(SyncDefectsTest.pythonRow(4, "never queued"));
    Memory alreadySynced =
        rig.store.putRow(withServerId(SyncDefectsTest.pythonRow(5, "synced by Python"), 55));
    rig.store.setLegacyOps(
        List.of(
            new LegacyOp(1, "store", Optional.of(queuedStore.id()), Optional.empty()),
            new LegacyOp(2, "delete", Optional.empty(), Optional.of(new ServerId(77))),
            new LegacyOp(3, "store", Optional.of(alreadySynced.id()), Optional.empty()),
            new LegacyOp(4, "store", Optional.of(new MemoryId(99)), Optional.empty()),
            new LegacyOp(5, "share", Optional.empty(), Optional.empty())));

    engine.start();

    List<PendingOp> ops = rig.ops();
    assertThat(ops).hasSize(3);
    PendingOp create = rig.opFor(queuedStore.id()).orElseThrow();
    assertThat(create.kind()).isEqualTo(OpKind.CREATE);
    assertThat(create.needsReconciliation()).isTrue();
    assertThat(create.unconfirmedContent()).contains("queued by Python");
    PendingOp orphaned = rig.opFor(orphan.id()).orElseThrow();
    assertThat(orphaned.kind()).isEqualTo(OpKind.CREATE);
    assertThat(orphaned.needsReconciliation()).isTrue();
    PendingOp delete =
        rig.store.read(reader -> reader.outbox().deleteOf(new ServerId(77))).orElseThrow();
    assertThat(delete.memoryId()).isEmpty();
    assertThat(rig.opFor(alreadySynced.id())).isEmpty();
    List<LegacyOp> left = rig.store.write(writer -> writer.outbox().takeLegacyOps());
    assertThat(left).isEmpty();
  }

  @Test
  void startingTwiceQueuesNothingTwice() {
    rig.store.putRow(SyncDefectsTest.pythonRow(3, "an orphan"));
    rig.store.setLegacyOps(
        List.of(new LegacyOp(1, "delete", Optional.empty(), Optional.of(new ServerId(77)))));

    engine.start();
    List<PendingOp> once = rig.ops();
    rig.engine("b").start();

    assertThat(rig.ops()).isEqualTo(once);
  }

  @Test
  void adoptedOpsReachTheServerOnceEach() {
    Memory neverSent = rig.store.putRow(SyncDefectsTest.pythonRow(3, "never reached the server"));
    Memory sentBefore = rig.store.putRow(SyncDefectsTest.pythonRow(4, "reached it, answer lost"));
    ServerId copy = rig.api.createElsewhere("reached it, answer lost");
    ServerId doomed = rig.api.createElsewhere("deleted by Python, delete queued");
    rig.store.setLegacyOps(
        List.of(
            new LegacyOp(1, "store", Optional.of(sentBefore.id()), Optional.empty()),
            new LegacyOp(2, "delete", Optional.empty(), Optional.of(doomed))));

    engine.start();
    engine.runCycle();
    rig.advance(Duration.ofMinutes(10));
    engine.runCycle();

    assertThat(rig.api.liveContents())
        .containsExactlyInAnyOrder("never reached the server", "reached it, answer lost");
    assertThat(rig.serverIdOf(sentBefore.id())).isEqualTo(copy);
    assertThat(rig.serverIdOf(neverSent.id())).isNotEqualTo(copy);
    assertThat(rig.api.calls(Operation.CREATE)).hasSize(1);
    assertThat(rig.ops()).isEmpty();
  }

  @Test
  void aPythonQueuedStoreOfARowAlreadyQueuedHereIsNotQueuedTwice() {
    Memory row = rig.store.putRow(SyncDefectsTest.pythonRow(3, "stored by Python, edited here since"));
    rig.edit(row.id(), "stored by Python, edited here since, by this version");
    rig.store.setLegacyOps(List.of(new LegacyOp(1, "store", Optional.of(row.id()), Optional.empty())));

    engine.start();

    assertThat(rig.ops()).singleElement().satisfies(op -> assertThat(op.memoryId()).contains(row.id()));
  }

  @Test
  void aRowThePythonVersionWritesWhileThisProcessSyncsIsPushedByTheNextFullResync() {
    SyncEngine everyCycleFull =
        rig.engine("a", new SyncOptions(Duration.ofSeconds(60), 1, SyncRig.OVERLAP, SyncRig.LEASE, 100));
    everyCycleFull.start();
    everyCycleFull.runCycle();
    rig.store.putRow(SyncDefectsTest.pythonRow(3, "written by the Python version meanwhile"));

    rig.advance(Duration.ofMinutes(1));
    everyCycleFull.runCycle();
    rig.advance(Duration.ofMinutes(1));
    everyCycleFull.runCycle();

    assertThat(rig.api.liveContents()).containsExactly("written by the Python version meanwhile");
    assertThat(rig.ops()).isEmpty();
  }

  @Test
  void anEngineReadingOneQueuedOpAtATimeStillDrainsTheWholeQueue() {
    SyncEngine oneAtATime =
        rig.engine("a", new SyncOptions(Duration.ofSeconds(60), 10, SyncRig.OVERLAP, SyncRig.LEASE, 1));
    rig.store("first of three");
    rig.store("second of three");
    rig.store("third of three");

    assertThat(oneAtATime.push().pushed()).isEqualTo(3);
    assertThat(rig.api.liveContents()).hasSize(3);
  }

  @Test
  void anUpdateWhoseServerCopyCannotBeLookedAtWaitsAndStopsThePush() {
    Memory memory = rig.store("looked at before it is changed");
    engine.runCycle();
    rig.edit(memory.id(), "changed once the copy could be looked at");
    Memory other = rig.store("waits behind it");
    rig.api.failNext(Operation.GET, 1);
    rig.advance(Duration.ofMinutes(1));

    PushReport report = engine.push();

    assertThat(report.outcomes(PushOutcome.RETRY_LATER)).isEqualTo(1);
    assertThat(rig.api.calls(Operation.UPDATE)).isEmpty();
    assertThat(rig.opFor(other.id())).isPresent();
    rig.advance(Duration.ofMinutes(1));
    engine.push();
    assertThat(rig.onServer(rig.serverIdOf(memory.id())).content())
        .isEqualTo("changed once the copy could be looked at");
    assertThat(rig.ops()).isEmpty();
  }

  // --- pull ---

  @Test
  void aPullBringsMemoriesStoredElsewhereAndMovesTheCursorToTheServersTime() {
    rig.api.createElsewhere("stored on the laptop");
    rig.advance(Duration.ofSeconds(5));

    engine.runCycle();

    assertThat(rig.localContents()).containsExactly("stored on the laptop");
    assertThat(rig.syncValue(SyncKeys.PULL_CURSOR)).contains("2026-11-24T21:47:38.680389+00:00");
    assertThat(engine.status().lastPull()).isPresent();
  }

  @Test
  void anotherMachinesMemoryWithTheSameTextAsOneHereIsKeptAsAMemoryOfItsOwn() {
    Memory mine = rig.store("the same words on two machines");
    engine.runCycle();
    ServerId theirs = rig.api.createElsewhere("the same words on two machines");
    rig.advance(Duration.ofMinutes(1));

    engine.runCycle();
    rig.advance(Duration.ofMinutes(1));
    engine.runCycle();

    assertThat(rig.api.liveMemories()).extracting(memory -> memory.id())
        .containsExactlyInAnyOrder(rig.serverIdOf(mine.id()), theirs);
    assertThat(rig.localContents()).hasSize(2);
  }

  @Test
  void aFullResyncDeletesRowsDeletedOnTheServerQueuedWorkIncluded() {
    SyncEngine everyCycleFull =
        rig.engine("a", new SyncOptions(Duration.ofSeconds(60), 1, SyncRig.OVERLAP,
            SyncRig.LEASE, 100));
    Memory gone = rig.store("purged on the server");
    Memory edited = rig.store("purged, but edited here");
    everyCycleFull.runCycle();
    rig.api.deleteElsewhere(rig.serverIdOf(gone.id()));
    rig.api.deleteElsewhere(rig.serverIdOf(edited.id()));
    rig.edit(edited.id(), "purged, but edited here again");
    rig.api.failNext(Operation.UPDATE, 1);

    rig.advance(Duration.ofMinutes(1));
    everyCycleFull.runCycle();

    // the full resync lists deleted memories too: the server's delete wins over a queued edit
    assertThat(rig.local(gone.id())).isEmpty();
    assertThat(rig.local(edited.id())).isEmpty();
    assertThat(rig.ops()).isEmpty();
  }

  @Test
  void aPullWithoutACursorIsAFullResyncSoDeletesMadeBeforeItAreNotMissed() {
    SyncEngine rarelyFull =
        rig.engine("a", new SyncOptions(Duration.ofSeconds(60), 1_000, SyncRig.OVERLAP,
            SyncRig.LEASE, 100));
    Memory memory = rig.store("deleted on the laptop before this side ever pulled");
    rig.api.failNext(Operation.CHANGES_SINCE, 1);
    CycleReport first = rarelyFull.runCycle(); // pushed, but the full pull failed
    rig.api.deleteElsewhere(rig.api.liveMemories().get(0).id());

    rig.advance(Duration.ofMinutes(1));
    CycleReport second = rarelyFull.runCycle();

    assertThat(first.pulled()).isFalse();
    assertThat(second.full()).isTrue();
    assertThat(rig.local(memory.id())).isEmpty();
  }

  @Test
  void everyNthCycleIsAFullResyncThatFindsAMemoryTheServerLostWhichIncrementalPullsCannotSee() {
    SyncEngine everyThird =
        rig.engine("a", new SyncOptions(Duration.ofSeconds(60), 3, SyncRig.OVERLAP, SyncRig.LEASE, 100));
    Memory memory = rig.store("lost by the server without a trace");
    List<Boolean> full = new ArrayList<>();
    full.add(everyThird.runCycle().full());
    rig.api.loseEverything();

    for (int cycle = 2; cycle <= 3; cycle++) {
      rig.advance(Duration.ofMinutes(1));
      full.add(everyThird.runCycle().full());
    }
    assertThat(rig.api.liveMemories()).as("after two incremental pulls").isEmpty();
    for (int cycle = 4; cycle <= 7; cycle++) {
      rig.advance(Duration.ofMinutes(1));
      full.add(everyThird.runCycle().full());
    }

    assertThat(full).containsExactly(true, false, false, true, false, false, true);
    assertThat(rig.api.liveContents()).containsExactly(memory.content());
    assertThat(rig.serverIdOf(memory.id())).isEqualTo(rig.api.liveMemories().get(0).id());
    assertThat(rig.ops()).isEmpty();
  }

  @Test
  void aFailedPullLeavesTheCursorWhereItWas() {
    engine.runCycle();
    String cursor = rig.syncValue(SyncKeys.PULL_CURSOR).orElseThrow();
    rig.advance(Duration.ofMinutes(1));
    rig.api.failNext(Operation.CHANGES_SINCE, 1);

    CycleReport report = engine.runCycle();

    assertThat(report.pulled()).isFalse();
    assertThat(rig.syncValue(SyncKeys.PULL_CURSOR)).contains(cursor);
    assertThat(engine.status().lastError()).hasValueSatisfying(e -> assertThat(e).contains("503"));
  }

  private static Memory withServerId(Memory memory, long serverId) {
    return new Memory(memory.id(), Optional.of(new ServerId(serverId)), memory.content(),
        memory.category(), memory.tags(), memory.expandedKeywords(), memory.importance(),
        memory.sensitive(), memory.createdAt(), memory.updatedAt());
  }
}
