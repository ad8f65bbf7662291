package dev.claudememory.bench.recall;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.memory.Category;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * One memory of the evaluation set, as an assistant would have stored it for a developer.
 *
 * @param key stable name the judgments refer to; never stored in the product
 * @param project the fictional project or team the note belongs to ({@code company} and
 *     {@code personal} for the rest)
 * @param createdAt when it was stored, so that newer and older memories are really so
 * @throws IllegalArgumentException when a field breaks the rules a store would apply, or the set's
 *     own (five to twelve expanded keywords)
 */
public record EvalMemory(
    String key,
    String project,
    String category,
    Instant createdAt,
    double importance,
    String tags,
    String expandedKeywords,
    String content) {
  static final Pattern KEY = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
  static final int MAX_CONTENT_CODE_POINTS = 1_400;
  static final int MAX_TAGS = 500;

  public EvalMemory {
    requireNonNull(key, "key");
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("a key is lower-case words joined by hyphens: '" + key + "'");
    }
    requireNonNull(project, "project");
    requireNonNull(category, "category");
    if (!Category.KNOWN.contains(category)) {
      throw new IllegalArgumentException(key + ": unknown category '" + category + "'");
    }
    requireNonNull(createdAt, "createdAt");
    if (!(importance >= 0 && importance <= 1)) {
      throw new IllegalArgumentException(key + ": importance must be within 0..1: " + importance);
    }
    requireNonNull(tags, "tags");
    if (tags.length() > MAX_TAGS) {
      throw new IllegalArgumentException(key + ": tags are longer than " + MAX_TAGS + " characters");
    }
    requireNonNull(expandedKeywords, "expandedKeywords");
    int keywords = expandedKeywords.isBlank() ? 0 : expandedKeywords.strip().split("\\s+").length;
    if (keywords < 5 || keywords > 12) {
      throw new IllegalArgumentException(key + ": " + keywords + " expanded keywords; a memory has 5 to 12");
    }
    requireNonNull(content, "content");
    int codePoints = content.codePointCount(0, content.length());
    if (content.isBlank() || codePoints > MAX_CONTENT_CODE_POINTS) {
      throw new IllegalArgumentException(key + ": content must hold 1 to " + MAX_CONTENT_CODE_POINTS
          + " code points, not " + codePoints);
    }
  }
}
