package dev.claudememory.core.recall;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.InvalidInputException;
import java.util.Locale;

/**
 * How recall orders its matches. {@code relevance} and {@code importance} blend text relevance
 * (bm25 over the four indexed columns; lower bm25 is better, so it is negated) with the memory's
 * importance; {@code recency} is newest first among the matches.
 */
public enum SortBy {
  RELEVANCE(0.7, 0.3),
  IMPORTANCE(0.4, 0.6),
  RECENCY(0.0, 0.0);

  private final double relevanceWeight;
  private final double importanceWeight;

  SortBy(double relevanceWeight, double importanceWeight) {
    this.relevanceWeight = relevanceWeight;
    this.importanceWeight = importanceWeight;
  }

  /** The weight of {@code -bm25} in the score. */
  public double relevanceWeight() {
    return relevanceWeight;
  }

  /** The weight of importance in the score. */
  public double importanceWeight() {
    return importanceWeight;
  }

  /** Whether matches are ordered by score (else by creation time, newest first). */
  public boolean ranksByScore() {
    return this != RECENCY;
  }

  /** The score of a match, higher first: {@code -bm25*w1 + importance*w2}. */
  public double score(double bm25, double importance) {
    return -bm25 * relevanceWeight + importance * importanceWeight;
  }

  /** The name tools and the CLI take. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The order a tool or CLI argument names, ignoring case and surrounding spaces.
   *
   * @throws InvalidInputException naming {@code sort_by} for any other name
   */
  public static SortBy parse(String input) {
    requireNonNull(input, "sort_by");
    String normalized = input.strip().toLowerCase(Locale.ROOT);
    for (SortBy sortBy : values()) {
      if (sortBy.wireName().equals(normalized)) {
        return sortBy;
      }
    }
    throw new InvalidInputException(
        "sort_by", "unknown sort_by '" + input + "'; use relevance, importance or recency");
  }
}
