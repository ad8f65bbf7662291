package dev.claudememory.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.fakes.FakeRemoteMemoryApi;
import dev.claudememory.core.fakes.FakeRemoteMemoryApi.Operation;
import dev.claudememory.core.fakes.InMemoryMemoryStore;
import dev.claudememory.core.memory.Content;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryPatch;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.remote.MemoryFields;
import dev.claudememory.core.service.LocalFirstMemoryService;
import dev.claudememory.core.remote.RemoteMemory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The memory API loses its data (restored from an older backup, recreated empty, or another
 * deployment at its URL) and hands the same ids out again: no local memory is overwritten with
 * another memory's content or deleted for it, none is duplicated, none comes back after its delete.
 */
final class ServerDataLossTest {
  private final SyncRig rig = new SyncRig();
  private final SyncEngine engine = rig.engine("a");
  private static final SyncOptions EVERY_CYCLE_FULL =
      new SyncOptions(Duration.ofSeconds(60), 1, SyncRig.OVERLAP, SyncRig.LEASE, 100);
  private final SyncEngine fullEveryCycle = rig.engine("a", EVERY_CYCLE_FULL);

  @Test
  void aCreateAnsweredWithTheIdOfAMemoryHereSendsThatMemoryAgain() {
    Memory first = rig.store("the first memory, confirmed before the reset");
    engine.runCycle();
    rig.api.loseEverything();
    rig.advance(Duration.ofMinutes(1));
    Memory second = rig.store("the second memory, given the first one's id");

    engine.push();
    rig.advance(Duration.ofMinutes(1));
    CycleReport next = engine.runCycle();

    assertThat(next.full()).as("a sign of lost data makes the next pull a full one").isTrue();
    assertThat(rig.local(first.id()).orElseThrow().content()).isEqualTo(first.content());
    assertThat(rig.api.liveContents()).containsExactlyInAnyOrder(first.content(), second.content());
    assertThat(rig.serverIdOf(first.id())).isNotEqualTo(rig.serverIdOf(second.id()));
    assertThat(rig.onServer(rig.serverIdOf(first.id())).content()).isEqualTo(first.content());
    assertThat(rig.ops()).isEmpty();
    ServerDataLoss notice = engine.status().serverLostData().orElseThrow();
    assertThat(notice.sentAgain()).isEqualTo(1);
    assertThat(notice.describe()).contains("1 memory was sent to it again").doesNotContain(first.content());
  }

  @Test
  void aMemoryPulledUnderTheIdOfAMemoryHereIsAnotherMemoryAndOverwritesNothing() {
    Memory mine = rig.store("mine, confirmed by the server");
    engine.runCycle();
    rig.advance(Duration.ofMinutes(1));
    engine.runCycle();
    rig.api.loseEverything();
    rig.advance(Duration.ofMinutes(1));
    ServerId theirs = rig.api.createElsewhere("another machine's memory, stored after the reset");
    rig.advance(Duration.ofMinutes(1));

    engine.runCycle(); // an incremental pull shows the other memory under the id this one had
    rig.advance(Duration.ofMinutes(1));
    engine.runCycle();

    assertThat(rig.local(mine.id()).orElseThrow().content()).isEqualTo(mine.content());
    assertThat(rig.localContents())
        .containsExactlyInAnyOrder(mine.content(), "another machine's memory, stored after the reset");
    assertThat(rig.api.liveContents())
        .containsExactlyInAnyOrder("another machine's memory, stored after the reset", mine.content());
    assertThat(rig.serverIdOf(mine.id())).isNotEqualTo(theirs);
  }

  @Test
  void aMemoryWhoseCopyNoPullHasShownIsNotOverwrittenByAnotherMemoryGivenItsIdAfterTheServerLostItsData() {
    Memory mine = rig.store("mine, created, its copy not pulled yet");
    rig.api.failNext(Operation.CHANGES_SINCE, 3);
    engine.push();
    engine.runCycle(); // no pull gets through
    rig.api.loseEverything();
    rig.advance(Duration.ofSeconds(10));
    ServerId theirs = rig.api.createElsewhere("another machine's memory, given the same id");

    for (int cycle = 0; cycle < 3; cycle++) {
      rig.advance(Duration.ofMinutes(1));
      engine.runCycle();
    }

    assertThat(rig.local(mine.id()).orElseThrow().content()).isEqualTo(mine.content());
    assertThat(rig.localContents()).containsExactlyInAnyOrder(mine.content(), rig.onServer(theirs).content());
    assertThat(rig.api.liveContents()).containsExactlyInAnyOrder(mine.content(), rig.onServer(theirs).content());
    assertThat(rig.serverIdOf(mine.id())).isNotEqualTo(theirs);
  }

  @Test
  void anEditOfAMemoryWhoseCopyNoPullHasShownNeverReachesAnotherMemoryGivenItsId() {
    Memory mine = rig.store("mine, created, its copy not pulled yet");
    rig.api.failNext(Operation.CHANGES_SINCE, 3);
    engine.push();
    engine.runCycle(); // no pull gets through
    rig.edit(mine.id(), "mine, edited");
    rig.api.loseEverything();
    rig.advance(Duration.ofSeconds(10));
    ServerId theirs = rig.api.createElsewhere("another machine's memory, given the same id");

    for (int cycle = 0; cycle < 3; cycle++) {
      rig.advance(Duration.ofMinutes(1));
      engine.runCycle();
    }

    assertThat(rig.onServer(theirs).content()).isEqualTo("another machine's memory, given the same id");
    assertThat(rig.api.liveContents())
        .containsExactlyInAnyOrder("mine, edited", "another machine's memory, given the same id");
    assertThat(rig.local(mine.id()).orElseThrow().content()).isEqualTo("mine, edited");
  }

