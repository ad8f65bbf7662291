package dev.claudememory.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.fakes.FakeRemoteMemoryApi.Operation;
import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Content;
import dev.claudememory.core.memory.ImportedMemory;
import dev.claudememory.core.memory.Importance;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryPatch;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.memory.Timestamps;
import dev.claudememory.core.remote.MemoryFields;
import dev.claudememory.core.remote.RemoteMemory;
import dev.claudememory.core.remote.RemoteResult;
import dev.claudememory.core.service.DuplicateContent;
import dev.claudememory.core.service.LocalFirstMemoryService;
import dev.claudememory.core.transfer.ImportProgress;
import dev.claudememory.core.transfer.ImportRecord;
import dev.claudememory.core.transfer.MemoryTransfer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The look-up on the server for a create whose answer was lost: it finds the memory's own copy,
 * and tells it from other memories with the same text (another machine's, live or deleted, or the
 * copy of a memory deleted here); while it cannot be run, nothing else is pushed.
 */
final class LostCreateLookUpTest {
  private static final String SAME_WORDS = "the standup is at ten";
  /** Another machine's memory with the text and every field a store here gives it. */
  private static final MemoryFields EVERY_FIELD_THE_SAME = new MemoryFields(SAME_WORDS, "facts", "", "kw", 0.5, false);

  private final SyncRig rig = new SyncRig();
  private final SyncEngine engine = rig.engine("a");

  @Test
  void aCopyAnotherMachineStoredLongBeforeThisMemoryAndDeletedSinceIsNotTakenForItsLostCreate() {
    ServerId theirs = rig.api.createElsewhere(EVERY_FIELD_THE_SAME);
    rig.advance(Duration.ofMinutes(10));
    Memory mine = rig.store(SAME_WORDS);
    rig.api.failNext(Operation.CREATE, 1); // the answer never came: the create may have landed
    engine.push();
    rig.api.deleteElsewhere(theirs);
    rig.advance(Duration.ofMinutes(1));

    engine.push();

    assertThat(rig.local(mine.id())).isPresent();
    assertThat(rig.api.liveContents()).containsExactly(SAME_WORDS);
    assertThat(rig.serverIdOf(mine.id())).isNotEqualTo(theirs);
  }

  @Test
  void aLiveCopyAnotherMachineStoredBeforeTheLostCreateWasSentIsNotTakenForIt() {
    Memory mine = rig.store(SAME_WORDS); // written while offline, say
    rig.advance(Duration.ofSeconds(10));
    ServerId theirs = rig.api.createElsewhere(EVERY_FIELD_THE_SAME);
    rig.advance(Duration.ofSeconds(10));
    rig.api.loseNextCreateAnswers(1); // this memory's copy is created, its answer lost
    engine.push();
    rig.advance(Duration.ofMinutes(1));

    engine.push();

    assertTheirCopyStaysTheirs(mine, theirs);
    assertThat(rig.api.calls(Operation.CREATE)).hasSize(1);
  }

  @Test
  void aCopyAnotherMachineStoredAfterTheCreateWasAnsweredWithAnErrorIsNotTakenForIt() {
    Memory mine = rig.store(SAME_WORDS);
    rig.api.failNext(Operation.CREATE, 1); // answered 503: the request was done with there
    engine.push();
    rig.advance(Duration.ofSeconds(4));
    ServerId theirs = rig.api.createElsewhere(EVERY_FIELD_THE_SAME);
    rig.advance(Duration.ofMinutes(1));

    engine.push();

    assertTheirCopyStaysTheirs(mine, theirs);
  }

  @Test
  void aCopyAnotherMachineStoredOnceAGivenUpCreateMustHaveLandedIsNotTakenForIt() {
    Memory mine = rig.store(SAME_WORDS);
    rig.api.timeOutNext(Operation.CREATE, 1); // no answer: the request may still be on its way
    engine.push();
    rig.advance(SyncRig.OPTIONS.landingWindow().plusSeconds(4));
    ServerId theirs = rig.api.createElsewhere(EVERY_FIELD_THE_SAME);
    rig.advance(Duration.ofMinutes(1));

    engine.push();

    assertTheirCopyStaysTheirs(mine, theirs);
  }

