package dev.claudememory.core.recall;

import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.port.MemoryStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The recall rule: first every word must match; when that finds nothing, any word may. A recall
 * with nothing searchable left finds nothing.
 */
public final class Recall {
  /** How many memories each leg of a hybrid recall brings to the fusion. */
  public static final int CANDIDATES = 50;

  private Recall() {}

  /**
   * A hybrid recall: the full-text leg's best matches and the memories nearest in meaning, fused
   * ({@link HybridRanking}). Memories the query's category excludes are left out of both legs. A
   * sensitive memory's vector is made of its category, tags and keywords, never its content, so
   * meaning finds it by what words find it by.
   */
  public static Recalled hybrid(MemoryStore store, RecallQuery query, List<Neighbour> nearest) {
    List<Memory> lexical =
        run(store, new RecallQuery(query.terms(), query.category(), SortBy.RELEVANCE,
            Math.max(CANDIDATES, query.limit())));
    Map<MemoryId, Memory> denseMemories = new HashMap<>();
    for (Neighbour neighbour : nearest) {
      store.find(neighbour.id())
          .filter(memory -> query.category().map(memory.category()::equals).orElse(true))
          .ifPresent(memory -> denseMemories.put(memory.id(), memory));
    }
    return new Recalled(
        HybridRanking.rank(lexical, nearest, denseMemories, query.sortBy(), query.limit()), Search.HYBRID);
  }

  public static List<Memory> run(MemoryStore store, RecallQuery query) {
    SearchTerms terms = query.terms();
    if (terms.isEmpty()) {
      return List.of();
    }
    List<Memory> allWords =
        store.search(terms.allWordsQuery(), query.category(), query.sortBy(), query.limit());
    if (!allWords.isEmpty() || terms.words().size() == 1) {
      return allWords;
    }
    return store.search(terms.anyWordQuery(), query.category(), query.sortBy(), query.limit());
  }
}
