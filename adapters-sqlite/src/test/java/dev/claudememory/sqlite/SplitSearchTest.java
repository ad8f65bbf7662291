package dev.claudememory.sqlite;

import static dev.claudememory.sqlite.Memories.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.memory.Category;
import dev.claudememory.core.recall.SortBy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A ranked search over more ids than {@link SqliteMemoryStore#SPLIT_FROM_IDS}, and any search for
 * fragments over as many, runs as two halves at once; it must find exactly what one query over
 * the whole index or table finds, in the same order.
 */
class SplitSearchTest {
  private static final long SEED = 20261207L;
  private static final List<String> WORDS =
      List.of("heron", "otter", "badger", "marten", "stoat", "vole", "shrew", "lynx", "ibex", "wren");
  private static final List<String> CATEGORIES = List.of("facts", "decisions", "gotchas");
  private static final List<String> CHINESE_WORDS =
      List.of("数据库", "迁移", "周二", "服务器", "部署", "缓存", "日志", "回滚");

  @TempDir static Path dir;
  private static Path file;
  private static SqliteMemoryStore store;

  @BeforeAll
  static void fillWithMoreMemoriesThanOneHalf() {
    file = dir.resolve("memory.db");
    store = SqliteMemoryStore.open(file);
    Random random = new Random(SEED);
    int count = (int) SqliteMemoryStore.SPLIT_FROM_IDS + 1_000;
    store.write(
        writer -> {
          for (int i = 0; i < count; i++) {
            StringBuilder content = new StringBuilder("note " + i);
            for (int w = 0; w < 1 + random.nextInt(6); w++) {
              content.append(' ').append(WORDS.get(random.nextInt(WORDS.size())));
            }
            // a run of Chinese words without spaces, found only by its fragments
            content.append(' ');
            for (int w = 0; w < random.nextInt(4); w++) {
              content.append(CHINESE_WORDS.get(random.nextInt(CHINESE_WORDS.size())));
            }
            // few importance values and short texts: many equal scores, so ties are ordered by id
            // (or, for fragments, by creation time, drawn so that it often disagrees with the id)
            double importance = random.nextInt(3) / 2.0;
            writer.insert(
                Memories.memory(content.toString(), CATEGORIES.get(random.nextInt(3)), importance),
                T0.plusSeconds(random.nextInt(count / 4)));
          }
          return null;
        });
  }

  @AfterAll
  static void close() {
    store.close();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 10, 100, 1_000})
  void twoHalvesFindWhatTheWholeIndexFindsInTheSameOrder(int limit) throws Exception {
    Random random = new Random(SEED + limit);
    for (int query = 0; query < 20; query++) {
      List<String> words = new ArrayList<>();
      for (int w = 0; w < 1 + random.nextInt(4); w++) {
        words.add(WORDS.get(random.nextInt(WORDS.size())));
      }
      String fts = words.stream().map(word -> '"' + word + '"').collect(Collectors.joining(" OR "));
      SortBy sortBy = random.nextBoolean() ? SortBy.RELEVANCE : SortBy.IMPORTANCE;
      Optional<Category> category =
          random.nextInt(3) == 0 ? Optional.of(Category.canonical(CATEGORIES.get(random.nextInt(3)))) : Optional.empty();

      List<Long> found =
          store.search(fts, category, sortBy, limit).stream().map(memory -> memory.id().value()).collect(Collectors.toList());

      assertThat(found)
          .as("seed %d, query %d: %s by %s in %s", SEED, query, fts, sortBy, category)
          .isNotEmpty()
          .isEqualTo(wholeIndex(fts, category, sortBy, limit));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 10, 100, 1_000})
  void twoHalvesFindTheFragmentsWholeTableMatchesInTheSameOrder(int limit) throws Exception {
    Random random = new Random(SEED - limit);
    List<List<String>> rows =
        RawDatabase.rows(
            file, "SELECT id, content, importance, created_at, category FROM memories ORDER BY id");
    for (int query = 0; query < 20; query++) {
      List<String> fragments = new ArrayList<>();
      for (int f = 0; f < 1 + random.nextInt(4); f++) {
        String word = CHINESE_WORDS.get(random.nextInt(CHINESE_WORDS.size()));
        fragments.add(word.substring(0, 2));
      }
      SortBy sortBy = SortBy.values()[random.nextInt(SortBy.values().length)];
      Optional<Category> category =
          random.nextInt(3) == 0 ? Optional.of(Category.canonical(CATEGORIES.get(random.nextInt(3)))) : Optional.empty();

      List<Long> found =
          store.searchFragments(fragments, category, sortBy, limit).stream()
              .map(memory -> memory.id().value())
              .collect(Collectors.toList());

      assertThat(found)
          .as("seed %d, query %d: %s by %s in %s", SEED, query, fragments, sortBy, category)
          .isNotEmpty()
          .isEqualTo(wholeTable(rows, fragments, category, sortBy, limit));
    }
  }

  /** The oracle: every row's hits counted in Java, scored and ordered as the port says. */
  private static List<Long> wholeTable(
      List<List<String>> rows, List<String> fragments, Optional<Category> category, SortBy sortBy, int limit) {
    List<String> distinct = fragments.stream().distinct().collect(Collectors.toList());
    Comparator<List<String>> order =
        Comparator.comparingDouble(
                (List<String> row) ->
                    hits(row.get(1), distinct) * sortBy.relevanceWeight()
                        + Double.parseDouble(row.get(2)) * sortBy.importanceWeight())
            .thenComparing(row -> row.get(3))
            .thenComparingLong(row -> Long.parseLong(row.get(0)))
            .reversed();
    return rows.stream()
        .filter(row -> category.map(c -> c.name().equals(row.get(4))).orElse(true))
        .filter(row -> hits(row.get(1), distinct) > 0)
        .sorted(order)
        .limit(limit)
        .map(row -> Long.parseLong(row.get(0)))
        .collect(Collectors.toList());
  }

  private static long hits(String content, List<String> fragments) {
    return fragments.stream().filter(content::contains).count();
  }

  private List<Long> wholeIndex(String fts, Optional<Category> category, SortBy sortBy, int limit) throws Exception {
    String sql =
        "SELECT memories.id FROM memories_fts JOIN memories ON memories.id = memories_fts.rowid"
            + " WHERE memories_fts MATCH '" + fts + "'"
            + category.map(c -> " AND memories.category = '" + c.name() + "'").orElse("")
            + " ORDER BY -bm25(memories_fts) * " + sortBy.relevanceWeight()
            + " + memories.importance * " + sortBy.importanceWeight() + " DESC, memories.id DESC"
            + " LIMIT " + limit;
    return RawDatabase.rows(file, sql).stream().map(row -> Long.parseLong(row.get(0))).collect(Collectors.toList());
  }
}
