package dev.claudememory.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.fakes.FakeRemoteMemoryApi.Operation;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.Timestamps;
import dev.claudememory.core.remote.RemoteResult;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What the sync status tells people: when the API last answered at all, when a push last
 * succeeded, since when the key is refused, the last failure, and how much is queued.
 */
final class SyncStatusTest {
  private final SyncRig rig = new SyncRig();
  private final SyncEngine engine = rig.engine("a");

  private String now() {
    return Timestamps.format(rig.clock.instant());
  }

  @Test
  void aPullCountsAsContactAndAPushOnlyWhenTheServerTookSomething() {
    engine.runCycle(); // nothing to push: the pull alone answers

    assertThat(engine.status().lastContact()).contains(now());
    assertThat(engine.status().lastPush()).isEmpty();

    rig.advance(Duration.ofMinutes(1));
    rig.api.rejectContent("refused for good", "unknown category");
    rig.store("refused for good");
    engine.push();

    assertThat(engine.status().lastPush()).as("nothing was taken").isEmpty();
    assertThat(engine.status().lastContact()).as("the refusal is an answer").contains(now());
    assertThat(engine.status().lastError()).hasValueSatisfying(error -> assertThat(error).contains("422"));
  }

  @Test
  void aFailedPushSaysWhyInTheStatus() {
    rig.store("meets a 503");
    rig.api.failNext(Operation.CREATE, 1);

    engine.push();

    assertThat(engine.status().lastError()).hasValueSatisfying(error -> assertThat(error).contains("503"));
    assertThat(engine.status().lastContact()).as("a 503 is no answer of the API's").isEmpty();
  }

  @Test
  void aFailureThatReachedTheApiCountsAsContactAndA503DoesNot() {
    engine.runCycle();
    String firstContact = now();
    rig.advance(Duration.ofMinutes(1));
    rig.api.failNext(Operation.CHANGES_SINCE, 1);

    engine.runCycle();

    assertThat(engine.status().lastContact()).contains(firstContact);
    assertThat(engine.status().authFailedSince()).isEmpty();

    rig.advance(Duration.ofMinutes(1));
    rig.api.answerNext(Operation.CHANGES_SINCE, new RemoteResult.AuthFailed<>("HTTP 401: Invalid API key"));
    engine.runCycle();

    assertThat(engine.status().lastContact()).contains(now());
    assertThat(engine.status().authFailedSince()).contains(now());
    assertThat(engine.status().lastError()).hasValueSatisfying(error -> assertThat(error).contains("401"));
  }

  @Test
  void theKeyIsRefusedSinceItsFirstRefusalWhileTheLastErrorAndContactFollowEachCheck() {
    rig.store("pushed with a key the API refuses");
    rig.api.answerNext(Operation.CREATE, new RemoteResult.AuthFailed<>("HTTP 401: Invalid API key"));
    engine.push();
    String firstRefusal = now();
    rig.advance(Duration.ofMinutes(1));
    rig.api.answerNext(Operation.CHECK_AUTH, new RemoteResult.AuthFailed<>("HTTP 403: a proxy refused it"));

    engine.push();

    assertThat(engine.status().authFailedSince()).contains(firstRefusal);
    assertThat(engine.status().lastError()).hasValueSatisfying(error -> assertThat(error).contains("403"));
    assertThat(engine.status().lastContact()).contains(now());
    assertThat(rig.api.calls(Operation.CREATE)).hasSize(1);
  }

  @Test
  void anAuthCheckThatPassesAgainCountsAsContactAndLiftsTheRefusal() {
    rig.api.setAuthFailing(true);
    engine.runCycle();
    rig.api.setAuthFailing(false);
    rig.advance(Duration.ofMinutes(1));

    engine.push(); // nothing queued: only the auth check runs

    assertThat(engine.status().authFailedSince()).isEmpty();
    assertThat(engine.status().lastContact()).contains(now());
  }

  @Test
  void pendingOpsCountsQueuedChangesButNotParkedOnes() {
    rig.api.rejectContent("parked", "unknown category");
    rig.store("parked");
    engine.push();
    rig.store("queued");
    rig.store("queued too");

    SyncStatus status = engine.status();

    assertThat(status.pendingOps()).isEqualTo(2);
    assertThat(status.parked()).hasSize(1);
    assertThat(status.unsyncedMemories()).isEqualTo(3);
  }

  @Test
  void anUpdateAnswered404ByTheApiItselfSaysSoInTheStatus() {
    Memory memory = rig.store("deleted on the laptop");
    engine.runCycle();
    rig.api.deleteElsewhere(rig.serverIdOf(memory.id()));
    rig.edit(memory.id(), "edited here meanwhile");
    rig.advance(Duration.ofMinutes(1));

    engine.push();

    assertThat(engine.status().lastError()).hasValueSatisfying(error -> assertThat(error).contains("not found"));
    assertThat(engine.status().lastPush()).isEqualTo(Optional.of(Timestamps.format(SyncRig.T0)));
  }
}