  @Test
  void aDeleteOfAMemoryWhoseCopyNoPullHasShownNeverReachesAnotherMemoryGivenItsId() {
    Memory mine = rig.store("mine, created, its copy not pulled yet");
    rig.api.failNext(Operation.CHANGES_SINCE, 3);
    engine.push();
    engine.runCycle(); // no pull gets through
    rig.delete(mine.id());
    rig.api.loseEverything();
    rig.advance(Duration.ofSeconds(10));
    ServerId theirs = rig.api.createElsewhere("another machine's memory, given the same id");

    for (int cycle = 0; cycle < 3; cycle++) {
      rig.advance(Duration.ofMinutes(1));
      engine.runCycle();
    }

    assertThat(rig.api.liveContents()).containsExactly("another machine's memory, given the same id");
    assertThat(rig.localContents()).containsExactly("another machine's memory, given the same id");
    assertThat(rig.onServer(theirs).isDeleted()).isFalse();
  }

  @Test
  void aFullResyncThatNoLongerListsAConfirmedMemorySendsItAgainRatherThanDeletingIt() {
    Memory mine = rig.store("the server lost this one, nobody deleted it");
    fullEveryCycle.runCycle();
    rig.api.loseEverything();
    rig.advance(Duration.ofMinutes(1));

    fullEveryCycle.runCycle();

    assertThat(rig.local(mine.id())).isPresent();
    rig.advance(Duration.ofMinutes(1));
    fullEveryCycle.runCycle();
    assertThat(rig.api.liveContents()).containsExactly(mine.content());
    assertThat(rig.ops()).isEmpty();
  }

  @Test
  void aMemoryDeletedOnTheServerIsStillDeletedHereByTheFullResync() {
    Memory kept = rig.store("kept everywhere");
    Memory deleted = rig.store("deleted on the laptop");
    fullEveryCycle.runCycle();
    rig.api.deleteElsewhere(rig.serverIdOf(deleted.id()));
    rig.advance(Duration.ofMinutes(1));

    fullEveryCycle.runCycle();

    assertThat(rig.localContents()).containsExactly(kept.content());
    assertThat(rig.api.calls(Operation.CREATE)).hasSize(2);
  }

  @Test
  void anUpdateOfAMemoryTheServerLostSendsItAgainInsteadOfDeletingIt() {
    Memory mine = rig.store("edited after the server lost it: first version");
    engine.runCycle();
    rig.api.loseEverything();
    rig.advance(Duration.ofMinutes(1));
    rig.edit(mine.id(), "edited after the server lost it: second version");

    engine.runCycle();
    rig.advance(Duration.ofMinutes(2));
    engine.runCycle();

    assertThat(rig.local(mine.id()).orElseThrow().content())
        .isEqualTo("edited after the server lost it: second version");
    assertThat(rig.api.liveContents()).containsExactly("edited after the server lost it: second version");
  }

  @Test
  void aQueuedDeleteNeverDeletesAnotherMemoryGivenTheSameId() {
    Memory old = rig.store("deleted here, its delete still queued");
    engine.runCycle();
    ServerId oldId = rig.serverIdOf(old.id());
    rig.delete(old.id());
    rig.api.loseEverything();
    rig.advance(Duration.ofMinutes(1));
    ServerId theirs = rig.api.createElsewhere("another machine's memory, given the same id");
    assertThat(theirs).isEqualTo(oldId);
    rig.advance(Duration.ofMinutes(1));

    engine.runCycle();
    rig.advance(Duration.ofMinutes(1));
    engine.runCycle();

    assertThat(rig.api.liveContents()).containsExactly("another machine's memory, given the same id");
    assertThat(rig.localContents()).containsExactly("another machine's memory, given the same id");
    assertThat(rig.ops()).isEmpty();
  }

  @Test
  void aQueuedUpdateNeverOverwritesAnotherMemoryGivenTheSameId() {
    Memory mine = rig.store("mine before the reset");
    engine.runCycle();
    rig.edit(mine.id(), "mine, edited while the server was being recreated");
    rig.api.loseEverything();
    rig.advance(Duration.ofMinutes(1));
    rig.api.createElsewhere("another machine's memory, given the same id");
    rig.advance(Duration.ofMinutes(1));

    engine.push(); // no pull first: the update goes out while this side has not seen the reset
    rig.advance(Duration.ofMinutes(1));
    engine.runCycle();

    assertThat(rig.api.liveContents())
        .containsExactlyInAnyOrder(
            "another machine's memory, given the same id", "mine, edited while the server was being recreated");
    assertThat(rig.local(mine.id()).orElseThrow().content())
        .isEqualTo("mine, edited while the server was being recreated");
  }

  @Test
  void aBackupRestoredOnTheServerBringsNoDeletedMemoryBack() {
    Memory kept = rig.store("kept through the restore");
    Memory deleted = rig.store("deleted after the backup was taken");
    fullEveryCycle.runCycle();
    FakeRemoteMemoryApi.Backup backup = rig.api.backup();
    rig.advance(Duration.ofMinutes(1));
    rig.delete(deleted.id());
    fullEveryCycle.runCycle();
    rig.api.restore(backup);
    rig.advance(Duration.ofMinutes(1));

    fullEveryCycle.runCycle();
    rig.advance(Duration.ofMinutes(1));
    fullEveryCycle.runCycle();

    assertThat(rig.localContents()).containsExactly(kept.content());
    assertThat(rig.api.liveContents()).containsExactly(kept.content());
  }

