package dev.claudememory.core.memory;

import dev.claudememory.core.InvalidInputException;
import java.util.Locale;

/**
 * What a memory says: not blank and at most {@value Limits#MAX_CONTENT_CODE_POINTS} Unicode code
 * points (the remote API's bound, counted as it counts them, so an emoji is one character).
 *
 * <p>Blank means nothing visible: whitespace of any kind, control and zero-width characters only.
 * Text holding a NUL or an unpaired surrogate is refused too: it could not be stored as written.
 *
 * @throws InvalidInputException naming the field {@code content} when a rule is broken
 */
public record Content(String text) {
  public Content {
    if (text == null) {
      throw new InvalidInputException("content", "content is required: say what to remember");
    }
    if (TextRules.isBlank(text)) {
      throw new InvalidInputException("content", "content must not be blank: say what to remember");
    }
    int length = Limits.codePoints(text);
    if (length > Limits.MAX_CONTENT_CODE_POINTS) {
      throw new InvalidInputException(
          "content",
          String.format(
              Locale.ROOT,
              "content is %,d characters; the limit is %,d. Split it into several memories, one"
                  + " idea each.",
              length,
              Limits.MAX_CONTENT_CODE_POINTS));
    }
    TextRules.requireStorable("content", text);
  }

  /** The first {@code maxCodePoints} code points, never cutting a surrogate pair in half. */
  public static String preview(String text, int maxCodePoints) {
    if (Limits.codePoints(text) <= maxCodePoints) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, maxCodePoints));
  }
}
