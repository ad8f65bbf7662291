package dev.claudememory.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudememory.core.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

final class CategoryTest {

  static List<String> knownNames() {
    return Category.KNOWN;
  }

  @Test
  void theApiHasSeventeenCategoriesWithFactsTheDefault() {
    assertThat(Category.KNOWN)
        .containsExactly(
            "facts",
            "decisions",
            "projects",
            "preferences",
            "gotchas",
            "references",
            "infrastructure",
            "runbook",
            "lessons",
            "operations",
            "post-mortems",
            "people",
            "incidents",
            "feedback",
            "process",
            "architecture",
            "sessions");
    assertThat(Category.DEFAULT.name()).isEqualTo("facts");
  }

  @ParameterizedTest
  @MethodSource("knownNames")
  void everyKnownNameIsItsOwnCanonicalForm(String name) {
    Category category = Category.canonical(name);

    assertThat(category.name()).isEqualTo(name);
    assertThat(category.isKnown()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "gotcha, gotchas",
    "project, projects",
    "reference, references",
    "infra, infrastructure",
    "bug, gotchas",
    "incident, incidents",
    "procedures, runbook"
  })
  void anAliasBecomesTheApisName(String alias, String canonical) {
    assertThat(Category.canonical(alias).name()).isEqualTo(canonical);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'  Gotchas '|gotchas",
        "FACTS|facts",
        "'\tDecisions\n'|decisions",
        "'\u00A0Infra\u3000'|infrastructure",
        "BUG|gotchas",
        "Post-Mortems|post-mortems"
      })
  void inputIsTrimmedAndLowerCasedFirst(String input, String canonical) {
    assertThat(Category.canonical(input).name()).isEqualTo(canonical);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gotchass", "fact", "post mortems", "", "   ", "todo", "facts!"})
  void anUnknownNameIsRejectedWithEveryValidName(String input) {
    assertThatThrownBy(() -> Category.canonical(input))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("category"))
        .hasMessageContaining("unknown category '" + input + "'")
        .satisfies(e -> assertThat(e.getMessage()).contains(Category.KNOWN));
  }

  @Test
  void aHugeUnknownNameIsQuotedShortened() {
    String input = "z".repeat(10_000);

    assertThatThrownBy(() -> Category.canonical(input))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'" + "z".repeat(40) + "...'")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Old Style", "my-custom", "FACTS", "", "日本語"})
  void aStoredRowKeepsAnyName(String name) {
    Category category = Category.stored(name);

    assertThat(category.name()).isEqualTo(name);
    assertThat(category.toString()).isEqualTo(name);
    assertThat(category.isKnown()).isFalse();
  }

  @Test
  void aStoredRowWithoutANameIsAFact() {
    assertThat(Category.stored(null)).isEqualTo(Category.DEFAULT);
  }

  @Test
  void requireCanonicalKeepsKnownResolvesAliasesAndRejectsTheRest() {
    assertThat(new Category("runbook").requireCanonical()).isEqualTo(new Category("runbook"));
    assertThat(new Category("Infra").requireCanonical()).isEqualTo(new Category("infrastructure"));
    assertThatThrownBy(() -> new Category("legacy").requireCanonical())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("valid categories: facts, decisions");
  }
}
