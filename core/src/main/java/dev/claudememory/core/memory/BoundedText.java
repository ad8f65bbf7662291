package dev.claudememory.core.memory;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.InvalidInputException;
import java.util.Locale;

/** Checks the short free-text fields (tags, expanded keywords) against the API's bound. */
final class BoundedText {
  private BoundedText() {}

  static String check(String field, String text) {
    requireNonNull(text, field);
    int length = Limits.codePoints(text);
    if (length > Limits.MAX_TAGS_CODE_POINTS) {
      throw new InvalidInputException(
          field,
          String.format(
              Locale.ROOT,
              "%s is %,d characters; the limit is %,d. Keep the most useful ones.",
              field,
              length,
              Limits.MAX_TAGS_CODE_POINTS));
    }
    TextRules.requireStorable(field, text);
    return text;
  }
}