  @Test
  void aBackupRestoredOnTheServerUndoesNoEditMadeHere() {
    Memory memory = rig.store("the port is 8080");
    fullEveryCycle.runCycle();
    FakeRemoteMemoryApi.Backup backup = rig.api.backup();
    rig.advance(Duration.ofMinutes(1));
    rig.edit(memory.id(), "the port is 9090 now");
    fullEveryCycle.runCycle();
    rig.api.restore(backup);
    rig.advance(Duration.ofMinutes(1));

    fullEveryCycle.runCycle();
    rig.advance(Duration.ofMinutes(1));
    fullEveryCycle.runCycle();

    assertThat(rig.local(memory.id()).orElseThrow().content()).isEqualTo("the port is 9090 now");
    assertThat(rig.api.liveContents()).containsExactly("the port is 9090 now");
  }

  @Test
  void aBackupRestoredOnTheServerUndoesNoEditPushedFromHereThatNoPullHasShownYet() {
    Memory memory = rig.store("the port is 8080");
    fullEveryCycle.runCycle();
    fullEveryCycle.runCycle();
    FakeRemoteMemoryApi.Backup backup = rig.api.backup();
    rig.advance(Duration.ofMinutes(1));
    rig.edit(memory.id(), "the port is 9090 now");
    fullEveryCycle.push();
    rig.api.restore(backup);
    rig.advance(Duration.ofMinutes(1));

    fullEveryCycle.runCycle();
    rig.advance(Duration.ofMinutes(1));
    fullEveryCycle.runCycle();

    assertThat(rig.local(memory.id()).orElseThrow().content()).isEqualTo("the port is 9090 now");
    assertThat(rig.api.liveContents()).containsExactly("the port is 9090 now");
  }

  @Test
  void aBackupRestoredOnTheServerUndoesNoEditThroughAPullOfRecentChanges() {
    Memory memory = rig.store("the port is 8080");
    engine.runCycle();
    FakeRemoteMemoryApi.Backup backup = rig.api.backup();
    rig.advance(Duration.ofSeconds(20));
    rig.edit(memory.id(), "the port is 9090 now");
    engine.runCycle();
    rig.advance(Duration.ofSeconds(20));
    engine.runCycle(); // the pull has seen the edit on the server
    rig.api.restore(backup);
    rig.advance(Duration.ofSeconds(20));

    for (int cycle = 0; cycle < 3; cycle++) {
      engine.runCycle(); // a pull of recent changes, within its overlap of the old copy's time
      rig.advance(Duration.ofSeconds(20));
    }

    assertThat(rig.local(memory.id()).orElseThrow().content()).isEqualTo("the port is 9090 now");
    assertThat(rig.api.liveContents()).containsExactly("the port is 9090 now");
  }

  @Test
  void aBackupRestoredOnTheServerLosesNoMemoryCreatedAfterIt() {
    Memory before = rig.store("stored before the backup");
    fullEveryCycle.runCycle();
    FakeRemoteMemoryApi.Backup backup = rig.api.backup();
    rig.advance(Duration.ofMinutes(1));
    Memory after = rig.store("stored after the backup");
    fullEveryCycle.runCycle();
    rig.api.restore(backup);
    rig.advance(Duration.ofMinutes(1));
    ServerId reused = rig.api.createElsewhere("another machine's memory, given a reused id");

    fullEveryCycle.runCycle();
    rig.advance(Duration.ofMinutes(1));
    fullEveryCycle.runCycle();

    assertThat(rig.localContents())
        .containsExactlyInAnyOrder(before.content(), after.content(), "another machine's memory, given a reused id");
    assertThat(rig.api.liveContents())
        .containsExactlyInAnyOrder(before.content(), after.content(), "another machine's memory, given a reused id");
    assertThat(rig.serverIdOf(after.id())).isNotEqualTo(reused);
  }

  @Test
  void aBackupRestoredAfterAMemoryWasSentAgainAndEditedBringsNoOlderCopyOfItBack() {
    Memory memory = rig.store("the port is 8080");
    fullEveryCycle.runCycle();
    FakeRemoteMemoryApi.Backup backup = rig.api.backup();
    rig.advance(Duration.ofMinutes(1));
    rig.api.loseEverything();
    rig.api.createElsewhere("another machine's memory, stored on the recreated server");
    rig.advance(Duration.ofMinutes(1));
    fullEveryCycle.runCycle(); // sent again, under another id
    rig.edit(memory.id(), "the port is 9090 now");
    fullEveryCycle.runCycle();
    rig.api.restore(backup); // the memory's first copy, as it was before the edit, is back
    rig.advance(Duration.ofMinutes(1));

    for (int cycle = 0; cycle < 3; cycle++) {
      fullEveryCycle.runCycle();
      rig.advance(Duration.ofMinutes(1));
    }

    assertThat(rig.api.liveContents()).containsExactlyInAnyOrder(
        "the port is 9090 now", "another machine's memory, stored on the recreated server");
    assertThat(rig.localContents()).containsExactlyInAnyOrder(
        "the port is 9090 now", "another machine's memory, stored on the recreated server");
  }

  @Test
  void aBackupRestoredAfterAMemoryWasSentAgainAndDeletedBringsNoCopyOfItBack() {
    Memory memory = rig.store("deleted after it was sent again");
    fullEveryCycle.runCycle();
    FakeRemoteMemoryApi.Backup backup = rig.api.backup();
    rig.advance(Duration.ofMinutes(1));
    rig.api.loseEverything();
    rig.api.createElsewhere("another machine's memory, stored on the recreated server");
    rig.advance(Duration.ofMinutes(1));
    fullEveryCycle.runCycle(); // sent again, under another id
    rig.delete(memory.id());
    fullEveryCycle.runCycle();
    rig.api.restore(backup); // the memory's first copy is back
    rig.advance(Duration.ofMinutes(1));

    for (int cycle = 0; cycle < 3; cycle++) {
      fullEveryCycle.runCycle();
      rig.advance(Duration.ofMinutes(1));
    }

    assertThat(rig.api.liveContents())
        .containsExactly("another machine's memory, stored on the recreated server");
    assertThat(rig.localContents())
        .containsExactly("another machine's memory, stored on the recreated server");
  }

