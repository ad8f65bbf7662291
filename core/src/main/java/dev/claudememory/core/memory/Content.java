package dev.claudememory.core.memory;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.InvalidInputException;

/**
 * What a memory says: non-blank and at most {@value Limits#MAX_CONTENT_CODE_POINTS} Unicode code
 * points (the remote API's bound, counted as it counts them).
 */
public record Content(String text) {
  public Content {
    requireNonNull(text, "text");
    if (text.isBlank()) {
      throw new InvalidInputException("content", "content must not be blank: say what to remember");
    }
    int length = Limits.codePoints(text);
    if (length > Limits.MAX_CONTENT_CODE_POINTS) {
      throw new InvalidInputException(
          "content",
          String.format(
              "content is %,d characters; the limit is %,d. Split it into several memories, one"
                  + " idea each.",
              length, Limits.MAX_CONTENT_CODE_POINTS));
    }
  }

  /** The first {@code maxCodePoints} code points, never cutting a surrogate pair in half. */
  public static String preview(String text, int maxCodePoints) {
    if (Limits.codePoints(text) <= maxCodePoints) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, maxCodePoints));
  }
}
