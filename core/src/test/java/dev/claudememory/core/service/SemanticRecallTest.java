package dev.claudememory.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.fakes.FakeEmbeddingModel;
import dev.claudememory.core.fakes.InMemoryMemoryStore;
import dev.claudememory.core.fakes.SettableClock;
import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Content;
import dev.claudememory.core.memory.Importance;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryPatch;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.recall.RecallQuery;
import dev.claudememory.core.recall.Recalled;
import dev.claudememory.core.recall.Search;
import dev.claudememory.core.recall.SearchTerms;
import dev.claudememory.core.recall.SemanticIndex;
import dev.claudememory.core.recall.SemanticIndex.State;
import dev.claudememory.core.recall.SortBy;
import dev.claudememory.core.sync.BackgroundSync;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Recall through the service, by words and by meaning, and what it says about which ran. */
final class SemanticRecallTest {
  private static final Duration BOUND = Duration.ofSeconds(10);

  private final SettableClock clock = new SettableClock(Instant.parse("2026-12-07T14:19:21Z"));
  private final InMemoryMemoryStore store = new InMemoryMemoryStore();
  private final FakeEmbeddingModel model =
      new FakeEmbeddingModel(Map.of("car", "automobile", "carport", "garage", "vehicle", "automobile"));
  private final SemanticIndex semantic =
      new SemanticIndex(
          store, model, clock, Duration.ofMinutes(30),
          runnable -> {
            Thread thread = new Thread(runnable, "meaning-under-test");
            thread.setDaemon(true);
            return thread;
          });
  private final LocalFirstMemoryService service =
      new LocalFirstMemoryService(store, clock, BackgroundSync.NONE, DuplicateContent.RETURN_EXISTING, semantic);

  @AfterEach
  void close() {
    model.releaseLoads();
    service.close();
  }

  @Test
  void onceReadyRecallIsHybridAndFindsAParaphraseWithNoWordInCommon() {
    Memory parked = service.store(NewMemory.of("automobile garage", "")).memory();
    service.store(NewMemory.of("marmalade recipe", ""));
    semantic.start();
    awaitReady();

    Recalled recalled = service.recall(RecallQuery.of("car carport", ""));

    assertThat(recalled.search()).isEqualTo(Search.HYBRID);
    assertThat(recalled.memories()).containsExactly(parked);
  }

  @Test
  void untilTheModelIsReadyRecallIsByWordsAndSaysWhy() throws InterruptedException {
    Memory parked = service.store(NewMemory.of("automobile garage", "")).memory();
    model.holdLoads();
    semantic.start();
    assertThat(model.awaitLoadStarted(BOUND)).isTrue();

    Recalled byWords = service.recall(RecallQuery.of("automobile", ""));
    Recalled paraphrase = service.recall(RecallQuery.of("car carport", ""));

    assertThat(byWords.search()).isEqualTo(Search.lexical("the embedding model is loading"));
    assertThat(byWords.memories()).containsExactly(parked);
    assertThat(paraphrase.memories()).isEmpty();
    assertThat(paraphrase.search().kind()).isEqualTo(Search.Kind.LEXICAL);
  }

  @Test
  void afterAnErrorStopsRecallByMeaningRecallIsByWordsAndSaysWhy() {
    Memory parked = service.store(NewMemory.of("automobile garage", "")).memory();
    service.store(NewMemory.of("an oversized text", ""));
    model.throwOnTextsContaining("oversized", new OutOfMemoryError("Java heap space"));
    semantic.start();
    await("recall by meaning stops", () -> semantic.status().state() == State.UNAVAILABLE);

    Recalled recalled = service.recall(RecallQuery.of("automobile", ""));

    String reason = "recall by meaning stopped after an internal error: OutOfMemoryError: Java heap space";
    assertThat(recalled.search()).isEqualTo(Search.lexical(reason));
    assertThat(recalled.memories()).containsExactly(parked);
    assertThat(service.semanticStatus()).hasValueSatisfying(status -> assertThat(status.reason()).hasValue(reason));
  }

