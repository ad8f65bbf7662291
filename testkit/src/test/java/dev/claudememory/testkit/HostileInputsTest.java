package dev.claudememory.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudememory.core.InvalidInputException;
import dev.claudememory.core.memory.Content;
import dev.claudememory.core.recall.SearchTerms;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

final class HostileInputsTest {

  @Test
  void namesAreUniqueAndTextsDistinct() {
    List<NamedInput> all = HostileInputs.all();

    assertThat(all).extracting(NamedInput::name).doesNotHaveDuplicates().allMatch(n -> !n.isBlank());
    assertThat(all).extracting(NamedInput::text).doesNotHaveDuplicates();
  }

  @Test
  void theTableCoversEachKindOfTrouble() {
    List<String> texts =
        HostileInputs.all().stream().map(NamedInput::text).collect(Collectors.toList());

    assertThat(texts).anyMatch(t -> t.indexOf('\0') >= 0);
    // codePoints() yields an unpaired surrogate as itself; a pair becomes one supplementary point
    assertThat(texts).anyMatch(t -> t.codePoints()
        .anyMatch(cp -> Character.getType(cp) == Character.SURROGATE));
    assertThat(texts).anyMatch(t -> t.contains("\u200D"));
    assertThat(texts).anyMatch(t -> t.contains("NEAR(") && t.contains(","));
    assertThat(texts).anyMatch(t -> t.contains("{content tags}:"));
    assertThat(texts).anyMatch(t -> t.codePoints().anyMatch(cp -> Character.UnicodeBlock.of(cp)
        == Character.UnicodeBlock.ARABIC));
    assertThat(texts).anyMatch(t -> t.codePoints().anyMatch(cp -> Character.UnicodeBlock.of(cp)
        == Character.UnicodeBlock.HEBREW));
    assertThat(texts).anyMatch(t -> t.codePoints().anyMatch(cp -> Character.getType(cp)
        == Character.NON_SPACING_MARK));
    assertThat(texts).anyMatch(t -> t.length() >= 10_000);
    assertThat(texts).anyMatch(String::isEmpty);
  }

  @Test
  void storableAndUnstorablePartitionTheTable() {
    List<NamedInput> both = new ArrayList<>(HostileInputs.storable());
    both.addAll(HostileInputs.unstorable());

    assertThat(both).containsExactlyInAnyOrderElementsOf(HostileInputs.all());
    assertThat(HostileInputs.storable()).hasSizeGreaterThan(40);
    assertThat(HostileInputs.unstorable())
        .extracting(NamedInput::name)
        .contains("NUL between words", "lone high surrogate", "empty", "content one over the limit")
        .doesNotContain("SQL injection", "ZWJ family", "content at the limit in emoji");
  }

  @ParameterizedTest
  @MethodSource("dev.claudememory.testkit.HostileInputs#unstorable")
  void everyUnstorableInputIsRefusedByNameOfTheField(NamedInput input) {
    assertThatThrownBy(() -> new Content(input.text()))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("content"));
  }

  @ParameterizedTest
  @MethodSource("dev.claudememory.testkit.HostileInputs#all")
  void everyInputGivesRecallQueriesOfCleanQuotedWords(NamedInput input) {
    SearchTerms terms = SearchTerms.of(input.text(), input.text());

    for (String word : terms.words()) {
      assertThat(word.codePoints())
          .as("%s: word %s", input, SeededStrings.escape(word))
          .noneMatch(cp -> Character.isWhitespace(cp) || Character.isSpaceChar(cp)
              || Character.getType(cp) == Character.CONTROL
              || Character.getType(cp) == Character.SURROGATE);
    }
    if (!terms.isEmpty()) {
      assertThat(unquote(terms.allWordsQuery(), " AND ")).as(input.escaped())
          .isEqualTo(terms.words());
      assertThat(unquote(terms.anyWordQuery(), " OR ")).as(input.escaped())
          .isEqualTo(terms.words());
    }
  }

  @Test
  void inputsWithNothingSearchableLeaveNoTerms() {
    for (String name : List.of("empty", "spaces only", "punctuation only", "FTS syntax only",
        "emoji only", "NUL only", "zero-width characters only", "quotes only")) {
      NamedInput input = HostileInputs.all().stream()
          .filter(i -> i.name().equals(name)).findFirst().orElseThrow();

      assertThat(SearchTerms.of(input.text(), "").isEmpty()).as(name).isTrue();
    }
  }

  @Test
  void toStringIsTheNameAndEscapedIsPrintable() {
    NamedInput input = new NamedInput("NUL", "a\u0000\uD800é");

    assertThat(input).hasToString("NUL");
    assertThat(input.escaped()).isEqualTo("a\\u0000\\uD800\\u00E9");
  }

  /** Reads back a query of quoted strings joined by one operator; fails on any other shape. */
  private static List<String> unquote(String query, String operator) {
    List<String> terms = new ArrayList<>();
    int i = 0;
    while (true) {
      assertThat(query.charAt(i)).as("opening quote at %d of %s", i, query).isEqualTo('"');
      StringBuilder term = new StringBuilder();
      i++;
      while (true) {
        assertThat(i).as("unterminated string in %s", query).isLessThan(query.length());
        char c = query.charAt(i);
        if (c == '"' && i + 1 < query.length() && query.charAt(i + 1) == '"') {
          term.append('"');
          i += 2;
        } else if (c == '"') {
          i++;
          break;
        } else {
          term.append(c);
          i++;
        }
      }
      terms.add(term.toString());
      if (i == query.length()) {
        return terms;
      }
      assertThat(query.startsWith(operator, i)).as("operator at %d of %s", i, query).isTrue();
      i += operator.length();
    }
  }
}
