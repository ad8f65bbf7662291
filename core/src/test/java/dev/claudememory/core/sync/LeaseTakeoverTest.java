package dev.claudememory.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class LeaseTakeoverTest {
  private final SyncRig rig = new SyncRig();

  /** Judges the holders in {@code ended} as ended, every other one as running. */
  private static LeaseIdentity knowing(String name, Set<String> ended) {
    return new LeaseIdentity() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean hasEnded(String holder) {
        return ended.contains(holder);
      }
    };
  }

  private SyncEngine engine(LeaseIdentity lease) {
    return new SyncEngine(rig.store, rig.api, rig.clock, SyncRig.OPTIONS, SyncRig.BACKOFF, lease, ParallelPushes.NONE);
  }

  @Test
  void theLeaseOfAHolderThatEndedIsTakenOverAtOnce() {
    engine(LeaseIdentity.named("killed")).runCycle(); // holds the lease and never gives it up
    rig.store("written after the kill");
    SyncEngine successor = engine(knowing("successor", Set.of("killed")));

    CycleReport report = successor.runCycle();

    assertThat(report).isNotEqualTo(CycleReport.NOT_LEASE_HOLDER);
    assertThat(rig.api.liveContents()).containsExactly("written after the kill");
    assertThat(successor.otherLeaseHolder()).isEmpty();
  }

  @Test
  void theLeaseOfAHolderStillRunningIsWaitedOut() {
    engine(LeaseIdentity.named("running")).runCycle();
    rig.store("waits for the lease");
    SyncEngine other = engine(knowing("other", Set.of("some-process-long-gone")));

    assertThat(other.runCycle()).isEqualTo(CycleReport.NOT_LEASE_HOLDER);
    assertThat(other.otherLeaseHolder()).contains("running");
    assertThat(rig.api.liveContents()).isEmpty();

    rig.advance(SyncRig.LEASE.plus(Duration.ofSeconds(1)));

    assertThat(other.runCycle()).isNotEqualTo(CycleReport.NOT_LEASE_HOLDER);
    assertThat(rig.api.liveContents()).containsExactly("waits for the lease");
  }
}
