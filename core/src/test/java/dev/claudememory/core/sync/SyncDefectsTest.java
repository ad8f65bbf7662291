package dev.claudememory.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.fakes.FakeRemoteMemoryApi.Operation;
import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.memory.Timestamps;
import dev.claudememory.core.port.LegacyOp;
import dev.claudememory.core.remote.MemoryFields;
import dev.claudememory.core.remote.RemoteMemory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * One test per defect of the original sync engine (SPEC §7), each named after it. Every one of
 * them fails against the original's behaviour: the scenario is the one that lost, duplicated or
 * resurrected a memory there.
 */
final class SyncDefectsTest {
  private final SyncRig rig = new SyncRig();

  // --- 1. lost writes ---

  @Test
  void defect1_LostWrites_opRejectedWith422IsParkedNotDropped() {
    SyncEngine engine = rig.engine("a");
    rig.api.rejectContent("kestrel deploys on fridays", "unknown category");
    Memory memory = rig.store("kestrel deploys on fridays");

    engine.runCycle();
    for (int i = 0; i < 6; i++) {
      rig.advance(Duration.ofHours(1));
      engine.runCycle();
    }

    PendingOp parked = rig.opFor(memory.id()).orElseThrow();
    assertThat(parked.isParked()).isTrue();
    assertThat(parked.parkedReason().orElseThrow()).contains("422").contains("unknown category");
    assertThat(rig.local(memory.id())).isPresent();
    assertThat(engine.status().parked()).containsExactly(parked);
    assertThat(rig.api.calls(Operation.CREATE)).hasSize(1); // parked: not hammered either

    rig.api.stopRejecting();
    rig.store.write(writer -> writer.outbox().save(parked.retried(rig.clock.instant())));
    engine.runCycle();

    assertThat(rig.api.liveContents()).containsExactly("kestrel deploys on fridays");
    assertThat(rig.ops()).isEmpty();
  }

  @Test
  void defect1_LostWrites_opFailingFiveTimesIsStillRetried() {
    SyncEngine engine = rig.engine("a");
    Memory memory = rig.store("marmalade is the staging database");
    rig.api.failNext(Operation.CREATE, 7);

    for (int i = 0; i < 7; i++) {
      engine.runCycle();
      rig.advance(Duration.ofMinutes(10));
    }

    PendingOp waiting = rig.opFor(memory.id()).orElseThrow();
    assertThat(waiting.attempts()).isEqualTo(7);
    assertThat(waiting.isParked()).isFalse();
    assertThat(rig.api.liveContents()).isEmpty();

    engine.runCycle();

    assertThat(rig.api.liveContents()).containsExactly("marmalade is the staging database");
    assertThat(rig.local(memory.id()).orElseThrow().serverId()).isPresent();
    assertThat(rig.ops()).isEmpty();
  }

  @Test
  void defect1_LostWrites_fullResyncKeepsUnpushedRows() {
    SyncEngine engine = rig.engine("a", fullResyncEveryCycle());
    Memory memory = rig.store("ocelot notes never pushed yet");
    rig.api.failNext(Operation.CREATE, 3);
    rig.api.createElsewhere("another machine's memory");

    for (int i = 0; i < 3; i++) {
      CycleReport report = engine.runCycle();
      assertThat(report.full()).isTrue();
      assertThat(report.pulled()).isTrue();
      assertThat(rig.local(memory.id())).as("after full resync %d", i).isPresent();
      rig.advance(Duration.ofMinutes(10));
    }
    engine.runCycle();

    assertThat(rig.localContents())
        .containsExactlyInAnyOrder("ocelot notes never pushed yet", "another machine's memory");
    assertThat(rig.api.liveContents())
        .containsExactlyInAnyOrder("ocelot notes never pushed yet", "another machine's memory");
  }

