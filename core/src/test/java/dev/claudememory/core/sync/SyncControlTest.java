package dev.claudememory.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.fakes.FakeRemoteMemoryApi.Operation;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.remote.RemoteMemory;
import dev.claudememory.core.sync.ParkedOpResult.Refusal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Sync on demand and the dead letters: syncing now, retrying and discarding parked ops. */
final class SyncControlTest {
  private static final String OTHER_PROCESS = "pid 4321 0f8fad5b-d9cb-469f-a165-70867728950e";

  private final SyncRig rig = new SyncRig();
  private final SyncControl control = SyncControl.of(rig.engine("pid 1234 cli"), rig.store, rig.clock);

  // --- sync now ---

  @Test
  void syncNowPushesTheQueuePullsAndGivesTheLeaseUp() {
    rig.store("kestrel is the staging cluster");
    rig.store("marmalade is the build host");
    rig.api.createElsewhere("stored on the laptop");

    SyncNowResult result = control.syncNow();

    assertThat(result).isEqualTo(new SyncNowResult.Synced(2, 0, 0, true, true, Optional.empty()));
    assertThat(rig.api.liveContents())
        .containsExactlyInAnyOrder(
            "kestrel is the staging cluster", "marmalade is the build host", "stored on the laptop");
    assertThat(rig.localContents()).contains("stored on the laptop");
    assertThat(control.status().pendingOps()).isZero();
    assertThat(rig.store.leaseHolder()).isEmpty();
  }

  @Test
  void syncNowPushesRowsNoOpCoveredYet() {
    Memory orphan =
        rig.store.write(
            writer -> writer.insert(NewMemory.of("written before sync was on", "kw"), rig.clock.instant()));

    SyncNowResult result = control.syncNow();

    assertThat(result).isInstanceOf(SyncNowResult.Synced.class);
    assertThat(rig.local(orphan.id()).orElseThrow().serverId()).isPresent();
    assertThat(rig.api.liveContents()).containsExactly("written before sync was on");
  }

  @Test
  void syncNowLeavesTheLiveLeaseOfAnotherProcessAloneAndNamesIt() {
    rig.engine(OTHER_PROCESS).runCycle();
    rig.store("queued while another process syncs");
    int callsBefore = rig.api.calls().size();

    SyncNowResult result = control.syncNow();

    assertThat(result).isEqualTo(new SyncNowResult.LeaseHeldElsewhere(OTHER_PROCESS));
    assertThat(((SyncNowResult.LeaseHeldElsewhere) result).process()).isEqualTo("pid 4321");
    assertThat(rig.api.calls()).hasSize(callsBefore);
    assertThat(rig.store.leaseHolder()).contains(OTHER_PROCESS);
    assertThat(control.status().pendingOps()).isEqualTo(1);
  }

  @Test
  void syncNowRunsOnceTheOtherProcessesLeaseHasExpired() {
    rig.engine(OTHER_PROCESS).runCycle();
    rig.store("pushed after the other process died");
    rig.advance(SyncRig.LEASE.plusSeconds(1));

    SyncNowResult result = control.syncNow();

    assertThat(result).isInstanceOf(SyncNowResult.Synced.class);
    assertThat(rig.api.liveContents()).containsExactly("pushed after the other process died");
  }

  @Test
  void syncNowReportsARefusedKeyAndSendsNothing() {
    rig.store("waits for a good key");
    rig.api.setAuthFailing(true);

    SyncNowResult result = control.syncNow();

    assertThat(result).isInstanceOf(SyncNowResult.KeyRefused.class);
    assertThat(((SyncNowResult.KeyRefused) result).reason()).contains("401");
    assertThat(rig.api.liveMemories()).isEmpty();
    assertThat(control.status().authFailedSince()).isPresent();
    assertThat(rig.store.leaseHolder()).isEmpty();
  }

