package dev.claudememory.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.fakes.FakeRemoteMemoryApi.Operation;
import dev.claudememory.core.memory.Memory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class ImportPushTest {
  private static final int PER_IMPORT = 10;

  private final SyncRig rig = new SyncRig();
  private final ExecutorService threads = Executors.newFixedThreadPool(2);
  private final SyncEngine engine =
      new SyncEngine(rig.store, rig.api, rig.clock, SyncRig.OPTIONS, SyncRig.BACKOFF, LeaseIdentity.named("a"),
          new ParallelPushes(2, PER_IMPORT, threads));

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  private List<String> store(int count, String prefix) {
    List<String> contents = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      contents.add(rig.store(prefix + " note " + i).content());
    }
    return contents;
  }

  @Test
  void newMemoriesGoManyToAnImportAndEachReachesTheServerOnce() {
    List<String> contents = store(25, "imported");

    engine.runCycle();

    assertThat(rig.api.calls(Operation.IMPORT)).hasSize(3);
    assertThat(rig.api.calls(Operation.CREATE)).isEmpty();
    assertThat(rig.api.liveContents()).containsExactlyInAnyOrderElementsOf(contents);
    assertThat(rig.ops()).isEmpty();
    assertThat(rig.localRows()).allSatisfy(memory -> assertThat(memory.serverId()).isPresent());
  }

  @Test
  void aRoundSendsOneImportPerLaneAllWrittenAheadBeforeTheFirstGoesOut() {
    List<String> contents = store(25, "laned");
    List<Long> writtenAheadAtFirstImport = new ArrayList<>();
    rig.api.beforeNext(
        Operation.IMPORT,
        call -> writtenAheadAtFirstImport.add(rig.ops().stream().filter(op -> op.needsReconciliation()).count()));

    engine.runCycle();

    // two lanes: imports of 10 and 10 in the first round, then the last 5
    assertThat(writtenAheadAtFirstImport).containsExactly(20L);
    assertThat(rig.api.calls(Operation.IMPORT)).hasSize(3);
    assertThat(rig.api.liveContents()).containsExactlyInAnyOrderElementsOf(contents);
    assertThat(rig.ops()).isEmpty();
  }

  @Test
  void aLoneNewMemoryGoesAsACreateCarryingItsIdempotencyKey() {
    rig.store("alone in the queue");

    engine.runCycle();

    assertThat(rig.api.calls(Operation.IMPORT)).isEmpty();
    assertThat(rig.api.calls(Operation.CREATE)).singleElement()
        .satisfies(call -> assertThat(call.key()).isPresent());
    assertThat(rig.api.liveContents()).containsExactly("alone in the queue");
  }

  @Test
  void anImportRefusedForOneInvalidMemoryIsSentAloneSoOnlyThatOneIsParked() {
    List<String> contents = store(5, "batch");
    rig.api.rejectContent(contents.get(2), "content refused");

    engine.runCycle();

    assertThat(rig.api.liveContents()).as("an import is all or nothing").isEmpty();
    assertThat(rig.ops()).hasSize(5).noneSatisfy(op -> assertThat(op.needsReconciliation()).isTrue());

    engine.push();

    assertThat(rig.api.calls(Operation.CREATE)).hasSize(5);
    assertThat(rig.api.liveContents())
        .containsExactlyInAnyOrder(contents.get(0), contents.get(1), contents.get(3), contents.get(4));
    assertThat(rig.ops()).singleElement().satisfies(op -> assertThat(op.isParked()).isTrue());
  }

  @Test
  void anImportWhoseAnswerWasLostAfterTheServerCommittedIsAdoptedNotSentAgain() {
    List<String> contents = store(7, "lost answer");
    rig.api.loseNextCreateAnswers(1);

    engine.runCycle();

    assertThat(rig.api.liveContents()).hasSize(7);

    rig.advance(Duration.ofMinutes(10));
    engine.runCycle();

    assertThat(rig.api.everyMemory()).hasSize(7);
    assertThat(rig.api.liveContents()).containsExactlyInAnyOrderElementsOf(contents);
    assertThat(rig.ops()).isEmpty();
    assertThat(rig.localRows()).extracting(Memory::serverId).allSatisfy(id -> assertThat(id).isPresent());
  }
}
