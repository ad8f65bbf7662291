package dev.claudememory.sqlite;

import dev.claudememory.core.memory.Memory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A memory a search found, with the score it was ranked by. */
record Scored(Memory memory, double score) {
  /** Best first, as the search queries order: higher score, then higher id. */
  private static final Comparator<Scored> BEST_FIRST =
      Comparator.comparingDouble(Scored::score)
          .thenComparingLong(scored -> scored.memory().id().value())
          .reversed();

  /** Higher score, then newer (creation time), then higher id. */
  private static final Comparator<Scored> BEST_THEN_NEWEST_FIRST =
      Comparator.comparingDouble(Scored::score)
          .thenComparing(scored -> scored.memory().createdAt())
          .thenComparingLong(scored -> scored.memory().id().value())
          .reversed();

  /** The {@code limit} best of the parts of one search, each part already best first. */
  static List<Memory> best(List<List<Scored>> parts, int limit) {
    return best(parts, limit, BEST_FIRST);
  }

  /**
   * The {@code limit} best of the parts of one search that ranks equal scores newest first, each
   * part already in that order.
   */
  static List<Memory> bestNewestFirst(List<List<Scored>> parts, int limit) {
    return best(parts, limit, BEST_THEN_NEWEST_FIRST);
  }

  private static List<Memory> best(List<List<Scored>> parts, int limit, Comparator<Scored> order) {
    List<Scored> all = new ArrayList<>();
    parts.forEach(all::addAll);
    all.sort(order);
    List<Memory> best = new ArrayList<>(Math.min(limit, all.size()));
    for (int i = 0; i < all.size() && i < limit; i++) {
      best.add(all.get(i).memory());
    }
    return best;
  }
}
