package dev.claudememory.core.recall;

import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.port.MemoryStore;
import java.util.List;

/**
 * The recall rule: first every word must match; when that finds nothing, any word may. A recall
 * with nothing searchable left finds nothing.
 */
public final class Recall {
  private Recall() {}

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
