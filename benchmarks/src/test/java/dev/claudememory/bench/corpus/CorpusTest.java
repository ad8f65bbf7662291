package dev.claudememory.bench.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.memory.SensitiveContent;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CorpusTest {
  private static final int COUNT = 3_000;
  private static final List<NewMemory> MEMORIES = Corpus.first(COUNT, Corpus.DEFAULT_SEED);

  @Test
  void sameSeedGivesSameMemoriesInSameOrder() {
    assertThat(Corpus.first(200, Corpus.DEFAULT_SEED)).isEqualTo(MEMORIES.subList(0, 200));
    assertThat(Corpus.first(200, Corpus.DEFAULT_SEED + 1)).isNotEqualTo(MEMORIES.subList(0, 200));
  }

  @Test
  void contentsAreDistinct() {
    Set<String> contents = MEMORIES.stream().map(memory -> memory.content().text()).collect(Collectors.toSet());
    assertThat(contents).hasSize(COUNT);
  }

  @Test
  void onlyForcedMemoriesAreSensitive() {
    assertThat(MEMORIES).noneMatch(memory -> SensitiveContent.looksLikeCredential(memory.content().text()));
    assertThat(MEMORIES.stream().filter(NewMemory::forceSensitive).count()).isBetween(3L, 40L);
  }

  @Test
  void lengthsVaryFromOneSentenceToLongNotes() {
    List<Integer> lengths = MEMORIES.stream().map(memory -> memory.content().text().length()).collect(Collectors.toList());
    assertThat(lengths.stream().filter(length -> length < 100).count()).isGreaterThan(COUNT / 10);
    assertThat(lengths.stream().filter(length -> length > 400).count()).isGreaterThan(COUNT / 100);
    assertThat(lengths).allMatch(length -> length <= 1_400);
  }

  @Test
  void everyMemoryHasFiveToTwelveExpandedKeywordsAndSpreadsOverCategories() {
    assertThat(MEMORIES).allSatisfy(memory ->
        assertThat(memory.expandedKeywords().split(" ").length).isBetween(5, 12));
    Set<String> categories = new HashSet<>();
    MEMORIES.forEach(memory -> categories.add(memory.category().name()));
    assertThat(categories).hasSize(17);
  }

  @Test
  void queriesAreDeterministicAndNeverBlank() {
    List<RecallWords> queries = Queries.first(500, Corpus.DEFAULT_SEED);
    assertThat(Queries.first(500, Corpus.DEFAULT_SEED)).isEqualTo(queries);
    assertThat(queries).allMatch(words -> !words.context().isBlank() && !words.expandedQuery().isBlank());
  }
}
