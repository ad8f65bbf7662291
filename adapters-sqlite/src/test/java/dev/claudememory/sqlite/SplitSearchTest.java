package dev.claudememory.sqlite;

import static dev.claudememory.sqlite.Memories.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.memory.Category;
import dev.claudememory.core.recall.SortBy;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * A ranked search over more ids than {@link SqliteMemoryStore#SPLIT_FROM_IDS} runs as two halves
 * at once; it must find exactly what one query over the whole index finds, in the same order.
 */
class SplitSearchTest {
  private static final long SEED = 20261207L;
  private static final List<String> WORDS =
      List.of("heron", "otter", "badger", "marten", "stoat", "vole", "shrew", "lynx", "ibex", "wren");
  private static final List<String> CATEGORIES = List.of("facts", "decisions", "gotchas");

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
            // few importance values and short texts: many equal scores, so ties are ordered by id
            double importance = random.nextInt(3) / 2.0;
            writer.insert(
                Memories.memory(content.toString(), CATEGORIES.get(random.nextInt(3)), importance),
                T0.plusSeconds(i));
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