  @Test
  void twoDatabasesThatBothSendAMemoryAgainEndWithOneCopyOnEverySide() {
    OtherMachine other = OtherMachine.on(rig);
    SyncEngine here = rig.engine("here", EVERY_CYCLE_FULL);
    SyncEngine there = other.engine();
    Memory memory = rig.store("held by both machines when the server lost it");
    here.runCycle();
    there.runCycle();
    rig.api.loseEverything();
    rig.advance(Duration.ofMinutes(1));
    here.runCycle();
    there.runCycle();
    rig.advance(Duration.ofMinutes(1));
    // the other machine sends its copy while this one's is on its way: neither finds the other's
    rig.api.beforeNext(Operation.CREATE, call -> there.push());

    here.push();
    assertThat(rig.api.liveContents()).hasSize(2);
    ServerId lower = rig.api.liveMemories().get(0).id();
    for (int round = 0; round < 3; round++) {
      rig.advance(Duration.ofMinutes(1));
      here.runCycle();
      there.runCycle();
    }

    assertThat(rig.api.liveContents()).containsExactly(memory.content());
    ServerId copy = rig.api.liveMemories().get(0).id();
    assertThat(copy).as("the copy with the lower id is kept").isEqualTo(lower);
    assertThat(rig.localRows()).singleElement().satisfies(row -> {
      assertThat(row.content()).isEqualTo(memory.content());
      assertThat(row.serverId()).contains(copy);
    });
    List<Memory> otherRows = other.store().read(reader -> {
      List<Memory> rows = new ArrayList<>(reader.synced());
      rows.addAll(reader.unsynced());
      return rows;
    });
    assertThat(otherRows).singleElement().satisfies(row -> assertThat(row.serverId()).contains(copy));
  }

  @Test
  void aMachineWhoseCopySentAgainWasLostTooTakesTheLaterVersionAnotherMachineSentAgainOfTheFirstLostCopy() {
    OtherMachine other = OtherMachine.on(rig);
    SyncEngine here = rig.engine("here", EVERY_CYCLE_FULL);
    SyncEngine there = other.engine();
    rig.store("the port is 8080");
    here.runCycle();
    there.runCycle();
    rig.api.loseEverything();
    sentAgainBy(here); // the other machine never sees this copy
    rig.advance(Duration.ofMinutes(1));
    other.edit(rig, "the port is 8080", "the port is 9090 now");
    rig.api.loseEverything();
    rig.advance(Duration.ofMinutes(1));
    here.runCycle(); // finds its copy lost again, and queues the memory to be sent again
    sentAgainBy(there); // the edit, sent again of the copy both machines held first

    for (int round = 0; round < 5; round++) {
      here.runCycle();
      there.runCycle();
      rig.advance(Duration.ofMinutes(1));
    }

    assertThat(rig.api.liveContents()).containsExactly("the port is 9090 now");
    ServerId copy = rig.api.liveMemories().get(0).id();
    assertThat(rig.localRows()).singleElement().satisfies(row -> {
      assertThat(row.content()).isEqualTo("the port is 9090 now");
      assertThat(row.serverId()).contains(copy);
    });
    assertThat(other.contents()).containsExactly("the port is 9090 now");
  }

  @Test
  void aMemorySentAgainKeepsTheTimeOfItsLastEditAsItsVersionNotTheTimeItsCopyWasMade() {
    OtherMachine other = OtherMachine.on(rig);
    SyncEngine here = rig.engine("here", EVERY_CYCLE_FULL);
    SyncEngine there = other.engine();
    rig.store("the port is 8080");
    here.runCycle();
    there.runCycle();
    rig.advance(Duration.ofMinutes(1));
    other.edit(rig, "the port is 8080", "the port is 9090 now"); // not pushed yet
    rig.api.loseEverything();
    sentAgainBy(here); // the older text, in a copy made after the edit
    for (int cycle = 0; cycle < 2; cycle++) {
      rig.advance(Duration.ofMinutes(1));
      here.runCycle();
    }
    rig.api.loseEverything(); // before the other machine saw that copy

    for (int round = 0; round < 5; round++) {
      here.runCycle();
      there.runCycle();
      rig.advance(Duration.ofMinutes(1));
    }

    assertThat(rig.api.liveContents()).containsExactly("the port is 9090 now");
    assertThat(rig.localContents()).containsExactly("the port is 9090 now");
    assertThat(other.contents()).containsExactly("the port is 9090 now");
  }

  @Test
  void aFullPullThatNoLongerShowsTheCopyHereTakesAnotherCopyOfTheMemoryRatherThanDeletingIt() {
    Memory memory = rig.store("the port is 8080");
    fullEveryCycle.runCycle();
    rig.api.loseEverything();
    sentAgainBy(fullEveryCycle);
    rig.advance(Duration.ofMinutes(1));
    fullEveryCycle.runCycle();
    ServerId lost = rig.serverIdOf(memory.id());
    // another machine's copy sent again, whose mark an edit removed
    ServerId theirs = rig.api.createElsewhere(new MemoryFields(memory.content(), memory.category().name(),
        memory.tags(), memory.expandedKeywords(), memory.importance(), false));
    rig.api.lose(lost);
    rig.advance(Duration.ofMinutes(1));

    for (int cycle = 0; cycle < 3; cycle++) {
      fullEveryCycle.runCycle();
      rig.advance(Duration.ofMinutes(1));
    }

    assertThat(rig.api.liveMemories()).singleElement()
        .satisfies(copy -> assertThat(copy.id()).as("the other machine's copy, kept").isEqualTo(theirs));
    assertThat(rig.localRows()).singleElement().satisfies(row -> assertThat(row.serverId()).contains(theirs));
  }

