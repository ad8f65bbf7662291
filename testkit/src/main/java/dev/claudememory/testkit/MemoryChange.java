package dev.claudememory.testkit;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalDouble;

/** A validated update body: the fields given (a JSON {@code null} counts as not given). */
record MemoryChange(
    Optional<String> content,
    Optional<String> category,
    Optional<String> tags,
    Optional<String> expandedKeywords,
    OptionalDouble importance) {

  MemoryChange {
    requireNonNull(content, "content");
    requireNonNull(category, "category");
    requireNonNull(tags, "tags");
    requireNonNull(expandedKeywords, "expandedKeywords");
    requireNonNull(importance, "importance");
  }

  static MemoryChange ofContent(String content) {
    return new MemoryChange(
        Optional.of(content), Optional.empty(), Optional.empty(), Optional.empty(),
        OptionalDouble.empty());
  }

  boolean isEmpty() {
    return content.isEmpty()
        && category.isEmpty()
        && tags.isEmpty()
        && expandedKeywords.isEmpty()
        && importance.isEmpty();
  }
}
