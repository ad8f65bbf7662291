package dev.claudememory.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.port.RemoteMemoryApi;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class ParallelPushTest {
  private static final int LANES = 4;

  private final SyncRig rig = new SyncRig();
  private final ExecutorService threads = Executors.newFixedThreadPool(LANES);

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  @Test
  void queuedCreatesGoOutLanesAtATimeAndEachReachesTheServerOnce() {
    List<String> contents = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      contents.add(rig.store("parallel note " + i).content());
    }
    CountDownLatch firstRound = new CountDownLatch(LANES);
    AtomicBoolean metTogether = new AtomicBoolean();
    RemoteMemoryApi api =
        intercepting("create", () -> {
          firstRound.countDown();
          // sent one at a time, the first create would wait here alone until the timeout
          if (firstRound.await(5, TimeUnit.SECONDS)) {
            metTogether.set(true);
          }
        });

    parallelEngine(api).runCycle();

    assertThat(metTogether).as("the first %d creates were in flight together", LANES).isTrue();
    assertThat(rig.api.liveContents()).containsExactlyInAnyOrderElementsOf(contents);
    assertThat(rig.ops()).isEmpty();
    assertThat(rig.localRows()).allMatch(memory -> memory.serverId().isPresent());
  }

  @Test
  void aSendThatThrowsLeavesItsOpWrittenAheadWhileTheOthersSettleAndTheNextCycleSendsItOnce() {
    for (int i = 0; i < LANES; i++) {
      rig.store("throwing round note " + i);
    }
    AtomicInteger creates = new AtomicInteger();
    RemoteMemoryApi api =
        intercepting("create", () -> {
          if (creates.incrementAndGet() == 2) {
            throw new IllegalStateException("the client broke");
          }
        });
    SyncEngine engine = parallelEngine(api);

    assertThatThrownBy(engine::runCycle).hasMessage("the client broke");

    assertThat(rig.api.liveContents()).hasSize(LANES - 1);
    // the others were answered; no pull has shown their copies yet
    assertThat(rig.ops()).hasSize(LANES).allSatisfy(op -> assertThat(op.needsReconciliation()).isTrue());
    assertThat(rig.ops()).filteredOn(op -> op.answeredId().isEmpty()).hasSize(1);

    engine.runCycle();

    assertThat(rig.api.liveContents()).hasSize(LANES).doesNotHaveDuplicates();
    assertThat(rig.ops()).isEmpty();
    assertThat(rig.localRows()).extracting(Memory::serverId).allMatch(id -> id.isPresent());
  }

  private SyncEngine parallelEngine(RemoteMemoryApi api) {
    return new SyncEngine(
        rig.store, api, rig.clock, SyncRig.OPTIONS, SyncRig.BACKOFF, LeaseIdentity.named("a"),
        new ParallelPushes(LANES, 1, threads));
  }

  /** The rig's fake API, with {@code before} run ahead of every call of the method so named. */
  private RemoteMemoryApi intercepting(String method, Interception before) {
    InvocationHandler handler =
        (proxy, called, arguments) -> {
          if (called.getName().equals(method)) {
            before.run();
          }
          try {
            return called.invoke(rig.api, arguments);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (RemoteMemoryApi)
        Proxy.newProxyInstance(RemoteMemoryApi.class.getClassLoader(), new Class<?>[] {RemoteMemoryApi.class}, handler);
  }

  private interface Interception {
    void run() throws Exception;
  }
}