  private void sentAgainBy(SyncEngine machine) {
    int created = rig.api.calls(Operation.CREATE).size();
    for (int cycle = 0; cycle < 2; cycle++) {
      rig.advance(Duration.ofMinutes(1));
      machine.runCycle();
    }

    assertThat(rig.api.calls(Operation.CREATE)).as("sent again").hasSize(created + 1);
  }

  @Test
  void aMachineThatMissedAnEditSendsItsOlderCopyAgainAndEveryMachineEndsWithTheEdit() {
    for (boolean staleSendsFirst : List.of(true, false)) {
      SyncRig rig = new SyncRig();
      OtherMachine other = OtherMachine.on(rig);
      SyncEngine here = rig.engine("here", EVERY_CYCLE_FULL);
      SyncEngine there = other.engine();
      Memory memory = rig.store("the port is 8080");
      here.runCycle();
      there.runCycle();
      rig.advance(Duration.ofMinutes(1));
      rig.edit(memory.id(), "the port is 9090 now");
      here.runCycle(); // the other machine has not pulled the edit
      rig.api.loseEverything();
      rig.advance(Duration.ofMinutes(1));

      List<SyncEngine> order = staleSendsFirst ? List.of(there, here) : List.of(here, there);
      for (int round = 0; round < 5; round++) {
        order.forEach(SyncEngine::runCycle);
        rig.advance(Duration.ofMinutes(1));
      }

      assertThat(rig.api.liveContents()).as("stale copy sent first: %s", staleSendsFirst)
          .containsExactly("the port is 9090 now");
      assertThat(rig.localContents()).containsExactly("the port is 9090 now");
      assertThat(other.contents()).containsExactly("the port is 9090 now");
    }
  }

  @Test
  void theLookUpBeforeAMemoryIsSentAgainTakesTheCopyAnotherMachineSentAgainOfItWhateverItsText() {
    OtherMachine other = OtherMachine.on(rig);
    SyncEngine here = rig.engine("here", EVERY_CYCLE_FULL);
    SyncEngine there = other.engine();
    Memory memory = rig.store("the port is 8080");
    here.runCycle();
    there.runCycle();
    rig.advance(Duration.ofMinutes(1));
    rig.edit(memory.id(), "the port is 9090 now");
    here.runCycle(); // the other machine has not pulled the edit
    rig.api.loseEverything();
    rig.advance(Duration.ofMinutes(1));
    here.runCycle(); // finds its copy lost, and looks for one sent again before sending its own
    for (int cycle = 0; cycle < 2; cycle++) {
      there.runCycle(); // sends its older copy again
      rig.advance(Duration.ofMinutes(1));
    }
    int createdBefore = rig.api.calls(Operation.CREATE).size();

    for (int round = 0; round < 3; round++) {
      here.runCycle();
      there.runCycle();
      rig.advance(Duration.ofMinutes(1));
    }

    assertThat(rig.api.calls(Operation.CREATE)).as("no second copy").hasSize(createdBefore);
    assertThat(rig.api.liveContents()).containsExactly("the port is 9090 now");
    assertThat(other.contents()).containsExactly("the port is 9090 now");
  }

  @Test
  void aMemoryDeletedHereIsDeletedAgainWhenAMachineThatMissedTheDeleteSendsItAgain() {
    OtherMachine other = OtherMachine.on(rig);
    SyncEngine here = rig.engine("here", EVERY_CYCLE_FULL);
    SyncEngine there = other.engine();
    Memory memory = rig.store("deleted here, still held there");
    here.runCycle();
    there.runCycle();
    rig.advance(Duration.ofMinutes(1));
    rig.delete(memory.id());
    here.runCycle(); // the other machine has not pulled the delete
    rig.api.loseEverything();
    rig.advance(Duration.ofMinutes(1));

    for (int round = 0; round < 5; round++) {
      there.runCycle();
      here.runCycle();
      rig.advance(Duration.ofMinutes(1));
    }

    assertThat(rig.api.liveContents()).isEmpty();
    assertThat(rig.localContents()).isEmpty();
    assertThat(other.contents()).isEmpty();
  }

  @Test
  void aMemorySentAgainIsNotMergedWithAnotherMachinesMemoryWithTheSameTextAndOtherTags() {
    Memory memory = rig.store("held here when the server lost it");
    engine.runCycle();
    rig.api.loseEverything();
    rig.advance(Duration.ofMinutes(1));
    fullEveryCycle.runCycle(); // sends it again
    rig.advance(Duration.ofMinutes(1));
    ServerId theirs = rig.api.createElsewhere(
        new MemoryFields("held here when the server lost it", "facts", "theirs", "other words", 0.5, false));

    for (int round = 0; round < 3; round++) {
      rig.advance(Duration.ofMinutes(1));
      fullEveryCycle.runCycle();
    }

    assertThat(rig.api.liveMemories()).extracting(RemoteMemory::id)
        .containsExactlyInAnyOrder(rig.serverIdOf(memory.id()), theirs);
    assertThat(rig.onServer(theirs).tags()).isEqualTo("theirs");
  }

  @Test
  void aMemoryDeletedAndStoredAgainWhileItsNewCreateFailsIsKept() {
    Memory first = rig.store("standup moved to 10:00");
    engine.runCycle();
    rig.advance(Duration.ofSeconds(30));
    rig.delete(first.id());
    Memory again = rig.store("standup moved to 10:00");
    rig.api.failNext(Operation.CREATE, 1);

    engine.push(); // the delete goes through, the new create gets a 503
    rig.advance(Duration.ofMinutes(10));
    engine.push();
    engine.runCycle();

    assertThat(rig.local(again.id())).isPresent();
    assertThat(rig.api.liveContents()).containsExactly("standup moved to 10:00");
    assertThat(rig.serverIdOf(again.id())).isNotEqualTo(rig.api.everyMemory().get(0).id());
  }