  @Test
  void defect1_LostWrites_aDeletedOlderCopyWithTheSameContentIsNotTakenForALostCreate() {
    SyncEngine engine = rig.engine("a");
    Memory first = rig.store("standup moved to 10:00");
    engine.runCycle();
    rig.advance(Duration.ofSeconds(30));
    rig.delete(first.id());
    engine.runCycle(); // the first copy is deleted on the server
    rig.advance(Duration.ofSeconds(30));
    Memory again = rig.store("standup moved to 10:00");
    rig.api.failNext(Operation.CREATE, 1); // never reached the server

    engine.push();
    rig.advance(Duration.ofMinutes(10));
    engine.push();

    assertThat(rig.local(again.id())).isPresent();
    assertThat(rig.api.liveContents()).containsExactly("standup moved to 10:00");
    assertThat(rig.serverIdOf(again.id())).isEqualTo(rig.api.liveMemories().get(0).id());
  }

  @Test
  void defect1_LostWrites_aLostCreateDeletedElsewhereIsDeletedHereToo() {
    SyncEngine engine = rig.engine("a");
    Memory memory = rig.store("short-lived plan");
    rig.api.loseNextCreateAnswers(1);
    engine.push();
    ServerId copy = rig.api.liveMemories().get(0).id();
    rig.advance(Duration.ofSeconds(30));
    rig.api.deleteElsewhere(copy); // another machine pulled it and deleted it

    rig.advance(Duration.ofMinutes(10));
    engine.push();

    assertThat(rig.local(memory.id())).isEmpty();
    assertThat(rig.ops()).isEmpty();
    assertThat(rig.api.calls(Operation.CREATE)).hasSize(1);
    assertThat(rig.api.liveMemories()).isEmpty();
  }

  // --- 2. duplicates ---

  @Test
  void defect2_Duplicates_createWhoseAnswerWasLostIsReconciledNotRepeated() {
    SyncEngine engine = rig.engine("a");
    Memory memory = rig.store("heron migrates in spring");
    rig.api.loseNextCreateAnswers(1);

    assertThat(engine.push().outcomes(PushOutcome.RETRY_LATER)).isEqualTo(1);
    assertThat(rig.opFor(memory.id()).orElseThrow().needsReconciliation()).isTrue();
    rig.advance(Duration.ofMinutes(10));
    PushReport retry = engine.push();

    assertThat(retry.reconciledCreates()).isEqualTo(1);
    assertThat(rig.api.calls(Operation.CREATE)).hasSize(1);
    ServerId onServer = rig.api.liveMemories().get(0).id();
    assertThat(rig.serverIdOf(memory.id())).isEqualTo(onServer);
    engine.runCycle();
    assertThat(rig.api.liveContents()).containsExactly("heron migrates in spring");
    assertThat(rig.localContents()).containsExactly("heron migrates in spring");
    assertThat(rig.ops()).isEmpty();
  }

  @Test
  void defect2_Duplicates_createWhoseAnswerWasLostIsAdoptedByThePull() {
    SyncEngine engine = rig.engine("a");
    Memory memory = rig.store("grebe nests on the lake");
    rig.api.loseNextCreateAnswers(1);

    engine.runCycle(); // the push loses the answer, the pull sees the copy

    assertThat(rig.serverIdOf(memory.id())).isEqualTo(rig.api.liveMemories().get(0).id());
    assertThat(rig.localContents()).containsExactly("grebe nests on the lake");
    rig.advance(Duration.ofMinutes(10));
    engine.runCycle();
    assertThat(rig.api.calls(Operation.CREATE)).hasSize(1);
    assertThat(rig.api.liveContents()).containsExactly("grebe nests on the lake");
    assertThat(rig.ops()).isEmpty();
  }

  @Test
  void defect2_Duplicates_lostCreateOfARedactedSecretIsStillRecognized() {
    SyncEngine engine = rig.engine("a");
    Memory memory = rig.store("staging db password=Tr0ub4dor3 for kestrel");
    rig.api.loseNextCreateAnswers(1);

    engine.push();
    rig.advance(Duration.ofMinutes(10));
    engine.push();

    assertThat(rig.api.calls(Operation.CREATE)).hasSize(1);
    assertThat(rig.api.liveContents())
        .containsExactly("staging db password=[REDACTED:password] for kestrel");
    assertThat(rig.serverIdOf(memory.id())).isEqualTo(rig.api.liveMemories().get(0).id());
  }

