package dev.claudememory.core.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Delta debugging (Zeller's ddmin, complements only): removes ever smaller chunks of a failing
 * sequence, keeping each removal after which it still fails, down to single items. The result
 * still fails, and removing any one of its items makes it pass (or it hit the budget).
 */
final class Shrinker {
  /** Bounds the time a shrink takes: each test reruns a whole sequence. */
  static final int MAX_TESTS = 5_000;

  private Shrinker() {}

  /**
   * @param failing a sequence for which {@code stillFails} holds
   * @param stillFails reruns a candidate from scratch; true when it fails the same way
   */
  static <T> List<T> shrink(List<T> failing, Predicate<List<T>> stillFails) {
    List<T> current = List.copyOf(failing);
    int parts = 2;
    int tests = 0;
    while (current.size() >= 2 && tests < MAX_TESTS) {
      int chunk = (current.size() + parts - 1) / parts;
      boolean removed = false;
      for (int start = 0; start < current.size() && tests < MAX_TESTS; start += chunk) {
        List<T> candidate = without(current, start, Math.min(start + chunk, current.size()));
        tests++;
        if (stillFails.test(candidate)) {
          current = candidate;
          parts = Math.max(parts - 1, 2);
          removed = true;
          break;
        }
      }
      if (!removed) {
        if (chunk == 1) {
          break; // no single item can go: as small as it gets
        }
        parts = Math.min(parts * 2, current.size());
      }
    }
    return current;
  }

  private static <T> List<T> without(List<T> items, int from, int to) {
    List<T> rest = new ArrayList<>(items.subList(0, from));
    rest.addAll(items.subList(to, items.size()));
    return List.copyOf(rest);
  }
}
