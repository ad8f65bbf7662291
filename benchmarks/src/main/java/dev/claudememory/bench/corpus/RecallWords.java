package dev.claudememory.bench.corpus;

import static java.util.Objects.requireNonNull;

/** The two texts of a recall: what the assistant is looking for, and the terms it expands it to. */
public record RecallWords(String context, String expandedQuery) {
  public RecallWords {
    requireNonNull(context, "context");
    requireNonNull(expandedQuery, "expandedQuery");
  }
}