  @Test
  void aCreateThatFoundNoServerToConnectToIsSentAgainWithoutWaitingForItToLand() {
    SyncEngine patient =
        rig.engine("a", new SyncOptions(Duration.ofSeconds(60), 10, SyncRig.OVERLAP, SyncRig.LEASE, 100,
            Duration.ofSeconds(30)));
    Memory mine = rig.store(SAME_WORDS);
    rig.api.unreachableNext(Operation.CREATE, 1); // no connection was made: nothing can have landed
    patient.push();
    rig.advance(Duration.ofSeconds(2)); // past the first backoff, within the landing window

    patient.push();

    assertThat(rig.api.calls(Operation.CREATE)).hasSize(2);
    assertThat(rig.api.liveMemories()).singleElement()
        .satisfies(copy -> assertThat(rig.serverIdOf(mine.id())).isEqualTo(copy.id()));
    assertThat(rig.ops()).isEmpty();
  }

  @Test
  void aMemoryDeletedWhileItsCreateFoundNoServerToConnectToLeavesNothingToSend() {
    Memory gone = rig.store(SAME_WORDS);
    rig.api.unreachableNext(Operation.CREATE, () -> rig.delete(gone.id()));
    engine.push();
    rig.advance(Duration.ofMinutes(1));

    engine.push();

    assertThat(rig.ops()).isEmpty();
    assertThat(rig.api.calls(Operation.CREATE)).hasSize(1);
    assertThat(rig.api.calls(Operation.DELETE)).isEmpty();
  }

  @Test
  void aPulledCopyAnotherMachineStoredBeforeTheLostCreateWasSentIsNotTakenForIt() {
    Memory mine = rig.store(SAME_WORDS);
    rig.advance(Duration.ofSeconds(10));
    ServerId theirs = rig.api.createElsewhere(EVERY_FIELD_THE_SAME);
    rig.advance(Duration.ofSeconds(10));
    rig.api.loseNextCreateAnswers(1);

    engine.runCycle(); // the pull after the push shows both copies, theirs first

    assertThat(rig.serverIdOf(mine.id())).isNotEqualTo(theirs);
    assertThat(rig.localRows()).extracting(row -> row.serverId().orElseThrow())
        .containsExactlyInAnyOrderElementsOf(
            rig.api.liveMemories().stream().map(RemoteMemory::id).collect(java.util.stream.Collectors.toList()));
    assertThat(rig.api.liveMemories()).hasSize(2);
  }

  @Test
  void aCopyAnotherMachineDeletedBeforeThisMemoryWasWrittenIsNotTakenForItsLostCreate() {
    ServerId theirs = rig.api.createElsewhere(EVERY_FIELD_THE_SAME);
    rig.advance(Duration.ofSeconds(20));
    rig.api.deleteElsewhere(theirs);
    rig.advance(Duration.ofSeconds(20)); // written within the pull overlap of their copy, yet after its delete
    Memory mine = rig.store(SAME_WORDS);
    rig.api.failNext(Operation.CREATE, 1);
    engine.push();
    rig.advance(Duration.ofMinutes(1));

    engine.push();

    assertThat(rig.local(mine.id())).isPresent();
    assertThat(rig.api.liveContents()).containsExactly(SAME_WORDS);
    assertThat(rig.serverIdOf(mine.id())).isNotEqualTo(theirs);
  }

  @Test
  void aCopyUnderTheIdOfAMemoryDeletedHereIsTakenWhenTheServerGaveThatIdToThisCopyAfterLosingItsData() {
    Memory first = rig.store(SAME_WORDS);
    engine.runCycle();
    rig.advance(Duration.ofMinutes(1));
    engine.runCycle(); // the pull records the copy's created_at
    ServerId reused = rig.serverIdOf(first.id());
    rig.delete(first.id());
    engine.runCycle();
    rig.api.loseEverything();
    rig.advance(Duration.ofMinutes(1));
    Memory again = rig.store(SAME_WORDS);
    rig.api.loseNextCreateAnswers(1); // created under the reused id, its answer lost
    engine.push();
    rig.advance(Duration.ofMinutes(1));

    engine.push();

    assertThat(rig.api.calls(Operation.CREATE)).hasSize(2); // the first memory's, and this one's once
    assertThat(rig.api.liveMemories()).singleElement()
        .satisfies(copy -> assertThat(copy.id()).isEqualTo(reused));
    assertThat(rig.serverIdOf(again.id())).isEqualTo(reused);
  }