  @Test
  void syncNowSaysWhyThePushAndThePullFailed() {
    rig.store("the API is unwell");
    rig.api.failNextCalls(3);

    SyncNowResult.Synced result = (SyncNowResult.Synced) control.syncNow();

    assertThat(result.failed()).isEqualTo(1);
    assertThat(result.pulled()).isFalse();
    assertThat(result.problem()).hasValueSatisfying(problem -> assertThat(problem).contains("503"));
    assertThat(control.status().pendingOps()).isEqualTo(1);
  }

  @Test
  void syncNowThatRanCleanlyReportsNoProblemEvenAfterAnEarlierFailure() {
    rig.store("fails once, then goes through");
    rig.api.failNextCalls(2); // the push and the pull
    control.syncNow();
    rig.advance(Duration.ofMinutes(10));

    SyncNowResult.Synced result = (SyncNowResult.Synced) control.syncNow();

    assertThat(result.pushed()).isEqualTo(1);
    assertThat(result.pulled()).isTrue();
    assertThat(result.problem()).isEmpty();
    assertThat(control.status().lastError()).as("a sync that succeeded forgets the earlier error").isEmpty();
  }

  // --- parked ops ---

  @Test
  void aChangeTheServerRefusesIsParkedAndListedWithItsReason() {
    rig.api.rejectContent("refused for good", "Invalid category 'bogus'");
    Memory memory = rig.store("refused for good");

    SyncNowResult.Synced result = (SyncNowResult.Synced) control.syncNow();

    assertThat(result.parked()).isEqualTo(1);
    assertThat(control.parked()).singleElement().satisfies(op -> {
      assertThat(op.memoryId()).contains(memory.id());
      assertThat(op.kind()).isEqualTo(OpKind.CREATE);
      assertThat(op.parkedReason())
          .hasValueSatisfying(reason -> assertThat(reason).contains("422").contains("Invalid category 'bogus'"));
    });
    assertThat(control.status().parked()).isEqualTo(control.parked());
  }

  @Test
  void retryMakesAParkedOpDueNowWithItsAttemptsReset() {
    rig.api.rejectContent("accepted on the second try", "unknown category");
    Memory memory = rig.store("accepted on the second try");
    control.syncNow();
    PendingOp parked = control.parked().get(0);
    rig.advance(Duration.ofMinutes(5));

    ParkedOpResult result = control.retry(parked.id());

    PendingOp retried = ((ParkedOpResult.Done) result).op();
    assertThat(retried.isParked()).isFalse();
    assertThat(retried.attempts()).isZero();
    assertThat(retried.nextAttemptAt()).isEqualTo(rig.clock.instant());
    assertThat(control.parked()).isEmpty();
    rig.api.stopRejecting();
    control.syncNow();
    assertThat(rig.api.liveContents()).containsExactly("accepted on the second try");
    assertThat(rig.local(memory.id()).orElseThrow().serverId()).isPresent();
  }

  @Test
  void retryAllUnparksEveryParkedOpAndNothingElse() {
    rig.api.rejectContent("first refused", "unknown category");
    rig.api.rejectContent("second refused", "unknown category");
    rig.store("first refused");
    rig.store("second refused");
    control.syncNow();
    rig.api.failNext(Operation.CREATE, 1);
    rig.store("queued, not parked");

    assertThat(control.retryAll()).isEqualTo(2);

    assertThat(control.parked()).isEmpty();
    assertThat(rig.ops()).hasSize(3).noneMatch(PendingOp::isParked);
    assertThat(control.retryAll()).isZero();
  }

  @Test
  void anUnknownOrQueuedOpIdIsRefusedAndChangesNothing() {
    rig.store("queued, not parked");
    PendingOp queued = rig.ops().get(0);

    assertThat(control.retry(9_999)).isInstanceOfSatisfying(ParkedOpResult.Refused.class, refused -> {
      assertThat(refused.refusal()).isEqualTo(Refusal.NOT_FOUND);
      assertThat(refused.message()).contains("9999").contains("not found");
    });
    assertThat(control.discard(9_999)).isInstanceOfSatisfying(ParkedOpResult.Refused.class,
        refused -> assertThat(refused.refusal()).isEqualTo(Refusal.NOT_FOUND));
    assertThat(control.retry(queued.id())).isInstanceOfSatisfying(ParkedOpResult.Refused.class,
        refused -> assertThat(refused.refusal()).isEqualTo(Refusal.NOT_PARKED));
    assertThat(control.discard(queued.id())).isInstanceOfSatisfying(ParkedOpResult.Refused.class,
        refused -> assertThat(refused.refusal()).isEqualTo(Refusal.NOT_PARKED));
    assertThat(rig.ops()).containsExactly(queued);
  }