  @Test
  void defect2_Duplicates_twoEnginesOnOneStoreNeverPushTheSameOpTwice() {
    SyncEngine first = rig.engine("process-a");
    SyncEngine second = rig.engine("process-b");
    rig.store("pelican sightings log");
    AtomicReference<CycleReport> secondCycle = new AtomicReference<>();
    AtomicReference<PushReport> secondPush = new AtomicReference<>();
    rig.api.beforeNext(
        Operation.CREATE,
        call -> {
          // the other process wakes while this create is on the wire
          secondPush.set(second.push());
          secondCycle.set(second.runCycle());
        });

    first.runCycle();

    assertThat(secondPush.get().pushed()).isZero();
    assertThat(secondCycle.get().ran()).isFalse();
    assertThat(rig.api.calls(Operation.CREATE)).hasSize(1);
    assertThat(rig.api.liveContents()).containsExactly("pelican sightings log");
  }

  @Test
  void defect2_Duplicates_aSlowPushRenewsItsLeaseSoAnotherEngineCannotResendAnOpInFlight() {
    SyncEngine first = rig.engine("process-a");
    SyncEngine second = rig.engine("process-b");
    for (int i = 1; i <= 4; i++) {
      rig.store("slow memory " + i);
    }
    rig.api.setCallDuration(Duration.ofSeconds(20)); // four calls outlast the 60 s lease
    AtomicReference<PushReport> secondPush = new AtomicReference<>();
    for (int i = 1; i <= 3; i++) {
      rig.api.beforeNext(Operation.CREATE, call -> {});
    }
    rig.api.beforeNext(Operation.CREATE, call -> secondPush.set(second.push()));

    first.push();

    assertThat(secondPush.get().pushed()).isZero();
    assertThat(rig.api.calls(Operation.CREATE)).hasSize(4);
    assertThat(rig.api.liveContents())
        .containsExactly("slow memory 1", "slow memory 2", "slow memory 3", "slow memory 4");
  }

  @Test
  void defect2_Duplicates_legacyQueuedStoreAlreadyOnTheServerIsNotSentAgain() {
    // the Python version's POST timed out after the server committed, and it queued the store
    Memory legacyRow =
        rig.store.putRow(
            new Memory(
                new MemoryId(7),
                Optional.empty(),
                "ptarmigan turns white in winter",
                Category.DEFAULT,
                "",
                "",
                0.5,
                false,
                Timestamps.format(SyncRig.T0),
                Timestamps.format(SyncRig.T0)));
    rig.api.createElsewhere("ptarmigan turns white in winter");
    rig.store.setLegacyOps(
        List.of(new LegacyOp(1, "store", Optional.of(legacyRow.id()), Optional.empty())));
    rig.advance(Duration.ofDays(3)); // the user upgrades days later
    SyncEngine engine = rig.engine("a");

    engine.start();
    engine.runCycle();
    rig.advance(Duration.ofMinutes(10));
    engine.runCycle();

    assertThat(rig.api.calls(Operation.CREATE)).isEmpty();
    assertThat(rig.api.liveContents()).containsExactly("ptarmigan turns white in winter");
    assertThat(rig.localContents()).containsExactly("ptarmigan turns white in winter");
    assertThat(rig.local(legacyRow.id()).orElseThrow().serverId()).isPresent();
  }

  @Test
  void defect2_Duplicates_fullResyncNeverPushesAQueuedMemoryASecondTimeAsAnOrphan() {
    SyncEngine engine = rig.engine("a", fullResyncEveryCycle());
    Memory memory = rig.store("queued and unsynced at once");
    rig.api.failNext(Operation.CREATE, 2);

    for (int i = 0; i < 4; i++) {
      engine.runCycle();
      rig.advance(Duration.ofMinutes(10));
    }

    assertThat(rig.api.liveContents()).containsExactly("queued and unsynced at once");
    assertThat(rig.api.calls(Operation.CREATE)).hasSize(3);
    assertThat(rig.serverIdOf(memory.id())).isEqualTo(rig.api.liveMemories().get(0).id());
  }