  @Test
  void whileTheLookUpCannotRunNothingElseIsPushedAndTheStatusSaysWhy() {
    Memory lost = rig.store("its answer was lost");
    rig.api.loseNextCreateAnswers(1);
    engine.push();
    Memory waiting = rig.store("waits for the look-up");
    rig.advance(Duration.ofMinutes(1));
    rig.api.failNext(Operation.CHANGES_SINCE, 1);

    PushReport blocked = engine.push();

    assertThat(blocked.pushed()).isZero();
    assertThat(rig.api.calls(Operation.CREATE)).hasSize(1);
    assertThat(engine.status().lastError()).hasValueSatisfying(error -> assertThat(error).contains("503"));

    rig.advance(Duration.ofMinutes(1));
    PushReport resumed = engine.push();

    assertThat(resumed.reconciledCreates()).isEqualTo(1);
    assertThat(engine.status().lastContact()).contains(Timestamps.format(rig.clock.instant()));
    assertThat(rig.api.liveContents()).containsExactlyInAnyOrder(lost.content(), waiting.content());
    assertThat(rig.ops()).isEmpty();
  }

  @Test
  void aCreateWhoseAnswerWasGivenUpOnIsNotLookedForBeforeTheLandingWindowHasPassedSinceThen() {
    SyncEngine patient =
        rig.engine("a", new SyncOptions(Duration.ofSeconds(60), 10, SyncRig.OVERLAP, SyncRig.LEASE, 100,
            Duration.ofSeconds(30)));
    rig.store("its answer was lost, the request may still be on its way");
    rig.api.loseNextCreateAnswers(1);
    rig.api.setCallDuration(Duration.ofSeconds(20)); // the answer is given up on 20 s after sending

    patient.push();
    rig.api.setCallDuration(Duration.ZERO);

    rig.advance(Duration.ofSeconds(25)); // past the backoff, inside the window since the answer was given up on
    assertThat(patient.hasDueWork()).isFalse();
    patient.push();
    assertThat(rig.api.calls(Operation.CHANGES_SINCE)).isEmpty();
    rig.advance(Duration.ofSeconds(5));
    assertThat(patient.hasDueWork()).isTrue();
  }