  @Test
  void aCreateStillOnItsWayIsNotTakenForOneThatNeverArrived() {
    SyncEngine patient =
        rig.engine("a", new SyncOptions(Duration.ofSeconds(60), 10, SyncRig.OVERLAP, SyncRig.LEASE, 100,
            Duration.ofSeconds(30)));
    Memory memory = rig.store("sent just before the process was killed");
    rig.api.timeOutNext(Operation.CREATE, 1); // no answer; the request has not reached the server yet
    patient.push();
    rig.delete(memory.id());
    rig.advance(Duration.ofSeconds(5));

    patient.push(); // too early to conclude the create never arrived
    rig.api.createElsewhere(rig.api.calls(Operation.CREATE).get(0).fields().orElseThrow()); // it lands late
    rig.advance(Duration.ofMinutes(1));
    patient.runCycle();
    rig.advance(Duration.ofMinutes(1));
    patient.runCycle();

    assertThat(rig.api.liveMemories()).isEmpty();
    assertThat(rig.localRows()).isEmpty();
    assertThat(rig.ops()).isEmpty();
  }

  @Test
  void aLostCreateIsNotMatchedToTheCopyOfAnotherMemoryWithTheSameText() {
    Memory linked = rig.store("the same words twice");
    engine.runCycle();
    Memory twin = rig.store.write(writer -> {
      Memory row = writer.insert(NewMemory.of("the same words twice", "kw"),
          rig.clock.instant());
      writer.outbox().save(PendingOp.create(Optional.of(row.id()), OpKind.CREATE,
          Optional.empty(), rig.clock.instant()));
      return row;
    });
    rig.api.failNext(Operation.CREATE, 1);

    engine.push();
    rig.advance(Duration.ofMinutes(10));
    engine.push();

    List<ServerId> ids = rig.api.liveMemories().stream().map(RemoteMemory::id).collect(Collectors.toList());
    assertThat(ids).hasSize(2);
    assertThat(ids).containsExactlyInAnyOrder(rig.serverIdOf(linked.id()), rig.serverIdOf(twin.id()));
  }

  @Test
  void anUpdateQueuedBeforeTheFirstPullNeverLandsOnAnotherMemoryAfterTheServerLostData() {
    Memory mine = rig.store("mine, pushed but never pulled");
    engine.push();
    rig.edit(mine.id(), "mine, edited while its update could not be sent");
    rig.api.failNext(Operation.UPDATE, 1);
    rig.advance(Duration.ofMinutes(1));
    engine.runCycle(); // the update fails; the pull shows the copy the update is for
    ServerId id = rig.serverIdOf(mine.id());
    rig.api.loseEverything();
    rig.advance(Duration.ofMinutes(1));
    ServerId theirs = rig.api.createElsewhere("another machine's memory, given the same id");

    for (int i = 0; i < 3; i++) {
      rig.advance(Duration.ofMinutes(10));
      engine.push();
    }

    assertThat(theirs).isEqualTo(id);
    assertThat(rig.onServer(theirs).content()).isEqualTo("another machine's memory, given the same id");
    assertThat(rig.api.liveContents()).contains("mine, edited while its update could not be sent");
    assertThat(rig.serverIdOf(mine.id())).isNotEqualTo(theirs);
  }

  @Test
  void aMemoryDeletedElsewhereStaysDeletedWhenTheServerIsRestoredFromABackupTakenBeforeTheDelete() {
    Memory memory = rig.store("deleted on the laptop, restored by the server");
    fullEveryCycle.runCycle();
    FakeRemoteMemoryApi.Backup backup = rig.api.backup();
    rig.api.deleteElsewhere(rig.serverIdOf(memory.id()));
    rig.advance(Duration.ofMinutes(1));
    fullEveryCycle.runCycle();
    assertThat(rig.localRows()).isEmpty();
    rig.api.restore(backup);

    for (int i = 0; i < 2; i++) {
      rig.advance(Duration.ofMinutes(1));
      fullEveryCycle.runCycle();
    }

    assertThat(rig.localRows()).isEmpty();
    assertThat(rig.api.liveMemories()).isEmpty();
  }

  @Test
  void aDeleteOfAMemoryTheServerLostIsDroppedNotSent() {
    Memory memory = rig.store("deleted here after the server lost it");
    fullEveryCycle.runCycle();
    rig.api.loseEverything();
    rig.delete(memory.id());
    rig.api.failNext(Operation.GET, 1); // the delete waits: the full pull sees the loss first
    rig.advance(Duration.ofMinutes(1));

    fullEveryCycle.runCycle();
    rig.advance(Duration.ofMinutes(1));
    fullEveryCycle.push();
    ServerId theirs = rig.api.createElsewhere("another machine's memory, given the lost id");
    for (int i = 0; i < 2; i++) {
      rig.advance(Duration.ofMinutes(10));
      fullEveryCycle.runCycle();
    }

    assertThat(rig.api.calls(Operation.DELETE)).isEmpty();
    assertThat(rig.onServer(theirs).isDeleted()).isFalse();
    assertThat(rig.ops()).isEmpty();
    assertThat(fullEveryCycle.status().parked()).isEmpty();
  }

  @Test
  void aDeleteMeantForAnIdTheServerGaveToAnotherMemoryDeletesNothingAndCallsForAFullResync() {
    Memory memory = rig.store("deleted here once the server had lost it");
    engine.runCycle();
    rig.api.loseEverything();
    rig.advance(Duration.ofMinutes(1));
    ServerId theirs = rig.api.createElsewhere("another machine's memory, given the same id");
    rig.delete(memory.id());

    engine.push();
    rig.advance(Duration.ofMinutes(1));
    CycleReport next = engine.runCycle();

    assertThat(rig.onServer(theirs).isDeleted()).isFalse();
    assertThat(next.full()).isTrue();
    assertThat(rig.localContents()).containsExactly("another machine's memory, given the same id");
    assertThat(rig.ops()).isEmpty();
  }

