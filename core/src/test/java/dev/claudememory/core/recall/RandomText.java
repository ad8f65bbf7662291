package dev.claudememory.core.recall;

import java.util.List;
import java.util.Random;

/**
 * Random strings that stress query building: code points from many Unicode blocks (lone
 * surrogates, controls and NUL included) mixed with FTS5 syntax. Core cannot use testkit's richer
 * generator (testkit depends on core), so this small one lives here.
 */
final class RandomText {
  private static final List<String> FRAGMENTS =
      List.of(
          "\"", "\"\"", "'", "AND", "OR", "NOT", "NEAR", "NEAR(a b, 3)", "*", "^", ":", "-", "+",
          "(", ")", "{content tags}:", "content:", "\u0000", "\t", "\u00A0", "\u3000", "\u200B",
          "\uD800", "\uDC00", "👩\u200D💻", "e\u0301", "中文", "עברית", ";", "--", "/*");

  /** Inclusive ranges of code points to draw from. */
  private static final int[][] BLOCKS = {
    {0x00, 0x1F}, {0x20, 0x7E}, {0x7F, 0x9F}, {0xA0, 0x24F}, {0x300, 0x36F}, {0x370, 0x52F},
    {0x590, 0x6FF}, {0x900, 0x97F}, {0x2000, 0x206F}, {0x3000, 0x30FF}, {0x4E00, 0x4EFF},
    {0xAC00, 0xAC7F}, {0xD800, 0xDFFF}, {0xE000, 0xE0FF}, {0xFE00, 0xFEFF}, {0x1F300, 0x1F6FF},
    {0x1D400, 0x1D4FF}, {0xE0000, 0xE007F}
  };

  private final Random random;

  RandomText(Random random) {
    this.random = random;
  }

  String next(int maxParts) {
    StringBuilder text = new StringBuilder();
    int parts = random.nextInt(maxParts + 1);
    for (int i = 0; i < parts; i++) {
      switch (random.nextInt(4)) {
        case 0:
          text.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
          break;
        case 1:
          text.append(' ');
          break;
        default:
          int[] block = BLOCKS[random.nextInt(BLOCKS.length)];
          text.appendCodePoint(block[0] + random.nextInt(block[1] - block[0] + 1));
      }
    }
    return text.toString();
  }

  /** The text with every non-printable-ASCII char escaped, for a failure message. */
  static String escape(String text) {
    StringBuilder escaped = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c >= 0x20 && c < 0x7F) {
        escaped.append(c);
      } else {
        escaped.append(String.format("\\u%04X", (int) c));
      }
    }
    return escaped.toString();
  }
}
