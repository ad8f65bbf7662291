package dev.claudememory.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Stored text shown on a terminal: every character that could move the cursor shows as an escape. */
final class TerminalTextTest {

  static List<Arguments> escapes() {
    return List.of(
        arguments("\u001b[2K\r#2 fake", "\\e[2K\\r#2 fake"),
        arguments("ding\u0007", "ding\\a"),
        arguments("back\bspace", "back\\bspace"),
        arguments("form\ffeed, \u000bvertical", "form\\ffeed, \\vvertical"),
        arguments("\u0001 \u001f \u007f", "\\u0001 \\u001f \\u007f"),
        arguments("C1 \u009b31m and \u0085", "C1 \\u009b31m and \\u0085"),
        arguments("\u202eevil\u202c \u2066iso\u2069 \u200f", "\\u202eevil\\u202c \\u2066iso\\u2069 \\u200f"),
        arguments("line\u2028para\u2029", "line\\u2028para\\u2029"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("escapes")
  void controlCharactersAreEscapedVisibly(String text, String shown) {
    assertThat(TerminalText.escape(text)).isEqualTo(shown);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "plain text", "tabs\tand\nnew lines stay", "C:\\Users\\kestrel", "caf\u00e9 \u6771\u4eac",
        "family \uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67 joined", "\u0645\u0631\u062d\u0628\u0627", ""
      })
  void printableTextIsLeftAsItIs(String text) {
    assertThat(TerminalText.escape(text)).isSameAs(text);
  }
}
