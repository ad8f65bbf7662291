package dev.claudememory.core.recall;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.InvalidInputException;
import dev.claudememory.core.memory.Category;
import java.util.Optional;

/**
 * A list request: newest first, optionally one category.
 *
 * @param limit 1 to {@value #MAX_LIMIT}
 */
public record ListQuery(Optional<Category> category, int limit) {
  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 1000;

  public ListQuery {
    requireNonNull(category, "category");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputException(
          "limit", "limit must be between 1 and " + MAX_LIMIT + "; got " + limit);
    }
  }
}
