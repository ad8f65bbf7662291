package dev.claudememory.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudememory.core.RemoteApiException;
import dev.claudememory.core.fakes.FakeRemoteMemoryApi;
import dev.claudememory.core.fakes.FakeRemoteMemoryApi.Operation;
import dev.claudememory.core.fakes.SettableClock;
import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Content;
import dev.claudememory.core.memory.Importance;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.MemoryPatch;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.port.MemoryCounts;
import dev.claudememory.core.recall.ListQuery;
import dev.claudememory.core.recall.RecallQuery;
import dev.claudememory.core.recall.SearchTerms;
import dev.claudememory.core.recall.SortBy;
import dev.claudememory.core.remote.MemoryFields;
import dev.claudememory.core.remote.RemoteMemory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class RemoteOnlyMemoryServiceTest {
  private final SettableClock clock =
      new SettableClock(Instant.parse("2026-11-24T21:47:33.680389Z"));
  private final FakeRemoteMemoryApi api = new FakeRemoteMemoryApi(clock);
  private final RemoteOnlyMemoryService service =
      new RemoteOnlyMemoryService(api, clock, Duration.ofSeconds(30));

  @AfterEach
  void close() {
    service.close();
  }

  /** A memory another machine stored, one second after the previous one. */
  private ServerId onServer(String content, String category, double importance) {
    return onServer(new MemoryFields(content, category, "", "", importance, false));
  }

  private ServerId onServer(MemoryFields fields) {
    clock.advance(Duration.ofSeconds(1));
    return api.createElsewhere(fields);
  }

  private static MemoryId shown(ServerId id) {
    return new MemoryId(id.value());
  }

  private static List<String> contents(List<Memory> memories) {
    return memories.stream().map(Memory::content).collect(Collectors.toList());
  }

  private static ListQuery listAll(int limit) {
    return new ListQuery(Optional.empty(), limit);
  }

  private static MemoryPatch tagsPatch(String tags) {
    return new MemoryPatch(
        Optional.empty(), Optional.empty(), Optional.of(tags), Optional.empty(), Optional.empty());
  }

  // --- store ---

  @Test
  void storeReturnsTheServersIdCanonicalCategoryAndStoredImportance() {
    Memory stored =
        service.store(
            new NewMemory(
                new Content("Kestrel is the staging cluster"),
                Category.canonical(" Infra "),
                "k8s,staging",
                "kestrel staging cluster kubernetes env",
                new Importance(0.8),
                false)).memory();

    RemoteMemory onServer = api.liveMemories().get(0);
    assertThat(api.liveMemories()).hasSize(1);
    assertThat(stored.id()).isEqualTo(new MemoryId(onServer.id().value()));
    assertThat(stored.id().value()).isGreaterThan(1_000);
    assertThat(stored.serverId()).contains(onServer.id());
    assertThat(stored.category().name()).isEqualTo("infrastructure");
    // the server keeps importance as float4 and answers what it kept
    assertThat(stored.importance()).isEqualTo((double) 0.8f).isNotEqualTo(0.8);
    assertThat(stored.content()).isEqualTo("Kestrel is the staging cluster");
    assertThat(stored.tags()).isEqualTo("k8s,staging");
    assertThat(stored.expandedKeywords()).isEqualTo("kestrel staging cluster kubernetes env");
    assertThat(stored.sensitive()).isFalse();
    assertThat(stored.createdAt()).isEqualTo("2026-11-24T21:47:33.680389+00:00");
  }

  @Test
  void storeSendsEveryFieldToTheServerOnce() {
    service.store(
        new NewMemory(
            new Content("deploys go through the release train"),
            Category.canonical("process"),
            "release",
            "deploy train weekly schedule cadence",
            new Importance(0.25),
            true));

    assertThat(api.calls(Operation.CREATE)).hasSize(1);
    MemoryFields sent = api.calls(Operation.CREATE).get(0).fields().orElseThrow();
    assertThat(sent.content()).isEqualTo("deploys go through the release train");
    assertThat(sent.category()).isEqualTo("process");
    assertThat(sent.tags()).isEqualTo("release");
    assertThat(sent.expandedKeywords()).isEqualTo("deploy train weekly schedule cadence");
    assertThat(sent.importance()).isEqualTo(0.25);
    assertThat(sent.forceSensitive()).isTrue();
    assertThat(api.calls(Operation.CREATE).get(0).key()).isPresent();
  }

  @Test
  void storeOfACredentialIsReturnedSensitiveWithItsOriginalContent() {
    Memory stored = service.store(NewMemory.of("staging db password=hunter2", "db staging")).memory();

    assertThat(stored.sensitive()).isTrue();
    assertThat(stored.content()).isEqualTo("staging db password=hunter2");
    assertThat(api.liveMemories().get(0).sensitive()).isTrue();
  }

  @Test
  void storeWhoseAnswerIsLostSaysItMayOrMayNotHaveBeenStored() {
    api.loseNextCreateAnswers(1);

    assertThatThrownBy(() -> service.store(NewMemory.of("the answer got lost", "lost answer")))
        .isInstanceOf(RemoteApiException.class)
        .hasMessageContaining("may or may not have been stored")
        .hasMessageContaining("recall it before storing it again")
        .hasMessageNotContaining("Bearer")
        .hasMessageNotContaining("the answer got lost");
    assertThat(api.liveContents()).containsExactly("the answer got lost");
    assertThat(api.calls(Operation.CREATE)).hasSize(1);
  }

  @Test
  void storeThatGetsNoAnswerIsNotRetriedBlindly() {
    api.failNext(Operation.CREATE, 1);

    assertThatThrownBy(() -> service.store(NewMemory.of("server was down", "down")))
        .isInstanceOf(RemoteApiException.class)
        .hasMessageContaining("may or may not have been stored");
    assertThat(api.calls(Operation.CREATE)).hasSize(1);
    assertThat(api.liveContents()).isEmpty();
  }

  @Test
  void storeTheServerRejectsGivesItsReason() {
    api.rejectContent("refused text", "content is not allowed here");

    assertThatThrownBy(() -> service.store(NewMemory.of("refused text", "refused")))
        .isInstanceOf(RemoteApiException.class)
        .hasMessageContaining("could not store the memory")
        .hasMessageContaining("content is not allowed here");
    assertThat(api.liveContents()).isEmpty();
  }

  // --- recall ---

  @Test
  void recallReturnsMatchingMemoriesWithTheirServerIds() {
    ServerId kestrel = onServer("kestrel runs the staging cluster", "infrastructure", 0.7);
    onServer("osprey is unrelated", "facts", 0.5);

    List<Memory> found = service.recall(RecallQuery.of("kestrel", "staging")).memories();

    assertThat(found).hasSize(1);
    Memory memory = found.get(0);
    assertThat(memory.id()).isEqualTo(shown(kestrel));
    assertThat(memory.serverId()).contains(kestrel);
    assertThat(memory.content()).isEqualTo("kestrel runs the staging cluster");
    assertThat(memory.category().name()).isEqualTo("infrastructure");
    assertThat(memory.importance()).isEqualTo((double) 0.7f);
  }

  @Test
  void recallShowsSensitiveMemoriesMasked() {
    ServerId detected = onServer("kestrel admin password=hunter2", "facts", 0.9);
    ServerId forced = onServer(new MemoryFields("kestrel forced secret", "facts", "", "", 0.8, true));
    ServerId plain = onServer("kestrel plain fact", "facts", 0.1);

    List<Memory> found = service.recall(RecallQuery.of("kestrel", "")).memories();

    assertThat(found).extracting(Memory::id).containsExactly(shown(detected), shown(forced), shown(plain));
    assertThat(found).extracting(Memory::content)
        .containsExactly(
            "[SENSITIVE - use secret_get(id=" + detected.value() + ")]",
            "[SENSITIVE - use secret_get(id=" + forced.value() + ")]",
            "kestrel plain fact");
  }

  @Test
  void recallReturnsAtMostTheLimit() {
    for (int i = 0; i < 5; i++) {
      onServer("kestrel note " + i, "facts", 0.5);
    }

    List<Memory> found =
        service.recall(new RecallQuery(SearchTerms.of("kestrel", ""), Optional.empty(),
            SortBy.RELEVANCE, 3)).memories();

    assertThat(found).hasSize(3);
  }

  @Test
  void recallAsksTheApiForTheLimitSensitiveMatchesTakingTheirPlaces() {
    ServerId secret = onServer("kestrel admin password=hunter2", "facts", 0.9);
    onServer("kestrel plain fact", "facts", 0.5);

    List<Memory> found =
        service.recall(new RecallQuery(SearchTerms.of("kestrel", ""), Optional.empty(),
            SortBy.RELEVANCE, 1)).memories();

    assertThat(found).extracting(Memory::id).containsExactly(shown(secret));
    assertThat(found.get(0).content()).doesNotContain("hunter2");
  }

  @Test
  void recallKeepsToTheCategory() {
    onServer("kestrel was chosen for staging", "decisions", 0.5);
    ServerId fact = onServer("kestrel runs staging", "facts", 0.5);

    List<Memory> found =
        service.recall(new RecallQuery(SearchTerms.of("kestrel", ""),
            Optional.of(Category.DEFAULT), SortBy.RELEVANCE, 10)).memories();

    assertThat(found).extracting(Memory::id).containsExactly(shown(fact));
  }

  @Test
  void recallWithNoSearchableWordsFindsNothingWithoutCallingTheApi() {
    onServer("kestrel runs staging", "facts", 0.5);

    assertThat(service.recall(RecallQuery.of("  !!! ", "--- ???")).memories()).isEmpty();
    assertThat(api.calls()).isEmpty();
  }

  @Test
  void recallWhenTheApiRefusesConnectionsSaysSoInsteadOfBlamingTheTimeout() {
    api.unreachableNext(Operation.RECALL, 1);

    assertThatThrownBy(() -> service.recall(RecallQuery.of("kestrel", "staging")))
        .isInstanceOf(RemoteApiException.class)
        .hasMessageContaining("could not recall: the memory API cannot be reached")
        .hasMessageContaining("connection refused at http://127.0.0.1:9")
        .hasMessageContaining("MEMORY_API_URL")
        .hasMessageNotContaining("MEMORY_RECALL_TIMEOUT")
        .hasMessageNotContaining("fewer words");
  }

  @Test
  void storeWhenTheApiCannotBeReachedSaysNothingWasStored() {
    api.unreachableNext(Operation.CREATE, 1);

    assertThatThrownBy(() -> service.store(NewMemory.of("never sent", "unreachable")))
        .isInstanceOf(RemoteApiException.class)
        .hasMessageContaining("cannot be reached")
        .hasMessageContaining("nothing was stored")
        .hasMessageNotContaining("may or may not");
    assertThat(api.liveContents()).isEmpty();
  }

  @Test
  void recallThatTimesOutNamesTheTimeoutSettingAndItsSeconds() {
    api.timeOutNext(Operation.RECALL, 1);

    assertThatThrownBy(() -> service.recall(RecallQuery.of("kestrel", "staging")).memories())
        .isInstanceOf(RemoteApiException.class)
        .hasMessageContaining("MEMORY_RECALL_TIMEOUT")
        .hasMessageContaining("30 s");
  }

  @Test
  void recallTimeoutMessageNamesTheConfiguredSeconds() {
    RemoteOnlyMemoryService patient = new RemoteOnlyMemoryService(api, clock, Duration.ofSeconds(75));
    api.timeOutNext(Operation.RECALL, 1);

    assertThatThrownBy(() -> patient.recall(RecallQuery.of("kestrel", "staging")).memories())
        .isInstanceOf(RemoteApiException.class)
        .hasMessageContaining("75 s")
        .hasMessageContaining("MEMORY_RECALL_TIMEOUT");
  }

  // --- list ---

  @Test
  void listIsNewestFirstWhateverTheServersImportanceOrder() {
    ServerId oldest = onServer("oldest but most important", "facts", 1.0);
    ServerId middle = onServer("middle", "facts", 0.1);
    ServerId newest = onServer("newest and least important", "facts", 0.0);

    List<Memory> listed = service.list(listAll(20));

    assertThat(listed).extracting(Memory::id)
        .containsExactly(shown(newest), shown(middle), shown(oldest));
    assertThat(listed.get(0).createdAt()).isGreaterThan(listed.get(1).createdAt());
  }

  @Test
  void listOrdersByCreationNotByLastUpdate() {
    ServerId older = onServer("older", "facts", 0.5);
    ServerId newer = onServer("newer", "facts", 0.5);
    clock.advance(Duration.ofSeconds(1));
    api.editElsewhere(older, "older, edited last");

    assertThat(service.list(listAll(20))).extracting(Memory::id)
        .containsExactly(shown(newer), shown(older));
  }

  @Test
  void listShowsSensitiveMemoriesMaskedThoughTheSyncFeedCarriesTheirText() {
    ServerId plain = onServer("plain fact", "facts", 0.5);
    ServerId detected = onServer("db password=hunter2", "facts", 0.5);
    ServerId forced = onServer(new MemoryFields("forced secret", "facts", "", "", 0.5, true));

    List<Memory> listed = service.list(listAll(20));

    assertThat(listed).extracting(Memory::id).containsExactlyInAnyOrder(shown(plain), shown(detected), shown(forced));
    assertThat(listed).filteredOn(Memory::sensitive).extracting(Memory::content)
        .containsExactlyInAnyOrder(
            "[SENSITIVE - use secret_get(id=" + detected.value() + ")]",
            "[SENSITIVE - use secret_get(id=" + forced.value() + ")]");
    assertThat(listed).extracting(Memory::content).noneMatch(content -> content.contains("hunter2") || content.contains("forced"));
  }

  @Test
  void listKeepsToTheCategory() {
    ServerId decision = onServer("we chose kestrel", "decisions", 0.5);
    onServer("kestrel is a bird", "facts", 0.5);

    List<Memory> listed =
        service.list(new ListQuery(Optional.of(Category.canonical("decisions")), 20));

    assertThat(listed).extracting(Memory::id).containsExactly(shown(decision));
    assertThat(listed.get(0).category().name()).isEqualTo("decisions");
  }

  @Test
  void listReturnsTheNewestUpToTheLimit() {
    onServer("first", "facts", 0.9);
    onServer("second", "facts", 0.9);
    onServer("third", "facts", 0.1);
    onServer("fourth", "facts", 0.1);

    assertThat(contents(service.list(listAll(2)))).containsExactly("fourth", "third");
  }

  @Test
  void listLeavesOutMemoriesDeletedOnTheServer() {
    ServerId gone = onServer("deleted elsewhere", "facts", 0.5);
    ServerId kept = onServer("still here", "facts", 0.5);
    api.deleteElsewhere(gone);

    assertThat(service.list(listAll(20))).extracting(Memory::id).containsExactly(shown(kept));
  }

  // --- get, secret ---

  @Test
  void getReturnsTheServersMemory() {
    ServerId id =
        onServer(new MemoryFields("kestrel runs staging", "infrastructure", "k8s", "cluster env",
            0.6, false));

    Memory memory = service.get(shown(id)).orElseThrow();

    assertThat(memory.id()).isEqualTo(shown(id));
    assertThat(memory.serverId()).contains(id);
    assertThat(memory.content()).isEqualTo("kestrel runs staging");
    assertThat(memory.category().name()).isEqualTo("infrastructure");
    assertThat(memory.tags()).isEqualTo("k8s");
    assertThat(memory.expandedKeywords()).isEqualTo("cluster env");
    assertThat(memory.createdAt()).isEqualTo(api.memory(id).orElseThrow().createdAt());
  }

  @Test
  void getOfAnUnknownIdIsEmpty() {
    assertThat(service.get(new MemoryId(424_242))).isEmpty();
  }

  @Test
  void getOfAMemoryDeletedOnTheServerIsEmpty() {
    ServerId id = onServer("deleted elsewhere", "facts", 0.5);
    api.deleteElsewhere(id);

    assertThat(service.get(shown(id))).isEmpty();
  }

  @Test
  void secretOfASensitiveMemoryIsTheServersOriginalContent() {
    ServerId id = onServer("staging db password=hunter2", "facts", 0.5);
    assertThat(api.memory(id).orElseThrow().content()).contains("[REDACTED:password]");

    Memory secret = service.secret(shown(id)).orElseThrow();

    assertThat(secret.content()).isEqualTo("staging db password=hunter2");
    assertThat(secret.sensitive()).isTrue();
    assertThat(secret.id()).isEqualTo(shown(id));
    assertThat(api.calls(Operation.SECRET)).hasSize(1);
  }

  @Test
  void secretOfANonSensitiveMemoryIsItsContent() {
    ServerId id = onServer("kestrel runs staging", "facts", 0.5);

    Memory memory = service.secret(shown(id)).orElseThrow();

    assertThat(memory.content()).isEqualTo("kestrel runs staging");
    assertThat(memory.sensitive()).isFalse();
    assertThat(api.calls(Operation.SECRET)).isEmpty();
  }

  @Test
  void secretOfAnUnknownIdIsEmpty() {
    assertThat(service.secret(new MemoryId(424_242))).isEmpty();
    assertThat(api.calls(Operation.SECRET)).isEmpty();
  }

  // --- update ---

  @Test
  void updateChangesOnlyThePatchedFields() {
    ServerId id =
        onServer(new MemoryFields("kestrel runs staging", "infrastructure", "k8s", "cluster env",
            0.6, false));

    Memory updated = service.update(shown(id), tagsPatch("k8s,staging")).orElseThrow();

    RemoteMemory onServer = api.memory(id).orElseThrow();
    assertThat(onServer.tags()).isEqualTo("k8s,staging");
    assertThat(onServer.content()).isEqualTo("kestrel runs staging");
    assertThat(onServer.category()).isEqualTo("infrastructure");
    assertThat(onServer.expandedKeywords()).isEqualTo("cluster env");
    assertThat(onServer.importance()).isEqualTo((double) 0.6f);
    assertThat(onServer.sensitive()).isFalse();
    assertThat(updated.id()).isEqualTo(shown(id));
    assertThat(updated.tags()).isEqualTo("k8s,staging");
    assertThat(updated.content()).isEqualTo("kestrel runs staging");
    assertThat(api.calls(Operation.UPDATE)).hasSize(1);
  }

  @Test
  void updateOfContentCategoryAndImportanceReachesTheServer() {
    ServerId id = onServer("kestrel runs staging", "facts", 0.5);

    service.update(
        shown(id),
        new MemoryPatch(
            Optional.of(new Content("kestrel runs production")),
            Optional.of(Category.canonical("infra")),
            Optional.empty(),
            Optional.of(new Importance(0.9)),
            Optional.empty()));

    RemoteMemory onServer = api.memory(id).orElseThrow();
    assertThat(onServer.content()).isEqualTo("kestrel runs production");
    assertThat(onServer.category()).isEqualTo("infrastructure");
    assertThat(onServer.importance()).isEqualTo((double) 0.9f);
  }

  /**
   * The server keeps a credential's original apart and holds a redacted text; a tags-only update
   * must not replace the original with that text.
   */
  @Test
  void updateOfTagsKeepsTheOriginalOfARedactedSensitiveMemory() {
    ServerId id = onServer("staging db password=hunter2", "facts", 0.5);

    service.update(shown(id), tagsPatch("db"));

    assertThat(api.memory(id).orElseThrow().tags()).isEqualTo("db");
    assertThat(service.secret(shown(id)).map(Memory::content))
        .contains("staging db password=hunter2");
  }

  @Test
  void updateOfAnUnknownIdIsEmptyAndSendsNoUpdate() {
    assertThat(service.update(new MemoryId(424_242), tagsPatch("x"))).isEmpty();
    assertThat(api.calls(Operation.UPDATE)).isEmpty();
  }

  @Test
  void updateTheServerDoesNotAnswerFailsWithAMessage() {
    ServerId id = onServer("kestrel runs staging", "facts", 0.5);
    api.failNext(Operation.UPDATE, 1);

    assertThatThrownBy(() -> service.update(shown(id), tagsPatch("k8s")))
        .isInstanceOf(RemoteApiException.class)
        .hasMessageContaining("could not update memory #" + id.value())
        .hasMessageContaining("try again");
    assertThat(api.memory(id).orElseThrow().tags()).isEmpty();
  }

  // --- delete ---

  @Test
  void deleteReturnsWhatItWasAndTheMemoryIsGoneOnTheServer() {
    ServerId id = onServer("kestrel runs staging", "facts", 0.5);
    ServerId other = onServer("osprey stays", "facts", 0.5);

    Memory deleted = service.delete(shown(id)).orElseThrow();

    assertThat(deleted.id()).isEqualTo(shown(id));
    assertThat(deleted.content()).isEqualTo("kestrel runs staging");
    assertThat(api.liveMemories()).extracting(RemoteMemory::id).containsExactly(other);
    assertThat(service.get(shown(id))).isEmpty();
  }

  @Test
  void deleteOfAnUnknownIdIsEmptyAndSendsNoDelete() {
    assertThat(service.delete(new MemoryId(424_242))).isEmpty();
    assertThat(api.calls(Operation.DELETE)).isEmpty();
  }

  @Test
  void deleteTheServerDoesNotAnswerFailsAndKeepsTheMemory() {
    ServerId id = onServer("kestrel runs staging", "facts", 0.5);
    api.failNext(Operation.DELETE, 1);

    assertThatThrownBy(() -> service.delete(shown(id)))
        .isInstanceOf(RemoteApiException.class)
        .hasMessageContaining("could not delete memory #" + id.value());
    assertThat(api.liveMemories()).extracting(RemoteMemory::id).containsExactly(id);
  }

  // --- count ---

  @Test
  void countTotalsLiveMemoriesPerCategorySensitiveIncluded() {
    onServer("fact one", "facts", 0.5);
    onServer("db password=hunter2", "facts", 0.5);
    onServer("we chose kestrel", "decisions", 0.5);
    ServerId gone = onServer("deleted elsewhere", "gotchas", 0.5);
    api.deleteElsewhere(gone);

    MemoryCounts counts = service.count();

    assertThat(counts.total()).isEqualTo(3);
    assertThat(counts.byCategory()).containsExactly(Map.entry("facts", 2L),
        Map.entry("decisions", 1L));
  }

  @Test
  void countOfAnEmptyServerIsZero() {
    MemoryCounts counts = service.count();

    assertThat(counts.total()).isZero();
    assertThat(counts.byCategory()).isEmpty();
  }

  // --- failures, mode ---

  @Test
  void aRefusedKeyTellsToCheckTheApiKeySetting() {
    ServerId id = onServer("kestrel runs staging", "facts", 0.5);
    api.setAuthFailing(true);

    assertThatThrownBy(() -> service.store(NewMemory.of("new", "")))
        .isInstanceOf(RemoteApiException.class).hasMessageContaining("check MEMORY_API_KEY");
    assertThatThrownBy(() -> service.recall(RecallQuery.of("kestrel", "")).memories())
        .isInstanceOf(RemoteApiException.class).hasMessageContaining("check MEMORY_API_KEY");
    assertThatThrownBy(() -> service.list(listAll(20)))
        .isInstanceOf(RemoteApiException.class).hasMessageContaining("check MEMORY_API_KEY");
    assertThatThrownBy(() -> service.get(shown(id)))
        .isInstanceOf(RemoteApiException.class).hasMessageContaining("check MEMORY_API_KEY");
    assertThatThrownBy(() -> service.update(shown(id), tagsPatch("x")))
        .isInstanceOf(RemoteApiException.class).hasMessageContaining("check MEMORY_API_KEY");
    assertThatThrownBy(() -> service.delete(shown(id)))
        .isInstanceOf(RemoteApiException.class).hasMessageContaining("check MEMORY_API_KEY");
    assertThatThrownBy(() -> service.count())
        .isInstanceOf(RemoteApiException.class).hasMessageContaining("check MEMORY_API_KEY");
    assertThat(api.liveMemories()).extracting(RemoteMemory::id).containsExactly(id);
  }

  @Test
  void listTheServerDoesNotAnswerNamesWhatFailed() {
    api.failNextCalls(1);

    assertThatThrownBy(() -> service.list(listAll(20)))
        .isInstanceOf(RemoteApiException.class)
        .hasMessageContaining("could not list memories")
        .hasMessageContaining("try again");
  }

  @Test
  void thereIsNoSyncStatusAndTheServiceIsRemoteOnly() {
    assertThat(service.syncStatus()).isEmpty();
    assertThat(service.isRemoteOnly()).isTrue();
    assertThat(api.calls()).isEmpty();
  }
}
