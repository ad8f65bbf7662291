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
  void aChineseWordInsideASentenceIsFound() {
    addFiller(5);
    MemoryId migration = add("数据库迁移在周二进行", 0.5, 0);
    add("午饭在十二点", 0.5, 0);

    for (SortBy sortBy : SortBy.values()) {
      assertThat(recall("数据库", sortBy)).as(sortBy.wireName()).containsExactly(migration);
      assertThat(recall("周二", sortBy)).as(sortBy.wireName()).containsExactly(migration);
    }
  }

  @Test
  void aJapaneseWordInsideASentenceIsFound() {
    addFiller(5);
    MemoryId migration = add("本番データベースの移行は火曜日に行う", 0.5, 0);
    add("ログの保存期間は三十日", 0.5, 0);

    assertThat(recall("データベース", SortBy.RELEVANCE)).containsExactly(migration);
    assertThat(recall("移行 いつ", SortBy.RELEVANCE)).containsExactly(migration);
  }

  @Test
  void aThaiWordInsideASentenceIsFound() {
    MemoryId migration = add("ย้ายฐานข้อมูลวันอังคาร", 0.5, 0);
    add("ประชุมทีมวันศุกร์", 0.5, 0);

    assertThat(recall("ฐานข้อมูล", SortBy.RELEVANCE)).containsExactly(migration);
  }

  @Test
  void aQuestionWrittenAsOneSentenceRanksTheMemoryItAsksAboutFirst() {
    addFiller(10);
    add("数据库备份每天凌晨执行", 0.9, 1);
    add("迁移到新办公室是下个月", 0.9, 2);
    add("周二下午团队开会", 0.9, 3);
    MemoryId migration = add("数据库迁移在周二进行", 0.2, 4);
    add("数据分析报告周五提交", 0.9, 5);

    for (SortBy sortBy : List.of(SortBy.RELEVANCE, SortBy.IMPORTANCE)) {
      assertThat(recall("数据库迁移是哪天", sortBy)).as(sortBy.wireName()).first().isEqualTo(migration);
    }
  }

  @Test
  void englishAndChineseInOneQueryFindMemoriesOfEither() {
    addFiller(5);
    MemoryId english = add("postgres upgrade planned", 0.5, 0);
    MemoryId chinese = add("数据库迁移在周二进行", 0.5, 0);
    MemoryId both = add("postgres 数据库迁移 checklist", 0.5, 0);

    List<MemoryId> found = recall("postgres 数据库", SortBy.RELEVANCE);

    assertThat(found).containsExactlyInAnyOrder(english, chinese, both);
    assertThat(found.get(0)).isEqualTo(both);
  }

  @Test
  void aSensitiveMemoryIsNeverFoundByItsContent() {
    store.write(writer -> writer.insert(Memories.sensitive("数据库密码是周二更换的"), T0));
    MemoryId visible = add("数据库在周二迁移", 0.5, 0);

    for (SortBy sortBy : SortBy.values()) {
      assertThat(recall("数据库密码", sortBy)).as(sortBy.wireName()).containsExactly(visible);
      assertThat(recall("密码是周二更换", sortBy)).as(sortBy.wireName()).containsExactly(visible);
    }
  }

  @Test
  void aPythonEraRowWithoutTagsOrKeywordsIsFoundByItsContent() throws SQLException {
    store.close();
    RawDatabase.execute(
        file,
        "INSERT INTO memories (content, category, tags, expanded_keywords, importance, created_at, updated_at)"
            + " VALUES ('数据库迁移在周二进行', NULL, NULL, NULL, NULL,"
            + " '2025-01-01T00:00:00.000000+00:00', '2025-01-01T00:00:00.000000+00:00')");
    store = SqliteMemoryStore.open(file);

    assertThat(recall("数据库", SortBy.RELEVANCE)).hasSize(1);
    assertThat(recall("数据库", SortBy.RECENCY)).hasSize(1);
  }

  @Test
  void recallWithNothingSearchableFindsNothing() {
    add("anything at all", 0.5, 0);

    assertThat(recall("*** ((( --- \"\"", SortBy.RELEVANCE)).isEmpty();
  }
}
