package dev.claudememory.core.memory;

import dev.claudememory.core.InvalidInputException;
import java.util.Locale;

/** Rules every stored text field shares, and helpers for messages that quote user input. */
final class TextRules {
  /** How much of a person's input an error message repeats back. */
  private static final int ECHO_CODE_POINTS = 40;

  private TextRules() {}

  /**
   * Rejects text that cannot be stored as written: a NUL (PostgreSQL text cannot hold it, so the
   * API could never accept the memory) or an unpaired surrogate (not Unicode; encoding it to UTF-8
   * for SQLite would silently turn it into {@code ?}).
   */
  static void requireStorable(String field, String text) {
    int codePointIndex = 0;
    for (int i = 0; i < text.length(); codePointIndex++) {
      char c = text.charAt(i);
      if (c == '\0') {
        throw new InvalidInputException(
            field,
            field
                + " contains a NUL character (U+0000) after "
                + codePointIndex
                + " characters; remove it, it cannot be stored");
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i += 2;
        continue;
      }
      if (Character.isSurrogate(c)) {
        throw new InvalidInputException(
            field,
            field
                + " is not valid Unicode: an unpaired surrogate (U+"
                + Integer.toHexString(c).toUpperCase(Locale.ROOT)
                + ") after "
                + codePointIndex
                + " characters; remove or replace it");
      }
      i++;
    }
  }

  /**
   * Whether the text shows nothing: only whitespace (any Unicode space, no-break ones included),
   * control characters and invisible format characters such as zero-width spaces.
   */
  static boolean isBlank(String text) {
    return text.codePoints().allMatch(TextRules::isInvisible);
  }

  /** The text without invisible characters at either end (Python's {@code str.strip} and more). */
  static String strip(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isInvisible(text.codePointAt(start))) {
      start += Character.charCount(text.codePointAt(start));
    }
    while (end > start && isInvisible(text.codePointBefore(end))) {
      end -= Character.charCount(text.codePointBefore(end));
    }
    return text.substring(start, end);
  }

  /** A short quote of a person's input for an error message, so huge input makes no huge message. */
  static String echo(String text) {
    String preview = Content.preview(text, ECHO_CODE_POINTS);
    return preview.length() < text.length() ? preview + "..." : preview;
  }

  private static boolean isInvisible(int codePoint) {
    int type = Character.getType(codePoint);
    return Character.isWhitespace(codePoint)
        || Character.isSpaceChar(codePoint)
        || type == Character.CONTROL
        || type == Character.FORMAT;
  }
}
