package dev.claudememory.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudememory.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class ContentTest {

  @Test
  void fourteenHundredEmojiAreAcceptedThoughTheirLengthIsTwiceThat() {
    String text = "😀".repeat(1_400);

    assertThat(text.length()).isEqualTo(2_800);
    assertThat(new Content(text).text()).isEqualTo(text);
  }

  @Test
  void fourteenHundredCodePointsOfMixedWidthAreAccepted() {
    String text = "a".repeat(1_000) + "𝒜".repeat(200) + "中".repeat(199) + "👩";

    assertThat(text.codePointCount(0, text.length())).isEqualTo(1_400);
    assertThat(new Content(text).text()).isEqualTo(text);
  }

  @Test
  void fourteenHundredAndOneCodePointsAreRejectedWithTheCountAndAdviceToSplit() {
    String text = "😀".repeat(1_401);

    assertThatThrownBy(() -> new Content(text))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("content"))
        .hasMessageContaining("1,401")
        .hasMessageContaining("1,400")
        .hasMessageContaining("Split it");
  }

  @Test
  void fourteenHundredAsciiPlusOneEmojiIsOneTooMany() {
    assertThatThrownBy(() -> new Content("a".repeat(1_400) + "😀"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("1,401");
  }

  @Test
  void nullContentIsRequired() {
    assertThatThrownBy(() -> new Content(null))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("content"))
        .hasMessageContaining("required");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "\t\n\r ",
        "\u00A0",
        "\u2007\u202F",
        "\u3000\u2003",
        "\u200B\u200D\uFEFF",
        "\u0007\u001F",
        "\u2028\u2029"
      })
  void textShowingNothingIsBlank(String text) {
    assertThatThrownBy(() -> new Content(text))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("content"))
        .hasMessageContaining("blank");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "x",
        " padded ",
        "e\u0301",
        "👩\u200D💻",
        "עברית",
        "\u0301",
        "\uE000",
        "quote \" ' ` and ; -- DROP"
      })
  void visibleTextIsKeptExactly(String text) {
    assertThat(new Content(text).text()).isEqualTo(text);
  }

  @Test
  void aNulCannotBeStored() {
    assertThatThrownBy(() -> new Content("before\u0000after"))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("content"))
        .hasMessageContaining("NUL")
        .hasMessageContaining("after 6 characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\uD800b", "end\uD83D", "\uDC00start", "\uDE00\uD83D"})
  void anUnpairedSurrogateIsNotUnicode(String text) {
    assertThatThrownBy(() -> new Content(text))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("content"))
        .hasMessageContaining("unpaired surrogate");
  }

  @Test
  void previewCountsCodePointsAndNeverSplitsAPair() {
    assertThat(Content.preview("😀😀😀", 2)).isEqualTo("😀😀");
    assertThat(Content.preview("ab😀cd", 3)).isEqualTo("ab😀");
    assertThat(Content.preview("short", 50)).isEqualTo("short");
    assertThat(Content.preview("x".repeat(60), 50)).hasSize(50);
  }
}
