package dev.claudememory.core.recall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class HybridRankingTest {
  private static final double CLOSE = 0.8;

  @Test
  void aMemoryBothLegsFoundOutranksThoseEachLegFoundFirstAlone() {
    Memory wordsOnly = memory(1, 0.5);
    Memory both = memory(2, 0.5);
    Memory meaningOnly = memory(3, 0.5);

    List<Memory> ranked =
        HybridRanking.rank(
            List.of(wordsOnly, both),
            List.of(near(meaningOnly, CLOSE), near(both, CLOSE)),
            shown(meaningOnly, both),
            SortBy.RELEVANCE,
            10);

    assertThat(ranked.get(0)).isEqualTo(both);
    assertThat(ranked).containsExactlyInAnyOrder(both, wordsOnly, meaningOnly);
  }

  @Test
  void aMemoryFoundByMeaningAloneBelowTheMinimumSimilarityIsLeftOut() {
    Memory tooFar = memory(1, 1.0);
    Memory justClose = memory(2, 0.5);

    List<Memory> ranked =
        HybridRanking.rank(
            List.of(),
            List.of(
                near(justClose, HybridRanking.MIN_SIMILARITY),
                near(tooFar, HybridRanking.MIN_SIMILARITY - 0.01)),
            shown(tooFar, justClose),
            SortBy.RELEVANCE,
            10);

    assertThat(ranked).containsExactly(justClose);
  }

  @Test
  void aMemoryTheWordsFoundKeepsItsBoostFromMeaningEvenWhenFar() {
    Memory far = memory(1, 0.5);
    Memory wordsOnly = memory(2, 0.5);

    List<Memory> ranked =
        HybridRanking.rank(
            List.of(wordsOnly, far), List.of(near(far, 0.05)), shown(far), SortBy.RELEVANCE, 10);

    assertThat(ranked).containsExactly(far, wordsOnly);
  }

  @Test
  void aNeighbourThatMayNotBeShownIsLeftOut() {
    Memory hidden = memory(1, 0.5);
    Memory shownOne = memory(2, 0.5);

    List<Memory> ranked =
        HybridRanking.rank(
            List.of(), List.of(near(hidden, 0.99), near(shownOne, CLOSE)), shown(shownOne), SortBy.RELEVANCE, 10);

    assertThat(ranked).containsExactly(shownOne);
  }

  @Test
  void nothingFoundByEitherLegRanksNothing() {
    assertThat(HybridRanking.rank(List.of(), List.of(), Map.of(), SortBy.RELEVANCE, 10)).isEmpty();
  }

  @Test
  void sortByImportanceLetsAnImportantMemoryPassAMoreRelevantOne() {
    Memory relevant = memory(1, 0.2);
    Memory important = memory(2, 1.0);
    List<Memory> lexical = List.of(relevant, important);
    List<Neighbour> dense = List.of(near(relevant, CLOSE));

    assertThat(HybridRanking.rank(lexical, dense, shown(relevant), SortBy.RELEVANCE, 10))
        .containsExactly(relevant, important);
    assertThat(HybridRanking.rank(lexical, dense, shown(relevant), SortBy.IMPORTANCE, 10))
        .containsExactly(important, relevant);
  }

  /** Fused scores lie close together: at its full weight importance would decide more than rank. */
  @Test
  void byRelevanceTheMemoryBothLegsRankFirstStaysAboveAMoreImportantOneTheyRankFifth() {
    Memory answer = memory(1, 0.5);
    Memory important = memory(2, 1.0);
    List<Memory> lexical = new ArrayList<>(List.of(answer));
    for (long id = 100; lexical.size() < 10; id++) {
      lexical.add(lexical.size() == 4 ? important : memory(id, 0.5));
    }
    List<Neighbour> dense = lexical.stream().map(memory -> near(memory, CLOSE)).toList();

    List<Memory> ranked =
        HybridRanking.rank(lexical, dense, shown(lexical.toArray(Memory[]::new)), SortBy.RELEVANCE, 10);

    assertThat(ranked.get(0)).isEqualTo(answer);
  }

  @Test
  void sortByRecencyPutsTheNewestFirstWhateverEitherLegThought() {
    Memory oldBest = memory(1, 1.0, "2026-01-01T00:00:00+00:00");
    Memory newest = memory(2, 0.0, "2026-03-01T00:00:00+00:00");
    Memory middle = memory(3, 0.5, "2026-02-01T00:00:00+00:00");

    List<Memory> ranked =
        HybridRanking.rank(
            List.of(oldBest, middle),
            List.of(near(oldBest, 0.9), near(newest, CLOSE)),
            shown(oldBest, newest),
            SortBy.RECENCY,
            10);

    assertThat(ranked).containsExactly(newest, middle, oldBest);
  }

  @Test
  void theLimitKeepsTheBest() {
    Memory first = memory(1, 0.5);
    Memory second = memory(2, 0.5);
    Memory third = memory(3, 0.5);

    List<Memory> ranked =
        HybridRanking.rank(
            List.of(first, second, third), List.of(near(first, CLOSE), near(second, CLOSE)),
            shown(first, second), SortBy.RELEVANCE, 2);

    assertThat(ranked).containsExactly(first, second);
  }

  private static Neighbour near(Memory memory, double similarity) {
    return new Neighbour(memory.id(), similarity);
  }

  private static Map<MemoryId, Memory> shown(Memory... memories) {
    Map<MemoryId, Memory> shown = new HashMap<>();
    for (Memory memory : memories) {
      shown.put(memory.id(), memory);
    }
    return shown;
  }

  private static Memory memory(long id, double importance) {
    return memory(id, importance, "2026-01-0" + (1 + id % 9) + "T00:00:00+00:00");
  }

  private static Memory memory(long id, double importance, String createdAt) {
    return new Memory(
        new MemoryId(id), Optional.empty(), "memory " + id, Category.DEFAULT, "", "", importance, false,
        createdAt, createdAt);
  }
}
