package dev.claudememory.cli;

/**
 * Stored text as a terminal may show it. Memories, tags and categories can hold control
 * characters (a pulled row, a pasted log): written raw, an escape sequence or a carriage return
 * could clear a line, move the cursor or forge the line of another memory. Each is shown as an
 * escape instead: {@code \e} (escape), {@code \a} (bell), {@code \b}, {@code \f}, {@code \v},
 * {@code \r}, and {@code \}{@code uXXXX} for every other control character (C0, DEL, C1), line
 * and paragraph separator, and bidirectional control. Tabs and line breaks stay (commands lay line
 * breaks out themselves); a backslash stays as it is.
 */
final class TerminalText {
  private TerminalText() {}

  static String escape(String text) {
    int first = firstToEscape(text);
    if (first < 0) {
      return text;
    }
    StringBuilder shown = new StringBuilder(text.length() + 16).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!needsEscape(c)) {
        shown.append(c);
        continue;
      }
      switch (c) {
        case '\u001b':
          shown.append("\\e");
          break;
        case '\u0007':
          shown.append("\\a");
          break;
        case '\b':
          shown.append("\\b");
          break;
        case '\f':
          shown.append("\\f");
          break;
        case '\u000b':
          shown.append("\\v");
          break;
        case '\r':
          shown.append("\\r");
          break;
        default:
          shown.append(String.format("\\u%04x", (int) c));
      }
    }
    return shown.toString();
  }

  private static int firstToEscape(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (needsEscape(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean needsEscape(char c) {
    if (c == '\n' || c == '\t') {
      return false;
    }
    if (c < 0x20 || c >= 0x7f && c <= 0x9f) {
      return true;
    }
    // line and paragraph separators, and the bidirectional controls that reorder what follows
    return c == '\u2028' || c == '\u2029' || c == '\u061c' || c == '\u200e' || c == '\u200f'
        || c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069';
  }
}
