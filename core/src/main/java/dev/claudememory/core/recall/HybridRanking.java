package dev.claudememory.core.recall;

import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Fuses the two legs of a hybrid recall, as the memory API does: weighted reciprocal rank fusion
 * of the full-text ranking and the ranking by meaning, then importance blended in with the weights
 * of {@link SortBy}, damped. A memory found by meaning alone counts only when it lies close enough
 * to the query, so a recall can still find nothing.
 *
 * <p>The constants were chosen on the project's recall evaluation ({@code scripts/recall-eval.sh},
 * all 312 questions, a small grid): the usual k of 60 flattens the ranks so much that a memory
 * both legs place in the middle outranks the one the words find first (MRR on paraphrases 0.89);
 * k from 5 to 10 is best on every stratum. Importance at its full lexical weight then decides more
 * than relevance does (a fused score spans 0 to 1, bm25 some 5 to 20), so it is damped when sorting
 * by relevance.
 */
final class HybridRanking {
  /** Small, so the first ranks of either leg stand out from the rest. */
  static final int FUSION_K = 10;
  static final double LEXICAL_WEIGHT = 1.0;
  static final double DENSE_WEIGHT = 1.0;
  /**
   * The share of {@link SortBy#importanceWeight()} importance keeps against the fused score when
   * sorting by relevance; sorting by importance asks for its full weight.
   */
  static final double IMPORTANCE_DAMPING = 0.3;
  /** How close a memory found by meaning alone must lie to the query (cosine). */
  static final double MIN_SIMILARITY = 0.30;

  private HybridRanking() {}

  /**
   * @param lexical the full-text leg's matches, best first
   * @param dense the dense leg's nearest memories, closest first
   * @param denseMemories the memories of {@code dense} that may be shown (others are left out)
   */
  static List<Memory> rank(
      List<Memory> lexical,
      List<Neighbour> dense,
      Map<MemoryId, Memory> denseMemories,
      SortBy sortBy,
      int limit) {
    Map<MemoryId, Double> fused = new LinkedHashMap<>();
    Map<MemoryId, Memory> found = new LinkedHashMap<>();
    for (int rank = 0; rank < lexical.size(); rank++) {
      Memory memory = lexical.get(rank);
      found.put(memory.id(), memory);
      fused.merge(memory.id(), LEXICAL_WEIGHT / (FUSION_K + rank + 1), Double::sum);
    }
    for (int rank = 0; rank < dense.size(); rank++) {
      Neighbour neighbour = dense.get(rank);
      Memory memory = denseMemories.get(neighbour.id());
      if (memory == null || (!found.containsKey(neighbour.id()) && !countsAlone(neighbour))) {
        continue;
      }
      found.put(memory.id(), memory);
      fused.merge(memory.id(), DENSE_WEIGHT / (FUSION_K + rank + 1), Double::sum);
    }
    double best = (LEXICAL_WEIGHT + DENSE_WEIGHT) / (FUSION_K + 1);
    Comparator<Memory> order =
        sortBy.ranksByScore()
            ? Comparator.comparingDouble(
                    (Memory memory) ->
                        sortBy.relevanceWeight() * fused.get(memory.id()) / best
                            + importanceShare(sortBy) * sortBy.importanceWeight() * memory.importance())
                .reversed()
                .thenComparing(memory -> memory.id().value())
            : Comparator.comparing(Memory::createdAt)
                .thenComparing(memory -> memory.id().value())
                .reversed();
    return new ArrayList<>(found.values()).stream().sorted(order).limit(limit).collect(Collectors.toList());
  }

  /** Whether a memory found by meaning alone lies close enough to the query to be shown. */
  static boolean countsAlone(Neighbour neighbour) {
    return neighbour.similarity() >= MIN_SIMILARITY;
  }

  private static double importanceShare(SortBy sortBy) {
    return sortBy == SortBy.RELEVANCE ? IMPORTANCE_DAMPING : 1.0;
  }
}
