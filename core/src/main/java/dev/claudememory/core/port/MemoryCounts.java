package dev.claudememory.core.port;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many memories the local database holds, sensitive ones included.
 *
 * @param total every memory
 * @param byCategory per category name as stored (any name), most populous first, ties by name;
 *     the constructor puts them in that order whatever order it is given
 */
public record MemoryCounts(long total, Map<String, Long> byCategory) {
  public MemoryCounts {
    requireNonNull(byCategory, "byCategory");
    if (total < 0) {
      throw new IllegalArgumentException("total must not be negative: " + total);
    }
    Map<String, Long> ordered = new LinkedHashMap<>();
    byCategory.entrySet().stream()
        .peek(entry -> requireNonNull(entry.getKey(), "category name"))
        .peek(entry -> requireNonNull(entry.getValue(), "count"))
        .sorted(
            Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
        .forEachOrdered(entry -> ordered.put(entry.getKey(), entry.getValue()));
    byCategory = Collections.unmodifiableMap(ordered);
  }
}
