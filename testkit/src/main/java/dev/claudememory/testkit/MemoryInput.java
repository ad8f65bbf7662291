package dev.claudememory.testkit;

import static java.util.Objects.requireNonNull;

/** A validated store body: category canonical, lengths and importance within the API's bounds. */
record MemoryInput(
    String content,
    String category,
    String tags,
    String expandedKeywords,
    double importance,
    boolean forceSensitive) {

  MemoryInput {
    requireNonNull(content, "content");
    requireNonNull(category, "category");
    requireNonNull(tags, "tags");
    requireNonNull(expandedKeywords, "expandedKeywords");
  }
}
