package dev.claudememory.sqlite;

import static dev.claudememory.sqlite.Memories.T0;
import static dev.claudememory.sqlite.Memories.memory;
import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Content;
import dev.claudememory.core.memory.Importance;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.recall.Recall;
import dev.claudememory.core.recall.RecallQuery;
import dev.claudememory.core.recall.SearchTerms;
import dev.claudememory.core.recall.SortBy;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recall rules of SPEC §4 on a real file: all words first, then any; the three orders. */
class RecallOnSqliteTest {
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

  private MemoryId add(String content, double importance, int secondsAfterT0) {
    return store
        .write(writer -> writer.insert(memory(content, "facts", importance), T0.plusSeconds(secondsAfterT0)))
        .id();
  }

  private List<MemoryId> recall(String context, SortBy sortBy) {
    RecallQuery query =
        new RecallQuery(SearchTerms.of(context, ""), Optional.empty(), sortBy, RecallQuery.MAX_LIMIT);
    List<MemoryId> ids = new ArrayList<>();
    for (Memory memory : Recall.run(store, query)) {
      ids.add(memory.id());
    }
    return ids;
  }

  /** Notes without the searched words, so that bm25's document frequencies mean something. */
  private void addFiller(int count) {
    for (int i = 0; i < count; i++) {
      add("filler note " + i + " about gardening and soil", 0.5, 0);
    }
  }

  @Test
  void allWordsAreRequiredWhenSomeMemoryHasThemAll() {
    MemoryId both = add("alpha beta together", 0.5, 0);
    add("alpha alone", 0.5, 0);
    add("beta alone", 0.5, 0);

    assertThat(recall("alpha beta", SortBy.RELEVANCE)).containsExactly(both);
  }

  @Test
  void anyWordIsEnoughWhenNoMemoryHasThemAll() {
    MemoryId alpha = add("alpha alone", 0.5, 0);
    MemoryId gamma = add("gamma alone", 0.5, 0);
    add("delta alone", 0.5, 0);

    assertThat(recall("alpha gamma", SortBy.RELEVANCE)).containsExactlyInAnyOrder(alpha, gamma);
  }

  @Test
  void categoryWordsTagsAndKeywordsAreSearchedToo() {
    MemoryId byKeywords =
        store
            .write(
                writer ->
                    writer.insert(
                        new NewMemory(
                            new Content("plain text"),
                            Category.canonical("runbook"),
                            "ops,oncall",
                            "pager escalation",
                            Importance.DEFAULT,
                            false),
                        T0))
            .id();

    assertThat(recall("escalation", SortBy.RELEVANCE)).containsExactly(byKeywords);
    assertThat(recall("oncall", SortBy.RELEVANCE)).containsExactly(byKeywords);
    assertThat(recall("runbook", SortBy.RELEVANCE)).containsExactly(byKeywords);
  }

  @Test
  void relevanceAndImportanceOrderTheSameMatchesDifferently() {
    addFiller(20);
    MemoryId closeMatch = add("kafka broker", 0.0, 1);
    MemoryId importantMatch =
        add("kafka came up once in a long meeting about budgets hiring travel plans", 1.0, 2);

    assertThat(recall("kafka", SortBy.RELEVANCE)).containsExactly(closeMatch, importantMatch);
    assertThat(recall("kafka", SortBy.IMPORTANCE)).containsExactly(importantMatch, closeMatch);
    assertThat(recall("kafka", SortBy.RECENCY)).containsExactly(importantMatch, closeMatch);
  }

  @Test
  void recencyPutsTheNewestMatchFirstWhateverItsRelevance() {
    addFiller(5);
    MemoryId oldest = add("zebra zebra zebra", 1.0, 10);
    MemoryId newest = add("a zebra in a long sentence with many other words", 0.0, 30);
    MemoryId middle = add("zebra crossing", 0.5, 20);

    assertThat(recall("zebra", SortBy.RECENCY)).containsExactly(newest, middle, oldest);
  }

  @Test
  void scoreOrderFollowsBm25AndImportanceAsSortByWeighsThem() throws SQLException {
    Random random = new Random(20260110L);
    addFiller(15);
    String[] extra = {"", "river", "river delta", "a river and a lake and a sea"};
    for (int i = 0; i < 12; i++) {
      add("heron " + extra[random.nextInt(extra.length)] + " note " + i, random.nextInt(11) / 10.0, i);
    }
    // the oracle: bm25 from SQLite, scored and sorted in Java
    List<List<String>> raw =
        RawDatabase.rows(
            file,
            "SELECT memories.id, bm25(memories_fts), memories.importance FROM memories_fts"
                + " JOIN memories ON memories.id = memories_fts.rowid"
                + " WHERE memories_fts MATCH '\"heron\"'");

    for (SortBy sortBy : List.of(SortBy.RELEVANCE, SortBy.IMPORTANCE)) {
      List<MemoryId> expected =
          raw.stream()
              .sorted(
                  Comparator.comparingDouble(
                          (List<String> row) ->
                              sortBy.score(
                                  Double.parseDouble(row.get(1)), Double.parseDouble(row.get(2))))
                      .reversed()
                      .thenComparing(row -> -Long.parseLong(row.get(0))))
              .map(row -> new MemoryId(Long.parseLong(row.get(0))))
              .toList();

      assertThat(recall("heron", sortBy)).as(sortBy.wireName()).isEqualTo(expected);
    }
  }

  @Test
  void recallWithNothingSearchableFindsNothing() {
    add("anything at all", 0.5, 0);

    assertThat(recall("*** ((( --- \"\"", SortBy.RELEVANCE)).isEmpty();
  }
}