  @Test
  void aDeletedMemorysServerIdIsRememberedForThirtyDaysOnly() {
    Memory memory = rig.store("deleted here long ago");
    fullEveryCycle.runCycle();
    FakeRemoteMemoryApi.Backup backup = rig.api.backup();
    rig.delete(memory.id());
    fullEveryCycle.runCycle();
    rig.advance(LostServerCopies.RETIRED_KEPT.plusDays(1));
    fullEveryCycle.runCycle(); // forgets ids retired more than thirty days ago
    rig.api.restore(backup);

    rig.advance(Duration.ofMinutes(1));
    fullEveryCycle.runCycle();

    assertThat(rig.localContents()).as("no longer known as deleted: a memory like any other")
        .containsExactly("deleted here long ago");
    assertThat(rig.api.liveContents()).containsExactly("deleted here long ago");
  }

  @Test
  void aPullShowingTheIdOfAMemoryDeletedHereOnAnotherMemoryCancelsItsDeleteAndCallsForAFullResync() {
    Memory memory = rig.store("deleted here, its delete still queued");
    engine.runCycle();
    rig.api.loseEverything();
    rig.advance(Duration.ofMinutes(1));
    ServerId theirs = rig.api.createElsewhere("another machine's memory, given the same id");
    rig.delete(memory.id());
    rig.api.failNext(Operation.GET, 1); // the delete cannot look at the copy: the pull comes first

    engine.runCycle();
    rig.advance(Duration.ofMinutes(10));
    CycleReport next = engine.runCycle();

    assertThat(next.full()).isTrue();
    assertThat(rig.onServer(theirs).isDeleted()).isFalse();
    assertThat(rig.api.calls(Operation.DELETE)).isEmpty();
    assertThat(rig.localContents()).containsExactly("another machine's memory, given the same id");
  }

  @Test
  void aSecretSentBackToTheServerIsSentAgainWhenABackupRestoredThereHoldsOnlyItsRedaction() {
    OtherMachine other = OtherMachine.on(rig);
    SyncEngine here = rig.engine("here", EVERY_CYCLE_FULL);
    SyncEngine there = other.engine();
    Memory memory = rig.store("the staging database password=hunter2 for the deploy");
    here.runCycle();
    there.runCycle(); // holds the server's redacted copy only
    rig.api.loseEverything();
    rig.advance(Duration.ofMinutes(1));
    there.runCycle();
    rig.advance(Duration.ofMinutes(1));
    there.runCycle(); // sends its redacted copy again
    FakeRemoteMemoryApi.Backup redactedOnly = rig.api.backup();
    for (int round = 0; round < 2; round++) {
      rig.advance(Duration.ofMinutes(1));
      here.runCycle(); // sends the secret to that copy
    }
    ServerId copy = rig.serverIdOf(memory.id());
    assertThat(rig.api.originalOf(copy)).contains(memory.content());
    rig.api.restore(redactedOnly);

    for (int round = 0; round < 3; round++) {
      rig.advance(Duration.ofMinutes(1));
      here.runCycle();
    }

    assertThat(rig.api.originalOf(copy)).as("the server's original").contains(memory.content());
    assertThat(rig.ops()).isEmpty();
  }

  @Test
  void aSecretIsSentToTheRedactedCopyOfALaterVersionAnotherMachineSentAgain() {
    OtherMachine other = OtherMachine.on(rig);
    SyncEngine here = rig.engine("here", EVERY_CYCLE_FULL);
    SyncEngine there = other.engine();
    Memory memory = rig.store("the staging database password=hunter2 for the deploy");
    here.runCycle();
    there.runCycle(); // holds the server's redacted copy only
    rig.advance(Duration.ofMinutes(1));
    other.retag(rig, "staging, secrets");
    there.runCycle(); // a later version than this machine's, without the secret
    rig.api.loseEverything();
    sentAgainBy(there);

    for (int round = 0; round < 3; round++) {
      rig.advance(Duration.ofMinutes(1));
      here.runCycle();
      there.runCycle();
    }

    assertThat(rig.api.liveMemories()).singleElement().satisfies(copy -> {
      assertThat(rig.api.originalOf(copy.id())).as("the server's original").contains(memory.content());
      assertThat(rig.serverIdOf(memory.id())).isEqualTo(copy.id());
    });
    assertThat(rig.local(memory.id()).orElseThrow().content()).isEqualTo(memory.content());
  }

  @Test
  void aMemorySentAgainByAMachineThatHeldOnlyItsRedactedCopyGetsItsSecretBackFromTheMachineThatHasIt() {
    OtherMachine other = OtherMachine.on(rig);
    SyncEngine here = rig.engine("here", EVERY_CYCLE_FULL);
    SyncEngine there = other.engine();
    Memory memory = rig.store("the staging database password=hunter2 for the deploy");
    here.runCycle();
    there.runCycle(); // holds the server's redacted copy only
    rig.api.loseEverything();
    rig.advance(Duration.ofMinutes(1));
    there.runCycle();
    rig.advance(Duration.ofMinutes(1));
    there.runCycle(); // sends its redacted copy again, first

    for (int round = 0; round < 3; round++) {
      rig.advance(Duration.ofMinutes(1));
      here.runCycle();
      there.runCycle();
    }

    assertThat(rig.api.liveMemories()).singleElement().satisfies(copy -> {
      assertThat(rig.api.originalOf(copy.id())).as("the server's original").contains(memory.content());
      assertThat(rig.serverIdOf(memory.id())).isEqualTo(copy.id());
    });
    assertThat(rig.local(memory.id()).orElseThrow().content()).isEqualTo(memory.content());
    assertThat(rig.ops()).isEmpty();
  }

