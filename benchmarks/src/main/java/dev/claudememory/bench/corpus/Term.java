package dev.claudememory.bench.corpus;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A word or phrase a memory may mention, with the related search terms an assistant would add to
 * the memory's expanded keywords (and to a recall's expanded query) when it does.
 */
record Term(String text, List<String> related) {
  Term {
    requireNonNull(text, "text");
    related = List.copyOf(related);
  }

  /** A term and its related words, space-separated. */
  static Term of(String text, String related) {
    return new Term(text, related.isBlank() ? List.of() : List.of(related.split(" ")));
  }
}
