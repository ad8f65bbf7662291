package dev.claudememory.testkit;

import dev.claudememory.core.memory.Limits;
import java.util.List;
import java.util.Random;

/**
 * Random hostile strings from a seeded {@link Random}: code points from many Unicode blocks (NUL,
 * controls, lone surrogates, combining marks, right-to-left scripts, emoji, private use), FTS5
 * syntax fragments and SQL fragments, mixed with ordinary words. The same seed gives the same
 * strings, so a failure message that prints {@link #seed()} reproduces the failure.
 *
 * <p>Not thread-safe: one instance per test.
 */
public final class SeededStrings {
  private static final List<String> FTS_FRAGMENTS =
      List.of(
          "\"", "\"\"", "AND", "OR", "NOT", "NEAR", "NEAR(", "NEAR(a b, 3)", ")", "(", "*", "^",
          ":", "-", "+", "content:", "{content tags}:", "-content:", "tags:x", "\"a b\"*", "AND OR",
          "NOT NOT", "^\"x\"", ",");

  private static final List<String> SQL_FRAGMENTS =
      List.of(
          "'", "''", "';", "--", "/*", "*/", "; DROP TABLE memories; --", "' OR '1'='1", "%", "_",
          "\\", "\\'", "NULL", "x'00'", "MATCH", "bm25(", "UNION SELECT");

  private static final List<String> WORDS =
      List.of(
          "kestrel", "marmalade", "quasar", "deploy", "token", "password", "東京", "שלום",
          "مرحبا", "café", "naïve", "Ünïcödé", "v1.2", "42", "e\u0301", "👩\u200D💻", "🎉");

  /** Inclusive ranges of code points to draw from, chosen to cover what breaks text handling. */
  private static final int[][] BLOCKS = {
    {0x0000, 0x001F}, // C0 controls, NUL included
    {0x0020, 0x007E}, // printable ASCII
    {0x007F, 0x009F}, // DEL and C1 controls
    {0x00A0, 0x024F}, // Latin-1 supplement and extended Latin
    {0x0300, 0x036F}, // combining diacritical marks
    {0x0370, 0x052F}, // Greek and Cyrillic
    {0x0590, 0x06FF}, // Hebrew and Arabic
    {0x0900, 0x097F}, // Devanagari
    {0x2000, 0x206F}, // general punctuation: spaces, zero-width, bidi controls
    {0x3000, 0x30FF}, // CJK punctuation, hiragana, katakana
    {0x4E00, 0x4FFF}, // CJK ideographs
    {0xAC00, 0xACFF}, // Hangul syllables
    {0xD800, 0xDFFF}, // surrogates, drawn alone
    {0xE000, 0xE0FF}, // private use
    {0xFE00, 0xFFFF}, // variation selectors, BOM, specials, noncharacters
    {0x1D400, 0x1D4FF}, // mathematical alphanumerics
    {0x1F300, 0x1FAFF}, // emoji
    {0xE0000, 0xE007F}, // tag characters
    {0x10FFF0, 0x10FFFF} // the last plane's end
  };

  private final long seed;
  private final Random random;

  public SeededStrings(long seed) {
    this.seed = seed;
    this.random = new Random(seed);
  }

  /** The seed this generator started from, for failure messages. */
  public long seed() {
    return seed;
  }

  /** A hostile string of up to 40 parts. */
  public String next() {
    return next(40);
  }

  /** A hostile string of 0 to {@code maxParts} parts: code points, fragments, words, spaces. */
  public String next(int maxParts) {
    StringBuilder text = new StringBuilder();
    int parts = random.nextInt(maxParts + 1);
    for (int i = 0; i < parts; i++) {
      int kind = random.nextInt(10);
      if (kind < 4) {
        text.appendCodePoint(codePoint());
      } else if (kind < 6) {
        text.append(ftsFragment());
      } else if (kind < 7) {
        text.append(sqlFragment());
      } else if (kind < 9) {
        text.append(word());
      } else {
        text.append(' ');
      }
    }
    return text.toString();
  }

  /**
   * A hostile string core accepts as memory content: not blank, no NUL or lone surrogate, at most
   * {@value Limits#MAX_CONTENT_CODE_POINTS} code points. For round-trip tests of storage.
   */
  public String content() {
    StringBuilder text = new StringBuilder();
    next(60)
        .codePoints()
        .map(cp -> cp == 0 || Character.getType(cp) == Character.SURROGATE ? '?' : cp)
        .limit(Limits.MAX_CONTENT_CODE_POINTS - 1)
        .forEach(text::appendCodePoint);
    // one visible character keeps it from being blank
    return text.appendCodePoint(word().codePointAt(0)).toString();
  }

  /** One code point from a random block; may be a lone surrogate or a control character. */
  public int codePoint() {
    int[] block = BLOCKS[random.nextInt(BLOCKS.length)];
    return block[0] + random.nextInt(block[1] - block[0] + 1);
  }

  /** A piece of FTS5 query syntax. */
  public String ftsFragment() {
    return FTS_FRAGMENTS.get(random.nextInt(FTS_FRAGMENTS.size()));
  }

  /** A piece of SQL. */
  public String sqlFragment() {
    return SQL_FRAGMENTS.get(random.nextInt(SQL_FRAGMENTS.size()));
  }

  /** An ordinary word, in one of several scripts. */
  public String word() {
    return WORDS.get(random.nextInt(WORDS.size()));
  }

  /** The text with every char outside printable ASCII as {@code \\uXXXX}, for failure messages. */
  public static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7F && c != '\\') {
        escaped.append(c);
      } else {
        escaped.append(String.format("\\u%04X", (int) c));
      }
    }
    return escaped.toString();
  }
}
