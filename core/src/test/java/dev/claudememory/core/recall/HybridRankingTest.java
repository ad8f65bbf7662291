package dev.claudememory.core.recall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class HybridRankingTest {
  private final Map<MemoryId, Memory> memories = new LinkedHashMap<>();

  @Test
  void theMemoryBothLegsRankFirstStaysFirstAboveAMoreImportantOneTheyRankFifth() {
    Memory answer = memory(1, 0.5);
    Memory important = memory(2, 1.0);
    List<Memory> lexical = withFillers(answer, important, 10);
    List<Neighbour> dense = neighbours(lexical);

    List<Memory> ranked = HybridRanking.rank(lexical, dense, memories, SortBy.RELEVANCE, 10);

    assertThat(ranked.get(0)).isEqualTo(answer);
  }

  @Test
  void sortingByImportanceStillLetsTheMoreImportantOfTwoCloseMatchesLead() {
    Memory first = memory(1, 0.1);
    Memory second = memory(2, 1.0);
    List<Memory> lexical = List.of(first, second);
    List<Neighbour> dense = neighbours(lexical);

    assertThat(HybridRanking.rank(lexical, dense, memories, SortBy.IMPORTANCE, 10)).startsWith(second);
  }

  /** {@code top} first, then fillers, with {@code fifth} fifth. */
  private List<Memory> withFillers(Memory top, Memory fifth, int size) {
    List<Memory> ranked = new ArrayList<>(List.of(top));
    for (int id = 100; ranked.size() < size; id++) {
      ranked.add(ranked.size() == 4 ? fifth : memory(id, 0.5));
    }
    return ranked;
  }

  /** The same order by meaning, each close to the query. */
  private static List<Neighbour> neighbours(List<Memory> ranked) {
    return ranked.stream().map(memory -> new Neighbour(memory.id(), 0.8)).toList();
  }

  private Memory memory(long id, double importance) {
    Memory memory =
        new Memory(new MemoryId(id), Optional.empty(), "memory " + id, Category.DEFAULT, "", "",
            importance, false, "2026-01-01T00:00:00", "2026-01-01T00:00:00");
    memories.put(memory.id(), memory);
    return memory;
  }
}
