package dev.claudememory.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.fakes.FakeRemoteMemoryApi.Operation;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.remote.RemoteResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A change answered 403 or 404, by the API or by a proxy in front of it: a 403 is a refused change
 * only while the key still passes the auth check, and a 404 on an update is believed only when the
 * API itself says the memory is gone; until then nothing is deleted or unlinked here.
 */
final class RefusedChangesTest {
  private static final RemoteResult<ServerId> FORBIDDEN = new RemoteResult.AuthFailed<>("HTTP 403: forbidden");
  private static final RemoteResult<ServerId> PROXY_NOT_FOUND = new RemoteResult.NotFound<>("HTTP 404 (a proxy)");

  private final SyncRig rig = new SyncRig();
  private final SyncEngine engine = rig.engine("a");

  @Test
  void anUpdateRefusedWith403WhileTheKeyPassesTheAuthCheckIsParkedAndTheRestOfTheQueueGoesOn() {
    Memory shared = rig.store("a memory the server lets this key read but not change");
    engine.runCycle();
    rig.edit(shared.id(), "edited here, refused there");
    Memory other = rig.store("stored after the edit");
    rig.api.answerNext(Operation.UPDATE, FORBIDDEN);
    rig.advance(Duration.ofMinutes(1));

    CycleReport report = engine.runCycle();

    assertThat(report.push().outcomes(PushOutcome.PARKED)).isEqualTo(1);
    assertThat(engine.status().authFailedSince()).isEmpty();
    assertThat(engine.status().parked()).singleElement().satisfies(op -> {
      assertThat(op.memoryId()).contains(shared.id());
      assertThat(op.parkedReason()).hasValueSatisfying(reason -> assertThat(reason).contains("403"));
    });
    assertThat(rig.api.liveContents()).contains(other.content());
    rig.advance(Duration.ofHours(1));
    engine.runCycle();
    assertThat(rig.api.calls(Operation.UPDATE)).as("a parked change is not sent again by itself").hasSize(1);
    assertThat(rig.local(shared.id()).orElseThrow().content()).isEqualTo("edited here, refused there");
  }

  @Test
  void aDeleteRefusedWith403WhileTheKeyPassesTheAuthCheckIsParked() {
    Memory shared = rig.store("a memory only its owner may delete");
    engine.runCycle();
    ServerId copy = rig.serverIdOf(shared.id());
    rig.delete(shared.id());
    rig.api.answerNext(Operation.DELETE, FORBIDDEN);
    rig.advance(Duration.ofMinutes(1));

    CycleReport report = engine.runCycle();

    assertThat(report.push().outcomes(PushOutcome.PARKED)).isEqualTo(1);
    assertThat(engine.status().authFailedSince()).isEmpty();
    assertThat(engine.status().parked()).singleElement()
        .satisfies(op -> assertThat(op.serverId()).contains(copy));
    assertThat(rig.onServer(copy).isDeleted()).isFalse();
    assertThat(rig.localRows()).isEmpty();
  }

  @Test
  void a403WhileTheAuthCheckFailsTooIsARefusedKeyAndTheChangeIsSentOnceTheKeyIsAccepted() {
    Memory memory = rig.store("written before the key was revoked");
    engine.runCycle();
    rig.edit(memory.id(), "edited while the key was revoked");
    rig.api.answerNext(Operation.UPDATE, FORBIDDEN);
    rig.api.answerNext(Operation.CHECK_AUTH, new RemoteResult.AuthFailed<>("HTTP 401: Invalid API key"));
    rig.advance(Duration.ofMinutes(1));

    CycleReport refused = engine.runCycle();

    assertThat(refused.push().outcomes(PushOutcome.AUTH_FAILED)).isEqualTo(1);
    assertThat(engine.status().authFailedSince()).isPresent();
    assertThat(engine.status().parked()).isEmpty();

    rig.advance(Duration.ofMinutes(1));
    engine.runCycle();

    assertThat(rig.onServer(rig.serverIdOf(memory.id())).content()).isEqualTo("edited while the key was revoked");
    assertThat(rig.ops()).isEmpty();
  }

  @Test
  void anUpdateAnswered404ByAProxyWhileTheMemoryIsStillThereDeletesNothingAndIsSentAgainSoon() {
    Memory memory = rig.store("still on the server behind the proxy");
    engine.runCycle();
    ServerId copy = rig.serverIdOf(memory.id());
    rig.edit(memory.id(), "edited behind a proxy that answered 404");
    rig.api.answerNext(Operation.UPDATE, PROXY_NOT_FOUND);
    rig.advance(Duration.ofMinutes(1));

    CycleReport report = engine.runCycle();

    assertThat(report.push().outcomes(PushOutcome.RETRY_LATER)).isEqualTo(1);
    assertThat(report.full()).as("a 404 the API did not confirm is no sign of lost data").isFalse();
    assertThat(rig.local(memory.id())).hasValueSatisfying(row -> assertThat(row.serverId()).contains(copy));
    assertThat(rig.opFor(memory.id())).hasValueSatisfying(op -> assertThat(op.isParked()).isFalse());

    rig.advance(Duration.ofSeconds(5)); // the backoff after one failure, not a whole cycle
    engine.push();

    assertThat(rig.onServer(copy).content()).isEqualTo("edited behind a proxy that answered 404");
    assertThat(rig.serverIdOf(memory.id())).isEqualTo(copy);
    assertThat(rig.api.calls(Operation.CREATE)).hasSize(1);
    assertThat(rig.ops()).isEmpty();
  }

  @Test
  void anUpdateAnswered404WhileTheAuthCheckFailsDeletesNothingAndIsSentAgainSoon() {
    Memory memory = rig.store("pushed, not pulled yet");
    engine.push();
    ServerId copy = rig.serverIdOf(memory.id());
    rig.edit(memory.id(), "edited while a proxy answered 404 to everything");
    rig.api.answerNext(Operation.UPDATE, PROXY_NOT_FOUND);
    rig.api.answerNext(Operation.GET, new RemoteResult.NotFound<>("HTTP 404 (a proxy)"));
    rig.api.answerNext(Operation.CHECK_AUTH, new RemoteResult.AuthFailed<>("HTTP 401 (a proxy)"));

    PushReport report = engine.push();

    assertThat(report.outcomes(PushOutcome.RETRY_LATER)).isEqualTo(1);
    assertThat(rig.local(memory.id())).hasValueSatisfying(row -> assertThat(row.serverId()).contains(copy));

    rig.advance(Duration.ofSeconds(5));
    engine.push();

    assertThat(rig.onServer(copy).content()).isEqualTo("edited while a proxy answered 404 to everything");
    assertThat(rig.serverIdOf(memory.id())).isEqualTo(copy);
    assertThat(rig.api.calls(Operation.CREATE)).hasSize(1);
    assertThat(rig.ops()).isEmpty();
  }
}
