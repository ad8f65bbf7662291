package dev.claudememory.core.port;

import java.util.Map;

/**
 * How many memories the local database holds.
 *
 * @param byCategory per category name, most populous first
 */
public record MemoryCounts(long total, Map<String, Long> byCategory) {
  public MemoryCounts {
    byCategory = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byCategory));
  }
}