  @Test
  void importedMemoriesWithOneTextAreEachLinkedToTheirOwnCopyKnownByItsCreatedAt() {
    // another machine synced three memories with one text and exported them; one was deleted since
    Instant written = rig.clock.instant().minusSeconds(30);
    List<ServerId> copies = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      copies.add(rig.api.commitLate(new MemoryFields(SAME_WORDS, "facts", "copy" + i, "", 0.5, false),
          written.plusSeconds(i)));
    }
    rig.api.deleteElsewhere(copies.get(1));
    List<ImportRecord> records = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      records.add(ImportRecord.of(new ImportedMemory(new Content(SAME_WORDS), Category.DEFAULT, "copy" + i, "kw",
          Importance.DEFAULT, false, Optional.of(rig.onServer(copies.get(i)).createdAt()), Optional.empty())));
    }
    new MemoryTransfer(rig.store, rig.clock, SyncTrigger.NONE).importAll(records, ImportProgress.NONE);

    engine.runCycle();
    rig.advance(Duration.ofMinutes(1));
    engine.runCycle();

    assertThat(rig.localRows()).extracting(Memory::tags).containsExactlyInAnyOrder("copy0", "copy2");
    assertThat(rig.localRows()).allSatisfy(row ->
        assertThat(row.serverId()).contains(copies.get(Integer.parseInt(row.tags().substring(4)))));
    assertThat(rig.api.liveMemories()).extracting(RemoteMemory::tags).containsExactlyInAnyOrder("copy0", "copy2");
    assertThat(rig.ops()).isEmpty();
  }

  @Test
  void aCreateTheServerRefusedIsNeverTakenForTheCopyOfAnotherMemoryWithTheSameText() {
    Memory refused = storeAgain(SAME_WORDS, "refused");
    Memory sent = storeAgain(SAME_WORDS, "sent");
    rig.api.answerNext(Operation.CREATE, new RemoteResult.Rejected<>(422, "refused (scripted)"));
    rig.api.loseNextCreateAnswers(1);

    engine.runCycle(); // the first is refused, the second created with its answer lost; the pull shows it
    rig.advance(Duration.ofMinutes(1));
    engine.runCycle();

    ServerId copy = rig.api.liveMemories().get(0).id();
    assertThat(rig.api.liveMemories()).hasSize(1);
    assertThat(rig.serverIdOf(sent.id())).isEqualTo(copy);
    assertThat(rig.local(refused.id())).hasValueSatisfying(row -> assertThat(row.serverId()).isEmpty());
    assertThat(rig.opFor(refused.id())).hasValueSatisfying(op -> {
      assertThat(op.isParked()).isTrue();
      assertThat(op.kind()).isEqualTo(OpKind.CREATE);
    });
  }

  @Test
  void theCopyOfAMemoryDeletedWhileItsCreateWasOnItsWayIsNotTakenForAnotherMemoryWithTheSameText() {
    Memory deleted = storeAgain(SAME_WORDS, "deleted while sent");
    Memory kept = storeAgain(SAME_WORDS, "kept");
    rig.api.beforeNext(Operation.CREATE, call -> rig.delete(deleted.id()));
    rig.api.afterNext(Operation.CREATE, call -> rig.api.failNext(Operation.CREATE, 1)); // the next one gets no answer

    engine.push();
    for (int i = 0; i < 3; i++) {
      rig.advance(Duration.ofMinutes(1));
      engine.runCycle();
    }

    assertThat(rig.local(kept.id())).isPresent();
    assertThat(rig.local(deleted.id())).isEmpty();
    assertThat(rig.api.liveMemories()).singleElement()
        .satisfies(copy -> assertThat(copy.id()).isEqualTo(rig.serverIdOf(kept.id())));
    assertThat(rig.ops()).isEmpty();
  }

  @Test
  void theCopyOfAMemoryDeletedWhileItsCreateWasOnItsWayIsNotTakenForAnotherMemoryEvenAfterItsDeleteWentThrough() {
    Memory deleted = storeAgain(SAME_WORDS, "deleted while sent");
    rig.api.beforeNext(Operation.CREATE, call -> rig.delete(deleted.id()));
    engine.push();
    Memory kept = storeAgain(SAME_WORDS, "kept");
    rig.api.afterNext(Operation.DELETE, call -> rig.api.failNext(Operation.CREATE, 1)); // then no answer

    engine.push(); // the delete goes through, the create gets no answer
    for (int i = 0; i < 3; i++) {
      rig.advance(Duration.ofMinutes(1));
      engine.runCycle();
    }

    assertThat(rig.local(kept.id())).isPresent();
    assertThat(rig.api.liveMemories()).singleElement()
        .satisfies(copy -> assertThat(copy.id()).isEqualTo(rig.serverIdOf(kept.id())));
    assertThat(rig.ops()).isEmpty();
  }

  @Test
  void memoriesWithOneTextWhoseAnswersWereLostAreEachLinkedToTheCopyCarryingTheirOwnFields() {
    SyncEngine importing =
        new SyncEngine(rig.store, rig.api, rig.clock, SyncRig.OPTIONS, SyncRig.BACKOFF, LeaseIdentity.named("a"),
            new ParallelPushes(1, 10, Runnable::run));
    List<Memory> twins = List.of(storeAgain(SAME_WORDS, "first"), storeAgain(SAME_WORDS, "second"),
        storeAgain(SAME_WORDS, "third"));
    rig.advance(Duration.ofSeconds(1));
    rig.api.loseNextCreateAnswers(1); // the import is stored, its answer lost
    importing.push();
    ServerId secondCopy = rig.api.liveMemories().stream().filter(copy -> copy.tags().equals("second"))
        .findFirst().orElseThrow().id();
    rig.api.deleteElsewhere(secondCopy); // another machine pulled it and deleted it

    for (int i = 0; i < 2; i++) {
      rig.advance(Duration.ofMinutes(1));
      importing.runCycle();
    }

    assertThat(rig.local(twins.get(1).id())).as("the memory deleted elsewhere").isEmpty();
    for (Memory twin : List.of(twins.get(0), twins.get(2))) {
      assertThat(rig.onServer(rig.serverIdOf(twin.id())).tags()).isEqualTo(twin.tags());
    }
    assertThat(rig.api.liveMemories()).extracting(RemoteMemory::tags).containsExactlyInAnyOrder("first", "third");
    assertThat(rig.ops()).isEmpty();
  }

  @Test
  void aMemoryWhoseCreateNeverLandedIsNotDeletedForTheDeletedCopyOfAnotherMemoryWithTheSameText() {
    SyncEngine twoLanes =
        new SyncEngine(rig.store, rig.api, rig.clock, SyncRig.OPTIONS, SyncRig.BACKOFF, LeaseIdentity.named("a"),
            new ParallelPushes(2, 1, Runnable::run));
    Memory neverLanded = storeAgain(SAME_WORDS, "never landed");
    Memory landed = storeAgain(SAME_WORDS, "landed");
    rig.advance(Duration.ofSeconds(1));
    rig.api.failNext(Operation.CREATE, 1); // the first create never reaches the server
    rig.api.loseNextCreateAnswers(1); // the second is stored, its answer lost
    twoLanes.push();
    rig.api.deleteElsewhere(rig.api.liveMemories().get(0).id()); // another machine deleted the second

    for (int i = 0; i < 2; i++) {
      rig.advance(Duration.ofMinutes(1));
      twoLanes.runCycle();
    }

    assertThat(rig.local(landed.id())).as("the memory deleted elsewhere").isEmpty();
    assertThat(rig.local(neverLanded.id())).isPresent();
    assertThat(rig.api.liveMemories()).singleElement().satisfies(copy -> {
      assertThat(copy.tags()).isEqualTo("never landed");
      assertThat(copy.id()).isEqualTo(rig.serverIdOf(neverLanded.id()));
    });
  }

  @Test
  void aLostCreateDeletedElsewhereIsDeletedHereEvenWhenItsTagsChangedHereSince() {
    Memory memory = rig.store(SAME_WORDS);
    rig.advance(Duration.ofSeconds(1));
    rig.api.loseNextCreateAnswers(1);
    engine.push();
    rig.store.write(writer -> writer.update(memory.id(), new MemoryPatch(Optional.empty(), Optional.empty(),
        Optional.of("retagged here"), Optional.empty(), Optional.empty()), rig.clock.instant()));
    rig.api.deleteElsewhere(rig.api.liveMemories().get(0).id());
    rig.advance(Duration.ofMinutes(1));

    engine.runCycle();

    assertThat(rig.local(memory.id())).isEmpty();
    assertThat(rig.api.liveMemories()).isEmpty();
    assertThat(rig.api.calls(Operation.CREATE)).hasSize(1);
  }

  @Test
  void aCopyFoundForAMemoryDeletedHereIsNotTakenForAnotherMemoryWithTheSameText() {
    SyncEngine importing =
        new SyncEngine(rig.store, rig.api, rig.clock, SyncRig.OPTIONS, SyncRig.BACKOFF, LeaseIdentity.named("a"),
            new ParallelPushes(1, 10, Runnable::run));
    Memory deleted = storeAgain(SAME_WORDS, "deleted");
    Memory kept = storeAgain(SAME_WORDS, "kept");
    rig.advance(Duration.ofSeconds(1));
    rig.api.loseNextCreateAnswers(1); // both are stored, the answer lost
    importing.push();
    rig.delete(deleted.id());
    rig.store.write(writer -> writer.update(kept.id(), new MemoryPatch(Optional.empty(), Optional.empty(),
        Optional.of("kept, retagged"), Optional.empty(), Optional.empty()), rig.clock.instant()));

    for (int i = 0; i < 2; i++) {
      rig.advance(Duration.ofMinutes(1));
      importing.runCycle();
    }

    assertThat(rig.local(kept.id())).isPresent();
    assertThat(rig.api.liveMemories()).singleElement().satisfies(copy -> {
      assertThat(copy.id()).isEqualTo(rig.serverIdOf(kept.id()));
      assertThat(copy.tags()).isEqualTo("kept, retagged");
    });
    assertThat(rig.ops()).isEmpty();
  }

  @Test
  void aLostCreateFoundOnTheServerIsNeverUpdatedOnAnotherMemoryTheServerGaveItsIdAfterLosingItsData() {
    Memory memory = rig.store("found on the server, then lost by it");
    rig.api.loseNextCreateAnswers(1);
    engine.push();
    rig.edit(memory.id(), "found on the server, then lost by it, edited");
    rig.advance(Duration.ofMinutes(1));
    rig.api.failNext(Operation.UPDATE, 1);
    engine.push(); // the copy is found and adopted; the update it calls for fails
    ServerId id = rig.serverIdOf(memory.id());
    rig.api.loseEverything();
    rig.advance(Duration.ofMinutes(1));
    ServerId theirs = rig.api.createElsewhere("another machine's memory, given the same id");

    for (int i = 0; i < 3; i++) {
      rig.advance(Duration.ofMinutes(10));
      engine.push();
    }

    assertThat(theirs).isEqualTo(id);
    assertThat(rig.onServer(theirs).content()).isEqualTo("another machine's memory, given the same id");
    assertThat(rig.api.liveContents()).contains("found on the server, then lost by it, edited");
  }

  @Test
  void aCreateWhoseCopyAnotherProcessFoundWhileItsAnswerWasOnTheWayIsNoSignOfLostData() {
    SyncEngine second = rig.engine("b");
    Memory memory = rig.store("found by the other process first");
    rig.api.afterNext(Operation.CREATE, call -> {
      // the answer takes longer than the lease: the other process takes over and finds the copy
      rig.advance(SyncRig.LEASE.plusSeconds(1));
      rig.api.failNext(Operation.UPDATE, 1);
      second.push();
    });

    engine.push();

    assertThat(engine.status().serverLostData()).isEmpty();
    assertThat(rig.serverIdOf(memory.id())).isEqualTo(rig.api.liveMemories().get(0).id());
    assertThat(rig.api.calls(Operation.CREATE)).hasSize(1);
  }

  @Test
  void aLostCreateThatNeverLandedIsSentAgainRatherThanTakeAnotherMachinesCopyWithTheSameTextAndOtherTerms() {
    Memory mine = storeAgain(SAME_WORDS, "mine");
    rig.advance(Duration.ofSeconds(1));
    rig.api.failNext(Operation.CREATE, 1); // no answer: the create may have landed, it did not
    engine.push();
    rig.advance(Duration.ofSeconds(10));
    ServerId theirs = rig.api.createElsewhere(new MemoryFields(SAME_WORDS, "facts", "theirs", "other words", 0.5, false));
    rig.advance(Duration.ofMinutes(1));

    engine.push();

    assertThat(rig.serverIdOf(mine.id())).isNotEqualTo(theirs);
    assertThat(rig.onServer(rig.serverIdOf(mine.id())).tags()).isEqualTo("mine");
    assertThat(rig.onServer(theirs)).satisfies(copy -> {
      assertThat(copy.tags()).isEqualTo("theirs");
      assertThat(copy.expandedKeywords()).isEqualTo("other words");
    });
    assertThat(rig.api.liveMemories()).hasSize(2);
  }

  @Test
  void aLostCreateRetaggedHereSinceTakesTheCopyItSentNotAnotherMachinesWithTheSameTextStoredBefore() {
    ServerId theirs = rig.api.createElsewhere(new MemoryFields(SAME_WORDS, "facts", "theirs", "other words", 0.5, false));
    rig.advance(Duration.ofSeconds(10));
    Memory mine = storeAgain(SAME_WORDS, "mine");
    rig.advance(Duration.ofSeconds(1));
    rig.api.loseNextCreateAnswers(1);
    engine.push();
    rig.store.write(writer -> writer.update(mine.id(), new MemoryPatch(Optional.empty(), Optional.empty(),
        Optional.of("mine, retagged"), Optional.empty(), Optional.empty()), rig.clock.instant()));
    rig.advance(Duration.ofMinutes(1));

    engine.push();

    assertThat(rig.serverIdOf(mine.id())).isNotEqualTo(theirs);
    assertThat(rig.onServer(rig.serverIdOf(mine.id())).tags()).isEqualTo("mine, retagged");
    assertThat(rig.onServer(theirs).tags()).isEqualTo("theirs");
    assertThat(rig.api.liveMemories()).hasSize(2);
    assertThat(rig.api.calls(Operation.CREATE)).hasSize(1);
  }

  /** Stores a memory whatever other memory holds its text (MEMORY_ALLOW_DUPLICATES=1). */
  private Memory storeAgain(String content, String tags) {
    return new LocalFirstMemoryService(rig.store, rig.clock, BackgroundSync.NONE, DuplicateContent.STORE_AGAIN)
        .store(new NewMemory(new Content(content), Category.DEFAULT, tags, "kw", Importance.DEFAULT, false))
        .memory();
  }

  /** This memory has a copy of its own beside the other machine's, which it did not take. */
  private void assertTheirCopyStaysTheirs(Memory mine, ServerId theirs) {
    assertThat(rig.serverIdOf(mine.id())).isNotEqualTo(theirs);
    assertThat(rig.api.liveMemories()).hasSize(2);
  }
}
