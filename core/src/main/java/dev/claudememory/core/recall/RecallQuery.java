package dev.claudememory.core.recall;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.InvalidInputException;
import dev.claudememory.core.memory.Category;
import java.util.Optional;

/**
 * A recall request: the words to find, an optional category, the order and how many to return.
 *
 * @param limit 1 to {@value #MAX_LIMIT}
 */
public record RecallQuery(
    SearchTerms terms, Optional<Category> category, SortBy sortBy, int limit) {
  public static final int DEFAULT_LIMIT = 10;
  public static final int MAX_LIMIT = 100;

  public RecallQuery {
    requireNonNull(terms, "terms");
    requireNonNull(category, "category");
    requireNonNull(sortBy, "sortBy");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputException(
          "limit", "limit must be between 1 and " + MAX_LIMIT + "; got " + limit);
    }
  }

  public static RecallQuery of(String context, String expandedQuery) {
    return new RecallQuery(
        SearchTerms.of(context, expandedQuery), Optional.empty(), SortBy.RELEVANCE, DEFAULT_LIMIT);
  }
}
