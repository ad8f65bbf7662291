package dev.claudememory.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.memory.Content;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class SeededStringsTest {
  private static final long SEED = 0xC0FFEEL;

  @Test
  void theSameSeedGivesTheSameStrings() {
    SeededStrings first = new SeededStrings(SEED);
    SeededStrings second = new SeededStrings(SEED);

    for (int i = 0; i < 200; i++) {
      assertThat(second.next()).as("seed %d, draw %d", SEED, i).isEqualTo(first.next());
    }
    assertThat(first.seed()).isEqualTo(SEED);
  }

  @Test
  void differentSeedsGiveDifferentStrings() {
    assertThat(draws(new SeededStrings(1), 20)).isNotEqualTo(draws(new SeededStrings(2), 20));
  }

  @Test
  void manyDrawsHoldEveryKindOfTrouble() {
    List<String> draws = draws(new SeededStrings(SEED), 2_000);
    String all = String.join("", draws);

    assertThat(all).as("seed %d", SEED).contains("\u0000", "NEAR", "\"", "'", "--", "content:");
    assertThat(all.codePoints().anyMatch(cp -> Character.getType(cp) == Character.SURROGATE))
        .as("lone surrogate, seed %d", SEED).isTrue();
    assertThat(all.codePoints().anyMatch(Character::isSupplementaryCodePoint))
        .as("supplementary code point, seed %d", SEED).isTrue();
    assertThat(all.codePoints().anyMatch(cp -> Character.getType(cp) == Character.NON_SPACING_MARK))
        .as("combining mark, seed %d", SEED).isTrue();
    assertThat(all.codePoints().anyMatch(cp -> Character.UnicodeBlock.of(cp)
        == Character.UnicodeBlock.HEBREW)).as("Hebrew, seed %d", SEED).isTrue();
    assertThat(draws).as("seed %d", SEED).contains("");
  }

  @Test
  void nextKeepsToTheNumberOfParts() {
    SeededStrings strings = new SeededStrings(SEED);

    for (int i = 0; i < 500; i++) {
      String text = strings.next(3);
      // a part is at most one fragment, the longest being under 30 chars
      assertThat(text.length()).as("seed %d, draw %d", SEED, i).isLessThanOrEqualTo(3 * 30);
    }
  }

  @Test
  void contentIsAlwaysAcceptedAsMemoryContent() {
    SeededStrings strings = new SeededStrings(SEED);

    for (int i = 0; i < 2_000; i++) {
      String content = strings.content();

      assertThat(new Content(content).text())
          .as("seed %d, draw %d: %s", SEED, i, SeededStrings.escape(content))
          .isEqualTo(content);
    }
  }

  @Test
  void escapeLeavesOnlyPrintableAscii() {
    SeededStrings strings = new SeededStrings(SEED);

    for (int i = 0; i < 500; i++) {
      String escaped = SeededStrings.escape(strings.next());

      assertThat(escaped.chars()).as("seed %d, draw %d", SEED, i)
          .allMatch(c -> c >= 0x20 && c < 0x7F);
    }
    assertThat(SeededStrings.escape("a\\b\u0000")).isEqualTo("a\\u005Cb\\u0000");
  }

  private static List<String> draws(SeededStrings strings, int count) {
    List<String> draws = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      draws.add(strings.next());
    }
    return draws;
  }
}
