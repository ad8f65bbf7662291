package dev.claudememory.sqlite;

import static dev.claudememory.sqlite.Memories.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.recall.Recall;
import dev.claudememory.core.recall.RecallQuery;
import dev.claudememory.core.recall.SearchTerms;
import dev.claudememory.core.recall.SortBy;
import dev.claudememory.testkit.NamedInput;
import dev.claudememory.testkit.SeededStrings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * User text reaches FTS5 only through {@link SearchTerms}' quoting: on a real file no input may
 * raise an SQLite error, and a memory holding hostile text is found by its own words.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileRecallTest {
  /** Reproduce a failure with {@code -Dhostile.seed=<the seed it printed>}. */
  private static final long SEED = Long.getLong("hostile.seed", 20_261_124L);

  private static final int GENERATED_QUERIES = 2_000;
  private static final int GENERATED_MEMORIES = 300;

  private SqliteMemoryStore store;

  @BeforeAll
  void open(@TempDir Path dir) {
    store = SqliteMemoryStore.open(dir.resolve("memory.db"));
    store.write(writer -> writer.insert(NewMemory.of("kestrel marmalade quasar", "deploy"), T0));
    store.write(
        writer -> writer.insert(NewMemory.of("kestrel password=hunter2 in the vault", ""), T0));
  }

  @AfterAll
  void close() {
    store.close();
  }

  private List<Memory> recall(String context, Optional<Category> category, SortBy sortBy) {
    return Recall.run(
        store,
        new RecallQuery(SearchTerms.of(context, context), category, sortBy, RecallQuery.MAX_LIMIT));
  }

  /** Every order, with and without a category, and both raw queries, must run cleanly. */
  private void recallEveryWay(String text) {
    for (SortBy sortBy : SortBy.values()) {
      for (Optional<Category> category : List.of(Optional.<Category>empty(), Optional.of(Category.DEFAULT))) {
        assertThat(recall(text, category, sortBy)).noneMatch(Memory::sensitive);
      }
    }
    SearchTerms terms = SearchTerms.of(text, "");
    for (String query : List.of(terms.allWordsQuery(), terms.anyWordQuery())) {
      assertThat(store.search(query, Optional.empty(), SortBy.RELEVANCE, 10))
          .noneMatch(Memory::sensitive);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.claudememory.testkit.HostileInputs#all")
  void hostileRecallInputRunsWithoutError(NamedInput input) {
    recallEveryWay(input.text());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.claudememory.testkit.HostileInputs#storable")
  void aMemoryHoldingHostileTextIsReadBackAndFoundByItsWords(NamedInput input) {
    Memory stored = store.write(writer -> writer.insert(NewMemory.of(input.text(), ""), T0));

    assertThat(store.find(stored.id()).orElseThrow().content()).isEqualTo(input.text());
    assertFoundByItsOwnWords(stored, input.escaped());
  }

  @Test
  void generatedRecallInputsNeverRaise() {
    SeededStrings strings = new SeededStrings(SEED);
    for (int i = 0; i < GENERATED_QUERIES; i++) {
      String text = strings.next();
      // one order and category per input keeps thousands of inputs quick; all of them get used
      SortBy sortBy = SortBy.values()[i % SortBy.values().length];
      Optional<Category> category = i % 2 == 0 ? Optional.empty() : Optional.of(Category.DEFAULT);
      try {
        assertThat(recall(text, category, sortBy)).noneMatch(Memory::sensitive);
      } catch (RuntimeException | AssertionError e) {
        throw new AssertionError(
            "recall failed for generated input #" + i + " of seed " + strings.seed()
                + " (rerun with -Dhostile.seed=" + strings.seed() + "): \""
                + SeededStrings.escape(text) + "\"",
            e);
      }
    }
  }

  @Test
  void generatedMemoriesAreFoundByTheirOwnWords() {
    SeededStrings strings = new SeededStrings(SEED);
    for (int i = 0; i < GENERATED_MEMORIES; i++) {
      String text = strings.content();
      try {
        Memory stored = store.write(writer -> writer.insert(NewMemory.of(text, ""), T0));
        assertThat(store.find(stored.id()).orElseThrow().content()).isEqualTo(text);
        assertFoundByItsOwnWords(stored, SeededStrings.escape(text));
      } catch (RuntimeException | AssertionError e) {
        throw new AssertionError(
            "generated memory #" + i + " of seed " + strings.seed() + " (rerun with"
                + " -Dhostile.seed=" + strings.seed() + "): \"" + SeededStrings.escape(text) + "\"",
            e);
      }
    }
  }

  /** Recall by the memory's own text finds it, unless it is sensitive or has nothing to search. */
  private void assertFoundByItsOwnWords(Memory stored, String described) {
    SearchTerms terms = SearchTerms.of(stored.content(), "");
    List<MemoryId> found = new ArrayList<>();
    for (Memory memory :
        Recall.run(
            store, new RecallQuery(terms, Optional.empty(), SortBy.RECENCY, RecallQuery.MAX_LIMIT))) {
      found.add(memory.id());
    }
    if (stored.sensitive() || terms.isEmpty()) {
      assertThat(found).as(described).doesNotContain(stored.id());
    } else {
      assertThat(found).as(described).contains(stored.id());
    }
  }
}