  // --- 3. resurrection ---

  @Test
  void defect3_Resurrection_pythonEraMemoryDeletedBeforeReconciliationTakesItsOldCopyWithIt() {
    // the Python version's POST reached the server days ago but its answer was lost
    Memory orphan = rig.store.putRow(pythonRow(3, "an old note, deleted after the upgrade"));
    ServerId oldCopy = rig.api.commitLate("an old note, deleted after the upgrade",
        SyncRig.T0.minus(Duration.ofDays(2)));
    SyncEngine engine = rig.engine("a");
    engine.start();
    rig.delete(orphan.id()); // before any reconciliation could run

    engine.runCycle();
    rig.advance(Duration.ofMinutes(10));
    engine.runCycle();

    assertThat(rig.onServer(oldCopy).isDeleted()).isTrue();
    assertThat(rig.localRows()).isEmpty();
    assertThat(rig.ops()).isEmpty();
  }

  @Test
  void defect2_Duplicates_pythonEraMemoryEditedBeforeAnyEngineRanIsReconciledNotCreatedAgain() {
    // the Python version's POST reached the server but its answer was lost; then, before any
    // engine of ours ran (a local-only session, or the CLI), the memory was edited here
    Memory orphan = rig.store.putRow(pythonRow(3, "the Kestrel cache lives on node 4"));
    ServerId oldCopy =
        rig.api.commitLate("the Kestrel cache lives on node 4", SyncRig.T0.minus(Duration.ofDays(2)));
    rig.edit(orphan.id(), "the Kestrel cache lives on node 5");

    SyncEngine engine = rig.engine("a");
    engine.start();
    engine.runCycle();
    rig.advance(Duration.ofMinutes(10));
    engine.runCycle();

    assertThat(rig.api.liveMemories()).extracting(RemoteMemory::id).containsExactly(oldCopy);
    assertThat(rig.onServer(oldCopy).content()).isEqualTo("the Kestrel cache lives on node 5");
    assertThat(rig.serverIdOf(orphan.id())).isEqualTo(oldCopy);
    assertThat(rig.ops()).isEmpty();
  }

  @Test
  void defect3_Resurrection_pythonEraMemoryDeletedBeforeAnyEngineRanDoesNotComeBack() {
    Memory orphan = rig.store.putRow(pythonRow(3, "a note deleted in a local-only session"));
    ServerId oldCopy =
        rig.api.commitLate("a note deleted in a local-only session", SyncRig.T0.minus(Duration.ofDays(2)));
    rig.delete(orphan.id());

    SyncEngine engine = rig.engine("a");
    engine.start();
    engine.runCycle();
    rig.advance(Duration.ofMinutes(10));
    engine.runCycle();

    assertThat(rig.onServer(oldCopy).isDeleted()).isTrue();
    assertThat(rig.localRows()).isEmpty();
    assertThat(rig.ops()).isEmpty();
  }

  @Test
  void defect3_Resurrection_deleteOfUnsyncedMemoryCancelsQueuedStore() {
    SyncEngine engine = rig.engine("a");
    Memory memory = rig.store("a thought retracted before sync");

    rig.delete(memory.id());
    engine.runCycle();
    rig.advance(Duration.ofMinutes(10));
    engine.runCycle();

    assertThat(rig.ops()).isEmpty();
    assertThat(rig.api.calls(Operation.CREATE)).isEmpty();
    assertThat(rig.api.liveMemories()).isEmpty();
    assertThat(rig.localRows()).isEmpty();
  }

