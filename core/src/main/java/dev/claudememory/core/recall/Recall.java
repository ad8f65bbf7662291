package dev.claudememory.core.recall;

import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.port.MemoryStore;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The recall rule: first every word must match; when that finds nothing, any word may. Text in
 * scripts written without spaces is also looked for inside the text of memories. A recall with
 * nothing searchable left finds nothing.
 */
public final class Recall {
  /** How many memories each leg of a hybrid recall brings to the fusion. */
  public static final int CANDIDATES = 50;

  private Recall() {}

  /**
   * A hybrid recall: the lexical leg's best matches (those of {@link #run}: full-text, with
   * fragments when there are some) and the memories nearest in meaning, fused ({@link
   * HybridRanking}). Memories the query's category excludes are left out of both legs. A sensitive
   * memory's vector is made of its category, tags and keywords, never its content, so meaning
   * finds it by what words find it by.
   */
  public static Recalled hybrid(MemoryStore store, RecallQuery query, List<Neighbour> nearest) {
    List<Memory> lexical =
        run(store, new RecallQuery(query.terms(), query.category(), SortBy.RELEVANCE,
            Math.max(CANDIDATES, query.limit())));
    Map<MemoryId, Memory> denseMemories = new HashMap<>();
    for (Memory memory : lexical) {
      denseMemories.put(memory.id(), memory);
    }
    for (Neighbour neighbour : nearest) {
      // a memory the words found is not read again, and one found by meaning alone is read only
      // when it lies close enough to count
      if (!denseMemories.containsKey(neighbour.id()) && HybridRanking.countsAlone(neighbour)) {
        store.find(neighbour.id())
            .filter(memory -> query.category().map(memory.category()::equals).orElse(true))
            .ifPresent(memory -> denseMemories.put(memory.id(), memory));
      }
    }
    return new Recalled(
        HybridRanking.rank(lexical, nearest, denseMemories, query.sortBy(), query.limit()), Search.HYBRID);
  }

  /**
   * A recall by text alone. When the query holds text in a script written without spaces, the
   * memories containing its {@linkplain SearchTerms#fragments() fragments} join the full-text
   * matches ({@link #merge}).
   */
  public static List<Memory> run(MemoryStore store, RecallQuery query) {
    SearchTerms terms = query.terms();
    if (terms.isEmpty()) {
      return List.of();
    }
    List<Memory> byWords = byWords(store, query);
    if (terms.fragments().isEmpty()) {
      return byWords;
    }
    List<Memory> byFragments =
        store.searchFragments(terms.fragments(), query.category(), query.sortBy(), query.limit());
    return merge(byWords, byFragments, query.sortBy(), query.limit());
  }

  private static List<Memory> byWords(MemoryStore store, RecallQuery query) {
    SearchTerms terms = query.terms();
    List<Memory> allWords =
        store.search(terms.allWordsQuery(), query.category(), query.sortBy(), query.limit());
    if (!allWords.isEmpty() || terms.words().size() == 1) {
      return allWords;
    }
    return store.search(terms.anyWordQuery(), query.category(), query.sortBy(), query.limit());
  }

  /**
   * The matches of both searches, each memory once. By recency, newest first. By score, the two
   * rankings are fused by reciprocal rank, as the hybrid recall fuses its legs: the two lists
   * alternate, the full-text match first at each rank, and a memory both searches found moves up
   * (bm25 and a count of fragments are not on one scale, so their scores are not compared).
   */
  static List<Memory> merge(List<Memory> byWords, List<Memory> byFragments, SortBy sortBy, int limit) {
    Map<MemoryId, Memory> found = new LinkedHashMap<>();
    Map<MemoryId, Double> fused = new HashMap<>();
    for (List<Memory> ranking : List.of(byWords, byFragments)) {
      for (int rank = 0; rank < ranking.size(); rank++) {
        Memory memory = ranking.get(rank);
        found.putIfAbsent(memory.id(), memory);
        fused.merge(memory.id(), 1.0 / (HybridRanking.FUSION_K + rank + 1), Double::sum);
      }
    }
    Comparator<Memory> order =
        sortBy.ranksByScore()
            ? Comparator.comparingDouble((Memory memory) -> fused.get(memory.id())).reversed()
            : Comparator.comparing(Memory::createdAt)
                .thenComparing(memory -> memory.id().value())
                .reversed();
    // a stable sort: of equal fused scores, the full-text match stays first
    return found.values().stream().sorted(order).limit(limit).collect(Collectors.toList());
  }
}