  @Test
  void discardingAParkedCreateIsRefusedAndKeepsTheOpAndTheMemory() {
    rig.api.rejectContent("never accepted", "unknown category");
    Memory memory = rig.store("never accepted");
    control.syncNow();
    PendingOp parked = control.parked().get(0);

    ParkedOpResult result = control.discard(parked.id());

    assertThat(result).isInstanceOfSatisfying(ParkedOpResult.Refused.class, refused -> {
      assertThat(refused.refusal()).isEqualTo(Refusal.UNSENT_CREATE);
      assertThat(refused.message()).contains("memory #" + memory.id()).contains("delete");
    });
    assertThat(control.parked()).containsExactly(parked);
    assertThat(rig.local(memory.id())).isPresent();
  }

  @Test
  void discardingAParkedUpdateLetsTheServersCopyWinBackAtTheNextCycle() {
    Memory memory = rig.store("kestrel deploys on fridays");
    control.syncNow();
    ServerId serverId = rig.serverIdOf(memory.id());
    rig.advance(Duration.ofMinutes(10));
    rig.api.rejectContent("kestrel deploys on caturday", "unknown category");
    rig.edit(memory.id(), "kestrel deploys on caturday");
    control.syncNow();
    PendingOp parked = control.parked().get(0);
    assertThat(parked.kind()).isEqualTo(OpKind.UPDATE);
    // later than the pull overlap: a pull since the cursor no longer lists the server's copy
    rig.advance(Duration.ofMinutes(10));

    ParkedOpResult result = control.discard(parked.id());

    assertThat(result).isEqualTo(new ParkedOpResult.Done(parked));
    assertThat(rig.ops()).isEmpty();
    assertThat(rig.local(memory.id()).orElseThrow().content()).isEqualTo("kestrel deploys on caturday");
    SyncNowResult.Synced next = (SyncNowResult.Synced) control.syncNow();
    assertThat(next.fullResync()).isTrue();
    assertThat(rig.local(memory.id()).orElseThrow().content()).isEqualTo("kestrel deploys on fridays");
    assertThat(rig.onServer(serverId).content()).isEqualTo("kestrel deploys on fridays");
    assertThat(rig.api.calls(Operation.UPDATE)).hasSize(1);
  }

  @Test
  void discardingAParkedDeleteBringsTheServersCopyBack() {
    Memory memory = rig.store("not mine to delete");
    control.syncNow();
    ServerId serverId = rig.serverIdOf(memory.id());
    rig.advance(Duration.ofMinutes(10));
    control.syncNow(); // moves the cursor past the pull overlap
    rig.delete(memory.id());
    // the server refusing a delete for good (403 on a memory shared with write permission)
    PendingOp delete = rig.ops().get(0);
    rig.store.write(
        writer -> writer.outbox().save(delete.parked("HTTP 403: no permission to change this memory")));

    ParkedOpResult result = control.discard(delete.id());

    assertThat(result).isInstanceOf(ParkedOpResult.Done.class);
    assertThat(rig.local(memory.id())).isEmpty();
    control.syncNow();
    List<Memory> restored =
        rig.localRows().stream()
            .filter(row -> row.serverId().equals(Optional.of(serverId)))
            .collect(Collectors.toList());
    assertThat(restored).singleElement().extracting(Memory::content).isEqualTo("not mine to delete");
    assertThat(rig.api.liveMemories()).extracting(RemoteMemory::id).containsExactly(serverId);
    assertThat(rig.api.calls(Operation.DELETE)).isEmpty();
  }
}