  @Test
  void defect3_Resurrection_pulledRowOfLocallyDeletedMemoryIsNotReinserted() {
    SyncEngine engine = rig.engine("a");
    Memory memory = rig.store("loon calls at dusk");
    engine.runCycle();
    ServerId serverId = rig.serverIdOf(memory.id());
    rig.advance(Duration.ofMinutes(1));
    rig.api.editElsewhere(serverId, "loon calls at dusk, edited on the laptop");
    rig.delete(memory.id());
    rig.api.failNext(Operation.DELETE, 1);

    rig.advance(Duration.ofMinutes(1));
    CycleReport report = engine.runCycle(); // the delete fails, the pull sees the edit

    assertThat(report.pulled()).isTrue();
    assertThat(rig.localRows()).isEmpty();
    rig.advance(Duration.ofMinutes(10));
    engine.runCycle();
    assertThat(rig.localRows()).isEmpty();
    assertThat(rig.api.liveMemories()).isEmpty();
    assertThat(rig.onServer(serverId).isDeleted()).isTrue();
  }

  // --- 4. network in the request path ---

  @Test
  void defect4_NetworkInRequestPath_storeReturnsWithoutCallingTheApi() {
    SyncEngine engine = rig.engine("a");
    AtomicBoolean inToolCall = new AtomicBoolean();
    rig.api.refuseCallsWhile(() -> inToolCall.get() || rig.store.inWrite());
    Memory kept = rig.store("kept memory");
    engine.runCycle();
    int callsBefore = rig.api.calls().size();
    int wakesBefore = rig.wakes.get();

    inToolCall.set(true);
    Memory stored = rig.store("stored while the API hangs");
    rig.edit(kept.id(), "kept memory, edited while the API hangs");
    Memory doomed = rig.store("deleted while the API hangs");
    rig.delete(doomed.id());
    inToolCall.set(false);

    assertThat(rig.api.calls()).hasSize(callsBefore);
    assertThat(rig.wakes.get()).isEqualTo(wakesBefore + 4);
    assertThat(rig.ops()).hasSize(2);
    engine.push();
    assertThat(rig.api.liveContents())
        .containsExactly("kept memory, edited while the API hangs", "stored while the API hangs");
    assertThat(rig.serverIdOf(stored.id())).isNotNull();
  }

  @Test
  void defect4_NetworkInRequestPath_startPreparesTheQueueWithoutTheNetwork() {
    rig.store.putRow(pythonRow(3, "an orphan of the Python days"));
    rig.store.setLegacyOps(List.of(new LegacyOp(1, "delete", Optional.empty(),
        Optional.of(new ServerId(1234)))));
    rig.api.refuseCallsWhile(() -> true);

    rig.engine("a").start();

    assertThat(rig.ops()).hasSize(2);
    assertThat(rig.api.calls()).isEmpty();
  }

  // --- 5. missed changes ---

  @Test
  void defect5_MissedChanges_pullOverlapsPreviousCursor() {
    SyncEngine engine = rig.engine("a", onlyFirstCycleFull());
    engine.runCycle(); // full; the cursor is now the server's time, T0
    String cursor = rig.syncValue(SyncKeys.PULL_CURSOR).orElseThrow();
    rig.advance(Duration.ofSeconds(30));
    // a transaction that began before that pull commits now, stamped before the cursor
    rig.api.commitLate("committed late by a slow transaction", SyncRig.T0.minusSeconds(5));

    CycleReport report = engine.runCycle();

    assertThat(report.full()).isFalse();
    String since = rig.api.calls(Operation.CHANGES_SINCE).get(1).since().orElseThrow();
    assertThat(Timestamps.parse(since).orElseThrow())
        .isBeforeOrEqualTo(Timestamps.parse(cursor).orElseThrow().minus(SyncRig.OVERLAP));
    assertThat(rig.localContents()).containsExactly("committed late by a slow transaction");
  }

  // --- 6. single process assumption ---

