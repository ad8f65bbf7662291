package dev.claudememory.core.memory;

/** The bounds the remote API enforces (it answers 422 beyond them), checked before writing. */
public final class Limits {
  /** Content length, counted as Unicode code points. */
  public static final int MAX_CONTENT_CODE_POINTS = 1_400;
  /** Length of tags and of expanded keywords, counted as Unicode code points. */
  public static final int MAX_TAGS_CODE_POINTS = 500;

  private Limits() {}

  static int codePoints(String text) {
    return text.codePointCount(0, text.length());
  }
}