  @Test
  void whenRecallByMeaningIsOffRecallSaysWhy() {
    LocalFirstMemoryService lexicalOnly =
        new LocalFirstMemoryService(
            new InMemoryMemoryStore(), clock, BackgroundSync.NONE, DuplicateContent.RETURN_EXISTING,
            SemanticIndex.off("recall by meaning is off (MEMORY_SEMANTIC=off)"));
    Memory parked = lexicalOnly.store(NewMemory.of("automobile garage", "")).memory();

    Recalled recalled = lexicalOnly.recall(RecallQuery.of("automobile", ""));

    assertThat(recalled.memories()).containsExactly(parked);
    assertThat(recalled.search()).isEqualTo(Search.lexical("recall by meaning is off (MEMORY_SEMANTIC=off)"));
    assertThat(recalled.search().kind().wireName()).isEqualTo("lexical");
    assertThat(lexicalOnly.semanticStatus()).hasValueSatisfying(status -> assertThat(status.state()).isEqualTo(State.OFF));
    lexicalOnly.close();
  }

  @Test
  void aQueryWithNothingSearchableFindsNothingAndSaysWhy() {
    service.store(NewMemory.of("automobile garage", ""));
    semantic.start();
    awaitReady();

    Recalled recalled = service.recall(RecallQuery.of("!!! ???", ""));

    assertThat(recalled.memories()).isEmpty();
    assertThat(recalled.search()).isEqualTo(Search.lexical("nothing searchable in the query"));
  }

  @Test
  void aStoreMadeAfterReadyIsFoundByMeaningSoon() {
    semantic.start();
    awaitReady();

    Memory parked = service.store(NewMemory.of("automobile garage", "")).memory();

    await("the new memory is found by meaning",
        () -> service.recall(RecallQuery.of("car carport", "")).memories().contains(parked));
    assertThat(service.recall(RecallQuery.of("car carport", "")).search()).isEqualTo(Search.HYBRID);
  }

  @Test
  void anUpdatedMemoryIsFoundByItsNewMeaningOnly() {
    Memory memory = service.store(NewMemory.of("marmalade recipe", "")).memory();
    semantic.start();
    awaitReady();

    service.update(memory.id(), contentPatch("automobile garage"));

    await("the new meaning is found",
        () -> service.recall(RecallQuery.of("car carport", "")).memories().stream().anyMatch(found -> found.id().equals(memory.id())));
    assertThat(service.recall(RecallQuery.of("marmalade", "")).memories()).isEmpty();
  }

  @Test
  void aDeletedMemoryIsNoLongerANeighbour() {
    Memory parked = service.store(NewMemory.of("automobile garage", "")).memory();
    Memory other = service.store(NewMemory.of("vehicle carport", "")).memory();
    semantic.start();
    awaitReady();

    service.delete(parked.id());

    SemanticIndex.Nearest nearest = semantic.nearest("car carport", 5);
    assertThat(nearest).isInstanceOf(SemanticIndex.Found.class);
    assertThat(((SemanticIndex.Found) nearest).neighbours())
        .extracting(neighbour -> neighbour.id())
        .containsExactly(other.id());
    assertThat((long) store.read(reader -> reader.vectorCount(FakeEmbeddingModel.MODEL_ID))).isEqualTo(1);
  }

  @Test
  void hybridRecallKeepsTheCategorySortAndLimit() {
    Memory old = service.store(new NewMemory(new Content("automobile garage"), Category.canonical("decisions"),
        "", "", new Importance(0.9), false)).memory();
    clock.advance(Duration.ofMinutes(1));
    Memory newer = service.store(new NewMemory(new Content("vehicle carport"), Category.canonical("decisions"),
        "", "", new Importance(0.1), false)).memory();
    service.store(new NewMemory(new Content("car carport"), Category.canonical("facts"), "", "",
        Importance.DEFAULT, false));
    semantic.start();
    awaitReady();

    RecallQuery byRecency =
        new RecallQuery(SearchTerms.of("car carport", ""), Optional.of(Category.canonical("decisions")), SortBy.RECENCY, 10);
    RecallQuery byImportance =
        new RecallQuery(SearchTerms.of("car carport", ""), Optional.of(Category.canonical("decisions")), SortBy.IMPORTANCE, 1);

    assertThat(service.recall(byRecency).memories()).containsExactly(newer, old);
    assertThat(service.recall(byImportance).memories()).containsExactly(old);
  }

  private static MemoryPatch contentPatch(String content) {
    return new MemoryPatch(
        Optional.of(new Content(content)), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  private void awaitReady() {
    await("recall by meaning is ready", () -> semantic.status().state() == State.READY);
  }

  private static void await(String what, BooleanSupplier check) {
    long deadline = System.nanoTime() + BOUND.toNanos();
    while (!check.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + BOUND + ": " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }
}