  @Test
  void defect6_SingleProcess_leaseHandedOverWhenHolderExpires() {
    SyncEngine crashed = rig.engine("process-a");
    SyncEngine survivor = rig.engine("process-b");
    crashed.runCycle(); // holds the lease, then dies without stopping
    Memory memory = rig.store("written by the surviving process");

    rig.advance(SyncRig.LEASE.minusSeconds(1));
    int callsBefore = rig.api.calls().size();
    assertThat(survivor.runCycle().ran()).isFalse();
    assertThat(survivor.push().pushed()).isZero();
    assertThat(rig.api.calls()).hasSize(callsBefore);

    rig.advance(Duration.ofSeconds(2));
    CycleReport takeover = survivor.runCycle();

    assertThat(takeover.ran()).isTrue();
    assertThat(takeover.push().pushed()).isEqualTo(1);
    assertThat(rig.serverIdOf(memory.id())).isNotNull();
    assertThat(rig.store.leaseHolder()).contains("process-b");
    assertThat(crashed.runCycle().ran()).isFalse();
  }

  @Test
  void defect6_SingleProcess_stoppedEngineHandsTheLeaseOverAtOnce() {
    SyncEngine stopping = rig.engine("process-a");
    SyncEngine next = rig.engine("process-b");
    stopping.runCycle();

    stopping.stop();

    assertThat(next.runCycle().ran()).isTrue();
    assertThat(stopping.runCycle().ran()).isFalse();
  }

  // --- 7. secrets lost to redaction ---

  @Test
  void defect7_SecretsLostToRedaction_localOriginalKept() {
    SyncEngine engine = rig.engine("a", fullResyncEveryOtherCycle());
    Memory secret = rig.store("kestrel db password=Tr0ub4dor3 (rotate monthly)");

    engine.runCycle();
    ServerId serverId = rig.serverIdOf(secret.id());
    rig.advance(Duration.ofMinutes(1));
    engine.runCycle();
    rig.advance(Duration.ofMinutes(1));
    engine.runCycle();

    RemoteMemory onServer = rig.onServer(serverId);
    assertThat(onServer.content())
        .isEqualTo("kestrel db password=[REDACTED:password] (rotate monthly)");
    Memory local = rig.local(secret.id()).orElseThrow();
    assertThat(local.content()).isEqualTo("kestrel db password=Tr0ub4dor3 (rotate monthly)");
    assertThat(local.sensitive()).isTrue();
    assertThat(rig.localRows()).hasSize(1);
  }

  @Test
  void defect7_SecretsLostToRedaction_serverEditOfOtherFieldsKeepsTheLocalOriginal() {
    SyncEngine engine = rig.engine("a");
    Memory secret = rig.store("api password=hunter22 for the ocelot service");
    engine.runCycle();
    ServerId serverId = rig.serverIdOf(secret.id());
    rig.advance(Duration.ofMinutes(1));
    // another machine pulled the redacted copy and saved it back with new tags
    rig.api.editElsewhere(
        serverId,
        new MemoryFields(rig.onServer(serverId).content(), "facts", "rotated", "", 0.5, true));

    rig.advance(Duration.ofMinutes(1));
    engine.runCycle();

    Memory local = rig.local(secret.id()).orElseThrow();
    assertThat(local.content()).isEqualTo("api password=hunter22 for the ocelot service");
    assertThat(local.tags()).isEqualTo("rotated");
  }

  // --- helpers ---

  private static SyncOptions fullResyncEveryCycle() {
    return new SyncOptions(Duration.ofSeconds(60), 1, SyncRig.OVERLAP, SyncRig.LEASE, 100);
  }

  private static SyncOptions fullResyncEveryOtherCycle() {
    return new SyncOptions(Duration.ofSeconds(60), 2, SyncRig.OVERLAP, SyncRig.LEASE, 100);
  }

  private static SyncOptions onlyFirstCycleFull() {
    return new SyncOptions(Duration.ofSeconds(60), 1_000, SyncRig.OVERLAP, SyncRig.LEASE, 100);
  }

  static Memory pythonRow(long id, String content) {
    return new Memory(new MemoryId(id), Optional.empty(), content, Category.DEFAULT, "", "", 0.5,
        false, "2025-03-01T10:00:00.000000+00:00", "2025-03-01T10:00:00.000000+00:00");
  }
}
