package dev.claudememory.sqlite;

import static dev.claudememory.sqlite.Memories.T0;
import static dev.claudememory.sqlite.Memories.memory;
import static dev.claudememory.sqlite.Memories.sensitive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudememory.core.StorageException;
import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Content;
import dev.claudememory.core.memory.Importance;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.MemoryPatch;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.port.MemoryWriter;
import dev.claudememory.core.recall.SearchTerms;
import dev.claudememory.core.recall.SortBy;
import dev.claudememory.testkit.PythonDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteMemoryStoreTest {
  @TempDir Path dir;
  private Path file;
  private SqliteMemoryStore store;

  @BeforeEach
  void open() {
    file = dir.resolve("memory.db");
    store = SqliteMemoryStore.open(file);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private List<Memory> search(String words) {
    return store.search(
        SearchTerms.of(words, "").allWordsQuery(), Optional.empty(), SortBy.RELEVANCE, 10);
  }

  @Test
  void insertedMemoryReadsBackWithEveryFieldAndPythonShapedTimestamps() {
    NewMemory input =
        new NewMemory(
            new Content("Deploys go through Woodpecker"),
            Category.canonical("infra"),
            "ci,deploy",
            "pipeline build release",
            new Importance(0.8),
            false);

    Memory stored = store.write(writer -> writer.insert(input, T0));

    assertThat(store.find(stored.id())).contains(stored);
    assertThat(stored.serverId()).isEmpty();
    assertThat(stored.content()).isEqualTo("Deploys go through Woodpecker");
    assertThat(stored.category().name()).isEqualTo("infrastructure");
    assertThat(stored.tags()).isEqualTo("ci,deploy");
    assertThat(stored.expandedKeywords()).isEqualTo("pipeline build release");
    assertThat(stored.importance()).isEqualTo(0.8);
    assertThat(stored.sensitive()).isFalse();
    assertThat(stored.createdAt()).isEqualTo("2026-01-10T09:00:00.123456+00:00");
    assertThat(stored.updatedAt()).isEqualTo(stored.createdAt());
  }

  @Test
  void idsGrowWithEachInsert() {
    Memory first = store.write(writer -> writer.insert(memory("first"), T0));
    Memory second = store.write(writer -> writer.insert(memory("second"), T0));

    assertThat(second.id().value()).isGreaterThan(first.id().value());
  }

  @Test
  void updateChangesOnlyThePatchedFieldsAndTheUpdateTime() {
    Memory stored = store.write(writer -> writer.insert(memory("old words here", "facts", 0.2), T0));
    MemoryPatch patch =
        new MemoryPatch(
            Optional.of(new Content("new words here")),
            Optional.empty(),
            Optional.of("fresh"),
            Optional.empty(),
            Optional.empty());

    Optional<Memory> updated =
        store.write(writer -> writer.update(stored.id(), patch, T0.plusSeconds(60)));

    assertThat(updated).isPresent();
    Memory read = store.find(stored.id()).orElseThrow();
    assertThat(read).isEqualTo(updated.get());
    assertThat(read.content()).isEqualTo("new words here");
    assertThat(read.tags()).isEqualTo("fresh");
    assertThat(read.importance()).isEqualTo(0.2);
    assertThat(read.createdAt()).isEqualTo(stored.createdAt());
    assertThat(read.updatedAt()).isEqualTo("2026-01-10T09:01:00.123456+00:00");
  }

  @Test
  void updateReindexesSoOnlyTheNewWordsAreFound() {
    Memory stored = store.write(writer -> writer.insert(memory("walrus migration"), T0));
    MemoryPatch patch =
        new MemoryPatch(
            Optional.of(new Content("pelican season")),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());

    store.write(writer -> writer.update(stored.id(), patch, T0));

    assertThat(search("walrus")).isEmpty();
    assertThat(search("pelican")).extracting(Memory::id).containsExactly(stored.id());
  }

  @Test
  void updateOfUnknownIdIsEmptyAndChangesNothing() {
    MemoryPatch patch =
        new MemoryPatch(
            Optional.empty(), Optional.empty(), Optional.of("x"), Optional.empty(), Optional.empty());

    Optional<Memory> updated = store.write(writer -> writer.update(new MemoryId(42), patch, T0));

    assertThat(updated).isEmpty();
    assertThat(store.counts().total()).isZero();
  }

  @Test
  void deleteReturnsWhatWasDeletedAndRemovesItFromSearch() {
    Memory stored = store.write(writer -> writer.insert(memory("ephemeral narwhal"), T0));

    Optional<Memory> deleted = store.write(writer -> writer.delete(stored.id()));

    assertThat(deleted).contains(stored);
    assertThat(store.find(stored.id())).isEmpty();
    assertThat(search("narwhal")).isEmpty();
    Optional<Memory> deletedAgain = store.write(writer -> writer.delete(stored.id()));
    assertThat(deletedAgain).isEmpty();
  }

  @Test
  void writerFindSeesItsOwnUncommittedInsert() {
    Optional<Memory> seen =
        store.write(writer -> writer.find(writer.insert(memory("inside"), T0).id()));

    assertThat(seen).map(Memory::content).contains("inside");
  }

  @Test
  void workThatThrowsRollsBackEverythingItWrote() {
    IllegalStateException failure = new IllegalStateException("changed my mind");

    assertThatThrownBy(
            () ->
                store.write(
                    writer -> {
                      writer.insert(memory("never kept"), T0);
                      throw failure;
                    }))
        .isSameAs(failure);

    assertThat(store.counts().total()).isZero();
    assertThat(search("kept")).isEmpty();
    Memory kept = store.write(writer -> writer.insert(memory("kept"), T0));
    assertThat(search("kept")).containsExactly(kept);
  }

  @Test
  void aWriteCannotStartAnotherWrite() {
    assertThatThrownBy(() -> store.write(writer -> store.write(inner -> 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot start another write");
  }

  @Test
  void aWriterKeptPastItsTransactionRefusesToWrite() {
    MemoryWriter leaked = store.write(writer -> writer);

    assertThatThrownBy(() -> leaked.insert(memory("outside any transaction"), T0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("after its write transaction ended");
    assertThat(store.counts().total()).isZero();
  }

  @Test
  void sensitiveMemoriesAreListedButNeverFoundByAWordOfTheirContent() {
    Memory secret = store.write(writer -> writer.insert(sensitive("vault token rotation"), T0));
    Memory plain = store.write(writer -> writer.insert(memory("vault upgrade notes"), T0.plusSeconds(1)));
    Memory looksLikeCredential =
        store.write(writer -> writer.insert(memory("vault password=hunter2"), T0.plusSeconds(2)));

    assertThat(store.find(secret.id())).map(Memory::sensitive).contains(true);
    assertThat(looksLikeCredential.sensitive()).isTrue();
    assertThat(search("vault")).extracting(Memory::id).containsExactly(plain.id());
    assertThat(store.recent(Optional.empty(), 10)).extracting(Memory::id)
        .containsExactly(looksLikeCredential.id(), plain.id(), secret.id());
    for (SortBy sortBy : SortBy.values()) {
      assertThat(
              store.search(
                  SearchTerms.of("vault token password hunter2", "").anyWordQuery(),
                  Optional.empty(),
                  sortBy,
                  10))
          .extracting(Memory::id)
          .containsExactly(plain.id());
    }
  }

  @Test
  void searchAndRecentKeepToTheAskedCategory() {
    Memory fact = store.write(writer -> writer.insert(memory("kiwi fact", "facts", 0.5), T0));
    Memory decision =
        store.write(writer -> writer.insert(memory("kiwi decision", "decisions", 0.5), T0));

    assertThat(
            store.search(
                SearchTerms.of("kiwi", "").allWordsQuery(),
                Optional.of(Category.canonical("decisions")),
                SortBy.RELEVANCE,
                10))
        .extracting(Memory::id)
        .containsExactly(decision.id());
    assertThat(store.recent(Optional.of(Category.DEFAULT), 10))
        .extracting(Memory::id)
        .containsExactly(fact.id());
  }

  @Test
  void searchAndRecentStopAtTheLimit() {
    for (int i = 0; i < 5; i++) {
      int n = i;
      store.write(writer -> writer.insert(memory("otter " + n), T0.plusSeconds(n)));
    }

    assertThat(store.search("\"otter\"", Optional.empty(), SortBy.RECENCY, 3)).hasSize(3);
    assertThat(store.recent(Optional.empty(), 2)).hasSize(2);
  }

  @Test
  void aQueryNotBuiltBySearchTermsThatFts5RejectsFailsAsAStorageExceptionNamingTheFile() {
    assertThatThrownBy(
            () -> store.search("\"unbalanced AND", Optional.empty(), SortBy.RELEVANCE, 10))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("unterminated string");
  }

  @Test
  void blankQueryFindsNothing() {
    store.write(writer -> writer.insert(memory("anything"), T0));

    assertThat(store.search("  ", Optional.empty(), SortBy.RELEVANCE, 10)).isEmpty();
  }

  @Test
  void recentIsNewestFirstWithTheHigherIdFirstOnEqualTimes() {
    Memory older = store.write(writer -> writer.insert(memory("older"), T0));
    Memory newest = store.write(writer -> writer.insert(memory("newest"), T0.plusSeconds(10)));
    Memory sameTimeA = store.write(writer -> writer.insert(memory("same a"), T0.plusSeconds(5)));
    Memory sameTimeB = store.write(writer -> writer.insert(memory("same b"), T0.plusSeconds(5)));

    assertThat(store.recent(Optional.empty(), 10))
        .extracting(Memory::id)
        .containsExactly(newest.id(), sameTimeB.id(), sameTimeA.id(), older.id());
  }

  @Test
  void countsEveryMemoryWithTheMostPopulousCategoryFirst() {
    store.write(writer -> writer.insert(memory("a", "decisions", 0.5), T0));
    store.write(writer -> writer.insert(memory("b", "projects", 0.5), T0));
    store.write(writer -> writer.insert(memory("c", "projects", 0.5), T0));
    store.write(writer -> writer.insert(sensitive("d password=x"), T0));

    assertThat(store.counts().total()).isEqualTo(4);
    assertThat(store.counts().byCategory())
        .containsExactly(Map.entry("projects", 2L), Map.entry("decisions", 1L), Map.entry("facts", 1L));
  }

  @Test
  void rowsWithNullFieldsReadAsTheDefaults() throws Exception {
    try (Connection raw = PythonDatabases.open(file);
        Statement statement = raw.createStatement()) {
      statement.executeUpdate(
          "INSERT INTO memories (content, category, tags, expanded_keywords, importance,"
              + " is_sensitive, created_at, updated_at)"
              + " VALUES ('pulled quokka row', NULL, NULL, NULL, NULL, NULL,"
              + " '2025-01-01T00:00:00+00:00', '2025-01-01T00:00:00+00:00')");
    }

    Memory read = store.recent(Optional.empty(), 10).get(0);

    assertThat(read.category()).isEqualTo(Category.DEFAULT);
    assertThat(read.tags()).isEmpty();
    assertThat(read.expandedKeywords()).isEmpty();
    assertThat(read.importance()).isEqualTo(0.5);
    assertThat(read.sensitive()).isFalse();
    assertThat(search("quokka")).containsExactly(read);
    assertThat(store.recent(Optional.of(Category.DEFAULT), 10)).containsExactly(read);
    assertThat(store.counts().byCategory()).containsExactly(Map.entry("facts", 1L));
  }

  @Test
  void categoriesFoundInTheFileAreKeptAsTheyAre() throws Exception {
    try (Connection raw = PythonDatabases.open(file);
        Statement statement = raw.createStatement()) {
      statement.executeUpdate(
          "INSERT INTO memories (content, category, created_at, updated_at)"
              + " VALUES ('odd one', 'Work Stuff', '2025-01-01T00:00:00+00:00',"
              + " '2025-01-01T00:00:00+00:00')");
    }

    Memory read = store.recent(Optional.empty(), 1).get(0);

    assertThat(read.category().name()).isEqualTo("Work Stuff");
    assertThat(read.category().isKnown()).isFalse();
  }

  @Test
  void serverIdIsReadWhenTheRowHasOne() throws Exception {
    Memory stored = store.write(writer -> writer.insert(memory("synced"), T0));
    try (Connection raw = PythonDatabases.open(file);
        Statement statement = raw.createStatement()) {
      statement.executeUpdate("UPDATE memories SET server_id = 777 WHERE id = " + stored.id());
    }

    assertThat(store.find(stored.id()).orElseThrow().serverId())
        .hasValueSatisfying(id -> assertThat(id.value()).isEqualTo(777));
  }

  @Test
  void storesWrittenTimestampsSortCorrectlyAsText() throws Exception {
    store.write(writer -> writer.insert(memory("x"), T0));
    try (Connection raw = PythonDatabases.open(file);
        Statement statement = raw.createStatement();
        ResultSet rows = statement.executeQuery("SELECT created_at FROM memories")) {
      rows.next();
      assertThat(rows.getString(1)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00");
    }
  }

  @Test
  void everyCallAfterCloseFailsNamingTheFile() {
    store.close();

    assertThatThrownBy(() -> store.write(writer -> writer.insert(memory("late"), T0)))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> store.find(new MemoryId(1)))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> store.recent(Optional.empty(), 1))
        .isInstanceOf(StorageException.class);
    store.close();
  }

  @Test
  void closeLetsAWriteInProgressFinish() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    Thread writerThread =
        new Thread(
            () ->
                store.write(
                    writer -> {
                      started.countDown();
                      sleep(Duration.ofMillis(200));
                      return writer.insert(memory("slow but kept"), T0);
                    }));
    writerThread.start();
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    store.close();
    writerThread.join(10_000);

    try (SqliteMemoryStore reopened = SqliteMemoryStore.open(file)) {
      assertThat(reopened.counts().total()).isEqualTo(1);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
