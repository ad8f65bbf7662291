package dev.claudememory.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContentKeyTest {
  private static final long SEED = 0xC0DE_0DDL;
  private static final String[] WHITESPACE = {" ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u2003", "\u3000"};

  static Stream<Arguments> sameContent() {
    return Stream.of(
        arguments("Use Maven through the wrapper", "use maven through the wrapper"),
        arguments("Use Maven through the wrapper", "  Use   Maven through the wrapper\n"),
        arguments("Use Maven through the wrapper", "Use\tMaven\u00a0through\u3000the\r\nwrapper"),
        arguments("Use Maven through the wrapper", "USE MAVEN THROUGH THE WRAPPER\u200b"),
        arguments("Caf\u00e9 au lait at ten", "Cafe\u0301 au lait at ten"),
        arguments("\u00c9COLE NORMALE", "\u00e9cole normale"),
        arguments("\u039f\u0394\u039f\u03a3 \u03a3\u039f\u03a6\u0399\u0391", "\u03bf\u03b4\u03bf\u03c2 \u03c3\u03bf\u03c6\u03b9\u03b1"),
        arguments("Stra\u00dfe in Berlin", "STRA\u00dfE in berlin"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("sameContent")
  void contentsDifferingOnlyInCaseWhitespaceOrUnicodeFormShareAKey(String one, String other) {
    assertThat(ContentKey.of(other)).isEqualTo(ContentKey.of(one));
  }

  static Stream<Arguments> nearMisses() {
    return Stream.of(
        arguments("Use Maven through the wrapper", "Use Maven through the wrapper."),
        arguments("Use Maven 3", "Use Maven 4"),
        arguments("use maven", "usemaven"),
        arguments("Maven", "\uff2daven"),
        arguments("file", "\ufb01le"),
        arguments("resume", "r\u00e9sum\u00e9"));
  }

  @ParameterizedTest(name = "[{index}] {0} / {1}")
  @MethodSource("nearMisses")
  void aNearMissHasAnotherKey(String one, String other) {
    assertThat(ContentKey.of(other)).isNotEqualTo(ContentKey.of(one));
  }

  @Test
  void theKeyDoesNotDependOnTheMachinesLanguage() {
    ContentKey usual = ContentKey.of("TITLE IN CAPITALS");
    Locale before = Locale.getDefault();
    try {
      // Turkish lower-cases I to a dotless i: a key made with it would miss the usual one
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      assertThat(ContentKey.of("TITLE IN CAPITALS")).isEqualTo(usual);
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void theKeyIs32LowerCaseHexDigits() {
    assertThat(ContentKey.of("anything").value()).matches("[0-9a-f]{32}");
    assertThat(ContentKey.of("x")).isEqualTo(ContentKey.of("x"));
    assertThatThrownBy(() -> new ContentKey("ABC")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void respacedAndRecasedCopiesOfGeneratedContentShareItsKey() {
    Random random = new Random(SEED);
    for (int draw = 0; draw < 500; draw++) {
      String[] words = new String[1 + random.nextInt(12)];
      for (int i = 0; i < words.length; i++) {
        words[i] = word(random);
      }
      String plain = String.join(" ", words);
      StringBuilder variant = new StringBuilder(WHITESPACE[random.nextInt(WHITESPACE.length)]);
      for (String word : words) {
        variant
            .append(random.nextBoolean() ? word.toUpperCase(Locale.ROOT) : word)
            .append(WHITESPACE[random.nextInt(WHITESPACE.length)]);
      }

      assertThat(ContentKey.of(variant.toString()))
          .as("seed %d, draw %d: '%s' and '%s'", SEED, draw, plain, variant)
          .isEqualTo(ContentKey.of(plain));
      assertThat(ContentKey.of(plain + "!"))
          .as("seed %d, draw %d: '%s' and the same with '!'", SEED, draw, plain)
          .isNotEqualTo(ContentKey.of(plain));
    }
  }

  private static String word(Random random) {
    String letters = "abcdefghijklmnopqrstuvwxyz\u00e9\u00f8\u03b1\u03b2\u0436\u4e2d";
    StringBuilder word = new StringBuilder();
    for (int i = 0, length = 1 + random.nextInt(8); i < length; i++) {
      word.append(letters.charAt(random.nextInt(letters.length())));
    }
    return word.toString();
  }
}