  @Test
  void aMemoryEditedHereWhileAnotherMachineSendsItsOlderCopyAgainEndsAsOneMemoryWithTheEdit() {
    OtherMachine other = OtherMachine.on(rig);
    SyncEngine here = rig.engine("here", EVERY_CYCLE_FULL);
    SyncEngine there = other.engine();
    Memory memory = rig.store("the release checklist, first draft");
    here.runCycle();
    there.runCycle();
    rig.api.loseEverything();
    FakeRemoteMemoryApi.Backup empty = rig.api.backup();
    rig.advance(Duration.ofMinutes(1));
    here.runCycle(); // queues it to be sent again
    rig.advance(Duration.ofMinutes(1));
    rig.api.afterNext(Operation.CREATE, call -> rig.api.failNext(Operation.CHANGES_SINCE, 1));
    here.runCycle(); // sent again; no pull shows the copy before the server loses it too
    rig.api.restore(empty);
    rig.api.createElsewhere("another machine's note, given the id of the copy sent from here");
    rig.advance(Duration.ofMinutes(1));
    there.runCycle();
    rig.advance(Duration.ofMinutes(1));
    there.runCycle(); // sends its copy, of the first draft, again
    rig.edit(memory.id(), "the release checklist, second draft");
    rig.api.failNext(Operation.CHANGES_SINCE, 1);
    rig.advance(Duration.ofMinutes(1));
    here.runCycle(); // no look-up, but a pull that shows the other machine's copy

    for (int round = 0; round < 3; round++) {
      rig.advance(Duration.ofMinutes(1));
      here.runCycle();
      there.runCycle();
    }

    assertThat(rig.api.liveContents()).containsExactlyInAnyOrder(
        "another machine's note, given the id of the copy sent from here", "the release checklist, second draft");
    assertThat(rig.localContents()).containsExactlyInAnyOrder(
        "another machine's note, given the id of the copy sent from here", "the release checklist, second draft");
    assertThat(rig.ops()).isEmpty();
  }

  @Test
  void aMemoryEditedHereAfterTheServerLostItFindsTheOlderCopyAnotherMachineSentAgain() {
    OtherMachine other = OtherMachine.on(rig);
    SyncEngine here = rig.engine("here", EVERY_CYCLE_FULL);
    SyncEngine there = other.engine();
    Memory memory = rig.store("the on-call rota, March");
    here.runCycle();
    there.runCycle();
    rig.api.loseEverything();
    rig.advance(Duration.ofMinutes(1));
    there.runCycle();
    rig.advance(Duration.ofMinutes(1));
    there.runCycle(); // sends its copy, as the server had it, again
    rig.edit(memory.id(), "the on-call rota, April");

    for (int round = 0; round < 3; round++) {
      rig.advance(Duration.ofMinutes(1));
      here.runCycle();
      there.runCycle();
    }

    assertThat(rig.api.liveContents()).containsExactly("the on-call rota, April");
    assertThat(rig.localContents()).containsExactly("the on-call rota, April");
    List<Memory> otherRows = other.store().read(reader -> reader.synced());
    assertThat(otherRows).extracting(Memory::content).containsExactly("the on-call rota, April");
    assertThat(rig.ops()).isEmpty();
  }

  @Test
  void aQueuedDeleteOfAnIdTheServerJustGaveToAMemoryCreatedHereDeletesNothing() {
    Memory deleted = rig.store("deleted here while the server had lost it");
    engine.runCycle();
    rig.api.loseEverything();
    rig.advance(Duration.ofMinutes(1));
    Memory created = rig.store("stored after the reset, given the deleted memory's id");
    rig.delete(deleted.id());

    engine.push(); // the create is answered with the id the delete is queued for
    for (int cycle = 0; cycle < 3; cycle++) {
      rig.advance(Duration.ofMinutes(1));
      engine.runCycle();
    }

    assertThat(rig.api.liveContents()).containsExactly(created.content());
    assertThat(rig.localContents()).containsExactly(created.content());
    assertThat(rig.ops()).isEmpty();
  }

  /** Another machine syncing the same account: its own database and sync engine. */
  private record OtherMachine(InMemoryMemoryStore store, SyncEngine engine) {
    static OtherMachine on(SyncRig rig) {
      InMemoryMemoryStore store = new InMemoryMemoryStore();
      return new OtherMachine(
          store, new SyncEngine(store, rig.api, rig.clock, EVERY_CYCLE_FULL, SyncRig.BACKOFF, "there"));
    }

    void edit(SyncRig rig, String content, String edited) {
      Memory memory = store.read(reader -> reader.synced().stream()
          .filter(held -> held.content().equals(content)).findFirst().orElseThrow());
      new LocalFirstMemoryService(store, rig.clock, () -> {})
          .update(memory.id(), new MemoryPatch(Optional.of(new Content(edited)), Optional.empty(),
              Optional.empty(), Optional.empty(), Optional.empty()))
          .orElseThrow();
    }

    void retag(SyncRig rig, String tags) {
      Memory memory = store.read(reader -> reader.synced().get(0));
      new LocalFirstMemoryService(store, rig.clock, () -> {})
          .update(memory.id(), new MemoryPatch(Optional.empty(), Optional.empty(), Optional.of(tags),
              Optional.empty(), Optional.empty()))
          .orElseThrow();
    }

    List<String> contents() {
      return store.read(reader -> {
        List<String> contents = new ArrayList<>();
        reader.synced().forEach(memory -> contents.add(memory.content()));
        reader.unsynced().forEach(memory -> contents.add(memory.content()));
        return contents;
      });
    }
  }
}
