package dev.claudememory.core.recall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.MemoryException;
import dev.claudememory.core.fakes.FakeEmbeddingModel;
import dev.claudememory.core.fakes.FakeTextEmbedder;
import dev.claudememory.core.fakes.InMemoryMemoryStore;
import dev.claudememory.core.fakes.SettableClock;
import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Content;
import dev.claudememory.core.memory.Importance;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.MemoryPatch;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.memory.QuantizedVector;
import dev.claudememory.core.port.MemoryCounts;
import dev.claudememory.core.port.MemoryStore;
import dev.claudememory.core.port.MemoryWriter;
import dev.claudememory.core.recall.SemanticIndex.Found;
import dev.claudememory.core.recall.SemanticIndex.Nearest;
import dev.claudememory.core.recall.SemanticIndex.State;
import dev.claudememory.core.recall.SemanticIndex.Status;
import dev.claudememory.core.recall.SemanticIndex.Unavailable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class SemanticIndexTest {
  private static final Duration UNLOAD_AFTER = Duration.ofMinutes(30);
  private static final Duration BOUND = Duration.ofSeconds(10);
  private static final String SECRET = "staging postgres password=hunter2";

  private final SettableClock clock = new SettableClock(Instant.parse("2026-12-07T14:19:21Z"));
  private final InMemoryMemoryStore memories = new InMemoryMemoryStore();
  private final CountingStore store = new CountingStore(memories);
  private final FakeEmbeddingModel model =
      new FakeEmbeddingModel(Map.of("car", "automobile", "carport", "garage", "credentials", "login"));
  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  private final Logger semanticLog = Logger.getLogger(SemanticIndex.class.getName());
  private final LogRecords logged = new LogRecords();
  private SemanticIndex index;

  @BeforeEach
  void listen() {
    semanticLog.addHandler(logged);
  }

  @AfterEach
  void close() {
    model.releaseLoads();
    model.releaseEmbeds();
    model.releaseCloses();
    semanticLog.removeHandler(logged);
    if (index != null) {
      index.close();
    }
    assertThat(threads).noneMatch(Thread::isAlive);
    store.close();
  }

  @Test
  void offAnswersWhyAndNeverLoadsTheModel() {
    SemanticIndex off = SemanticIndex.off("recall by meaning is off (MEMORY_SEMANTIC=off)");
    off.start();
    off.changed();

    assertThat(off.status())
        .isEqualTo(new Status(State.OFF, "none", 0, 0, 0, Optional.of("recall by meaning is off (MEMORY_SEMANTIC=off)")));
    assertThat(off.nearest("automobile", 5))
        .isEqualTo(new Unavailable("recall by meaning is off (MEMORY_SEMANTIC=off)"));
    off.close();
  }

  @Test
  void whileTheModelLoadsRecallByMeaningSaysSoThenItIsReady() throws InterruptedException {
    insert("automobile garage");
    model.holdLoads();
    start(UNLOAD_AFTER);
    assertThat(model.awaitLoadStarted(BOUND)).isTrue();

    assertThat(index.status().state()).isEqualTo(State.LOADING);
    assertThat(index.status().reason()).contains("the embedding model is loading");
    assertThat(index.nearest("automobile", 5)).isEqualTo(new Unavailable("the embedding model is loading"));

    model.releaseLoads();
    awaitState(State.READY);
    assertThat(index.status()).isEqualTo(new Status(State.READY, FakeEmbeddingModel.MODEL_ID, 1, 0, 1, Optional.empty()));
  }

  @Test
  void existingMemoriesAreEmbeddedInBatchesBeforeRecallByMeaningIsReady() {
    for (int i = 0; i < 100; i++) {
      insert("note number " + i);
    }
    model.holdEmbeds();
    start(UNLOAD_AFTER);

    awaitState(State.EMBEDDING);
    Status embedding = index.status();
    assertThat(embedding.embedded()).isLessThan(100);
    assertThat(embedding.total()).isEqualTo(100);
    assertThat(embedding.reason()).contains("the embedding model is embedding the memories for the first time");
    assertThat(index.nearest("note", 5)).isInstanceOf(Unavailable.class);
    int writesBefore = store.writes.get();

    model.releaseEmbeds();
    awaitState(State.READY);

    assertThat(vectorCount()).isEqualTo(100);
    for (int i = 0; i < 100; i++) {
      assertThat(model.timesEmbedded("note number " + i)).as("note %d", i).isEqualTo(1);
    }
    // a write per batch: neither one long transaction nor one per memory
    assertThat(store.writes.get() - writesBefore).isBetween(2, 20);
  }

  @Test
  void recallByMeaningFindsAMemoryThatSharesNoWordWithTheQuery() {
    Memory parked = insert("automobile garage");
    insert("marmalade recipe");
    start(UNLOAD_AFTER);
    awaitState(State.READY);

    Nearest nearest = index.nearest("car carport", 5);

    assertThat(nearest).isInstanceOf(Found.class);
    List<Neighbour> found = ((Found) nearest).neighbours();
    assertThat(found.get(0).id()).isEqualTo(parked.id());
    assertThat(found.get(0).similarity()).isGreaterThan(0.95);
    assertThat(found.get(1).similarity()).isLessThan(0.05);
  }

  @Test
  void aChangedMemoryIsEmbeddedAgainAndFoundByItsNewMeaning() {
    Memory memory = insert("marmalade recipe");
    start(UNLOAD_AFTER);
    awaitState(State.READY);

    memories.write(writer -> writer.update(memory.id(), contentPatch("automobile garage"), clock.instant()));
    index.changed();

    await("the new text is embedded", () -> model.timesEmbedded("automobile garage") == 1 && vectorCount() == 1);
    await("the new meaning is found", () -> firstNeighbour("car carport").map(n -> n.similarity() > 0.95).orElse(false));
    assertThat(firstNeighbour("car carport").orElseThrow().id()).isEqualTo(memory.id());
  }

  @Test
  void aMemoryChangedBelowWhereTheEmbeddingHadReachedIsEmbeddedAgainWithTheNewOnes() {
    Memory oldest = insert("marmalade recipe");
    for (int i = 0; i < 80; i++) {
      insert("note number " + i);
    }
    start(UNLOAD_AFTER);
    awaitState(State.READY);

    memories.write(writer -> writer.update(oldest.id(), contentPatch("automobile garage"), clock.instant()));
    insert("a note written after the rest");
    index.changed();

    await("the changed and the new memory are embedded",
        () -> model.timesEmbedded("automobile garage") == 1 && model.timesEmbedded("a note written after the rest") == 1);
    await("every memory has its vector", () -> vectorCount() == 82);
    await("the new meaning is found", () -> firstNeighbour("car carport").map(n -> n.similarity() > 0.95).orElse(false));
    assertThat(firstNeighbour("car carport").orElseThrow().id()).isEqualTo(oldest.id());
  }

  @Test
  void vectorsOfAnotherModelAreNeitherSearchedNorKeptButEmbeddedAgain() {
    Memory memory = insert("marmalade recipe");
    QuantizedVector elsewhere = QuantizedVector.of(model.vectorOf("automobile garage"));
    memories.write(writer -> writer.putVector(memory.id(), memory.updatedAt(), "an-older-model", elsewhere));
    start(UNLOAD_AFTER);
    awaitState(State.READY);

    assertThat(model.timesEmbedded("marmalade recipe")).isEqualTo(1);
    assertThat(vectorCount()).isEqualTo(1);
    assertThat((long) memories.read(reader -> reader.vectorCount("an-older-model"))).isZero();
    assertThat(firstNeighbour("car carport").orElseThrow().similarity()).isLessThan(0.05);
  }

  @Test
  void aSensitiveMemoryIsEmbeddedByItsCategoryTermsAndTagsNeverItsContent() {
    memories.write(
        writer -> writer.insert(
            new NewMemory(new Content(SECRET), Category.canonical("infrastructure"), "db",
                "database credentials", Importance.DEFAULT, true),
            clock.instant()));
    start(UNLOAD_AFTER);
    awaitState(State.READY);

    assertThat(vectorCount()).isEqualTo(1);
    assertThat(model.embeddedTexts()).containsExactly("infrastructure\ndatabase credentials\ndb");
    assertThat(model.embeddedTexts()).noneMatch(text -> text.contains("hunter2"));
  }

  @Test
  void aMemoryTheModelCannotReadIsEmbeddedWithoutItsContentAndTheOthersStillAre() {
    memories.write(writer -> writer.insert(NewMemory.of("a gremlin in the text", "fallback terms"), clock.instant()));
    insert("automobile garage");
    model.failOnTextsContaining("gremlin");
    start(UNLOAD_AFTER);
    awaitState(State.READY);

    assertThat(vectorCount()).isEqualTo(2);
    assertThat(model.timesEmbedded("facts\nfallback terms")).isEqualTo(1);
  }

  @Test
  void aModelThatGivesNoNumbersForATextIsTreatedAsFailingOnIt() {
    memories.write(writer -> writer.insert(NewMemory.of("a gremlin in the text", "fallback terms"), clock.instant()));
    insert("automobile garage");
    model.notANumberForTextsContaining("gremlin");
    start(UNLOAD_AFTER);
    awaitState(State.READY);

    assertThat(vectorCount()).isEqualTo(2);
    assertThat(model.timesEmbedded("facts\nfallback terms")).isEqualTo(1);
    Nearest query = index.nearest("gremlin", 5);
    assertThat(query).isInstanceOf(Unavailable.class);
    assertThat(((Unavailable) query).reason()).startsWith("the embedding model failed");
  }

  @Test
  void aModelThatCannotLoadMakesRecallByMeaningUnavailableWithTheReasonAndIsNotRetried() throws InterruptedException {
    insert("automobile garage");
    model.failLoadsWith(new MemoryException("This build has no ONNX Runtime library for plan9-mips"));
    start(UNLOAD_AFTER);

    awaitState(State.UNAVAILABLE);
    String reason = "the embedding model cannot run here: This build has no ONNX Runtime library for plan9-mips";
    assertThat(index.status().reason()).contains(reason);
    assertThat(index.nearest("car", 5)).isEqualTo(new Unavailable(reason));
    index.changed();
    Thread.sleep(200);
    assertThat(model.loads()).isEqualTo(1);
  }

  @Test
  void aModelThatFailsToLoadInAnUnforeseenWayIsUnavailableToo() {
    model.failLoadsWith(new IllegalStateException("Failed to create OrtEnvironment"));
    start(UNLOAD_AFTER);

    awaitState(State.UNAVAILABLE);
    assertThat(index.status().reason()).hasValueSatisfying(reason -> assertThat(reason).contains("Failed to create OrtEnvironment"));
  }

  @Test
  void anIdleModelIsUnloadedAndTheNextRecallLoadsItAgainWithoutEmbeddingAnew() {
    Memory parked = insert("automobile garage");
    start(UNLOAD_AFTER);
    awaitState(State.READY);
    FakeTextEmbedder first = model.loaded().get(0);

    clock.advance(UNLOAD_AFTER.plusSeconds(1));
    index.changed();
    awaitState(State.UNLOADED);
    assertThat(first.isClosed()).isTrue();
    assertThat(index.status().reason())
        .hasValue("the embedding model was unloaded after 30 minutes without recall; the next recall loads it again");

    Nearest whileUnloaded = index.nearest("car carport", 5);
    assertThat(whileUnloaded)
        .isEqualTo(new Unavailable("the embedding model was unloaded after 30 minutes without recall and is loading again"));
    awaitState(State.READY);

    assertThat(model.loads()).isEqualTo(2);
    assertThat(firstNeighbour("car carport").orElseThrow().id()).isEqualTo(parked.id());
    assertThat(model.timesEmbedded("automobile garage")).isEqualTo(1);
  }

  @Test
  void aMemoryTheModelFailsOnIsSkippedCountedAndLoggedWithoutItsTextAndTheOthersAreEmbedded() {
    // the lowest id: before every other memory in each batch the backfill reads
    Memory gremlin = memories.write(
        writer -> writer.insert(NewMemory.of("a gremlin in the text", "gremlin terms"), clock.instant()));
    for (int i = 0; i < 40; i++) {
      insert("note number " + i);
    }
    model.throwOnTextsContaining("gremlin", new IllegalStateException("the tokenizer choked on a gremlin"));
    start(UNLOAD_AFTER);

    awaitState(State.READY);
    assertThat(index.status()).isEqualTo(new Status(State.READY, FakeEmbeddingModel.MODEL_ID, 40, 1, 41, Optional.empty()));
    assertThat(logged.messages()).anyMatch(message -> message.contains("memory " + gremlin.id()));
    assertThat(logged.messages()).noneMatch(message -> message.contains("gremlin"));

    // the next pass embeds a new memory and leaves the one the model failed on alone
    insert("automobile garage");
    index.changed();
    await("the new memory is embedded", () -> vectorCount() == 41);
    assertThat(model.embeddedTexts().stream().filter(text -> text.contains("gremlin")))
        .as("its text, then its terms, once").hasSize(2);
    assertThat(index.status().skipped()).isEqualTo(1);

    // changed, it is tried again
    MemoryPatch readable = new MemoryPatch(
        Optional.of(new Content("marmalade recipe")), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of("breakfast"));
    clock.advance(Duration.ofSeconds(1));
    memories.write(writer -> writer.update(gremlin.id(), readable, clock.instant()));
    index.changed();
    await("the changed memory is embedded", () -> vectorCount() == 42);
    assertThat(index.status().skipped()).isZero();
  }

  @Test
  void aModelThatFailsOnABatchOfMemoriesInARowIsUnavailableRatherThanSkippingThemAll() {
    for (int i = 0; i < 100; i++) {
      insert("note number " + i);
    }
    model.throwOnTextsContaining("", new IllegalStateException("the session is broken"));
    start(UNLOAD_AFTER);

    awaitState(State.UNAVAILABLE);
    assertThat(index.status().reason())
        .hasValue("the embedding model failed on 32 memories in a row, the last time with IllegalStateException");
    assertThat(vectorCount()).isZero();
    // the model is closed after the state is published, so recall never waits on its teardown
    await("the background thread ends", () -> threads.stream().noneMatch(Thread::isAlive));
    assertThat(model.loaded()).allMatch(FakeTextEmbedder::isClosed);
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of(new OutOfMemoryError("Java heap space"), "OutOfMemoryError: Java heap space"),
        Arguments.of(new NoClassDefFoundError("ai/onnxruntime/OrtSession"), "NoClassDefFoundError: ai/onnxruntime/OrtSession"),
        Arguments.of(new StackOverflowError(), "StackOverflowError"));
  }

  @ParameterizedTest
  @MethodSource("errors")
  void anErrorInTheBackgroundWorkMakesRecallByMeaningUnavailableWithTheReasonAndFreesTheModel(Error error, String named) {
    insert("automobile garage");
    memories.write(writer -> writer.insert(NewMemory.of("an oversized text", ""), clock.instant()));
    model.throwOnTextsContaining("oversized", error);
    start(UNLOAD_AFTER);

    awaitState(State.UNAVAILABLE);
    String reason = "recall by meaning stopped after an internal error: " + named;
    assertThat(index.status().reason()).hasValue(reason);
    assertThat(index.nearest("car", 5)).isEqualTo(new Unavailable(reason));
    // the model is closed after the state is published, so recall never waits on its teardown
    await("the background thread ends", () -> threads.stream().noneMatch(Thread::isAlive));
    assertThat(model.loaded()).hasSize(1).allMatch(FakeTextEmbedder::isClosed);
    assertThat(index.status().state()).isEqualTo(State.UNAVAILABLE);
  }

  @Test
  void whileTheModelIsBeingUnloadedNoStatusNorRecallSaysItIsReady() throws InterruptedException {
    insert("automobile garage");
    start(UNLOAD_AFTER);
    awaitState(State.READY);
    model.holdCloses();

    clock.advance(UNLOAD_AFTER.plusSeconds(1));
    index.changed();
    assertThat(model.awaitCloseStarted(BOUND)).isTrue();

    // the unload is under way, held inside the embedder's close
    assertThat(index.status().state()).isEqualTo(State.UNLOADED);
    assertThat(index.status().reason()).isPresent();
    assertThat(index.nearest("car carport", 5))
        .isEqualTo(new Unavailable("the embedding model was unloaded after 30 minutes without recall and is loading again"));

    model.releaseCloses();
    awaitState(State.READY);
    assertThat(model.loads()).isEqualTo(2);
    assertThat(model.loaded().get(0).isClosed()).isTrue();
  }

  @Test
  void theIdleTimeIsNamedAsItWasSet() {
    insert("automobile garage");
    start(Duration.ofSeconds(45));
    awaitState(State.READY);

    clock.advance(Duration.ofSeconds(46));
    index.changed();
    awaitState(State.UNLOADED);

    assertThat(index.status().reason())
        .hasValue("the embedding model was unloaded after 45 seconds without recall; the next recall loads it again");
  }

  @Test
  void closingWhileTheModelLoadsEndsTheThreadAndFreesWhatTheLoadBrought() throws InterruptedException {
    insert("automobile garage");
    model.holdLoads();
    start(UNLOAD_AFTER);
    assertThat(model.awaitLoadStarted(BOUND)).isTrue();

    Thread closer = new Thread(index::close, "closer");
    closer.start();
    await("close waits for the load under way", () -> closer.getState() == Thread.State.TIMED_WAITING);
    model.releaseLoads();
    closer.join(BOUND.toMillis());

    assertThat(closer.isAlive()).isFalse();
    assertThat(threads).noneMatch(Thread::isAlive);
    assertThat(model.loaded()).allMatch(FakeTextEmbedder::isClosed);
    assertThat(model.embeddedTexts()).isEmpty();
  }

  @Test
  void closingWhenReadyEndsTheThreadAndFreesTheModel() {
    insert("automobile garage");
    start(UNLOAD_AFTER);
    awaitState(State.READY);

    index.close();

    assertThat(threads).noneMatch(Thread::isAlive);
    assertThat(model.loaded()).hasSize(1).allMatch(FakeTextEmbedder::isClosed);
  }

  private void start(Duration unloadAfter) {
    index =
        new SemanticIndex(
            store, model, clock, unloadAfter,
            runnable -> {
              Thread thread = new Thread(runnable, "meaning-under-test");
              thread.setDaemon(true);
              threads.add(thread);
              return thread;
            });
    index.start();
  }

  private Memory insert(String content) {
    return memories.write(writer -> writer.insert(NewMemory.of(content, ""), clock.instant()));
  }

  private long vectorCount() {
    return memories.read(reader -> reader.vectorCount(FakeEmbeddingModel.MODEL_ID));
  }

  private Optional<Neighbour> firstNeighbour(String text) {
    Nearest nearest = index.nearest(text, 1);
    return nearest instanceof Found ? ((Found) nearest).neighbours().stream().findFirst() : Optional.empty();
  }

  private static MemoryPatch contentPatch(String content) {
    return new MemoryPatch(
        Optional.of(new Content(content)), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  private void awaitState(State state) {
    await("state " + state, () -> index.status().state() == state);
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

  /** What the index logs, as the JDK's default binding of {@link System.Logger} hands it on. */
  private static final class LogRecords extends Handler {
    private final List<String> messages = new CopyOnWriteArrayList<>();

    @Override
    public void publish(LogRecord record) {
      messages.add(record.getMessage());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    List<String> messages() {
      return List.copyOf(messages);
    }
  }

  /** The fake store, counting its write transactions. */
  private static final class CountingStore implements MemoryStore {
    private final MemoryStore delegate;
    final AtomicInteger writes = new AtomicInteger();

    CountingStore(MemoryStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public <T> T write(Function<MemoryWriter, T> work) {
      writes.incrementAndGet();
      return delegate.write(work);
    }

    @Override
    public <T> T read(Function<MemoryWriter, T> work) {
      return delegate.read(work);
    }

    @Override
    public Optional<Memory> find(MemoryId id) {
      return delegate.find(id);
    }

    @Override
    public List<Memory> search(String ftsQuery, Optional<Category> category, SortBy sortBy, int limit) {
      return delegate.search(ftsQuery, category, sortBy, limit);
    }

    @Override
    public List<Memory> searchFragments(
        List<String> fragments, Optional<Category> category, SortBy sortBy, int limit) {
      return delegate.searchFragments(fragments, category, sortBy, limit);
    }

    @Override
    public List<Memory> recent(Optional<Category> category, int limit) {
      return delegate.recent(category, limit);
    }

    @Override
    public MemoryCounts counts() {
      return delegate.counts();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
