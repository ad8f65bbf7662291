package dev.claudememory.core.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.claudememory.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class SortByTest {

  @ParameterizedTest
  @CsvSource({"-2.5, 0.8", "0.0, 0.0", "-10.0, 1.0", "-0.3, 0.5"})
  void relevanceIsSevenTenthsTextAndThreeTenthsImportance(double bm25, double importance) {
    assertThat(SortBy.RELEVANCE.score(bm25, importance))
        .isCloseTo(-bm25 * 0.7 + importance * 0.3, within(1e-12));
  }

  @ParameterizedTest
  @CsvSource({"-2.5, 0.8", "0.0, 0.0", "-10.0, 1.0", "-0.3, 0.5"})
  void importanceIsFourTenthsTextAndSixTenthsImportance(double bm25, double importance) {
    assertThat(SortBy.IMPORTANCE.score(bm25, importance))
        .isCloseTo(-bm25 * 0.4 + importance * 0.6, within(1e-12));
  }

  @Test
  void theWeightsAreTheSpecs() {
    assertThat(SortBy.RELEVANCE.relevanceWeight()).isEqualTo(0.7);
    assertThat(SortBy.RELEVANCE.importanceWeight()).isEqualTo(0.3);
    assertThat(SortBy.IMPORTANCE.relevanceWeight()).isEqualTo(0.4);
    assertThat(SortBy.IMPORTANCE.importanceWeight()).isEqualTo(0.6);
  }

  @Test
  void aBetterTextMatchWinsOnRelevanceAndAMoreImportantMemoryOnImportance() {
    double strongMatchBm25 = -3.0;
    double weakMatchBm25 = -2.0;

    assertThat(SortBy.RELEVANCE.score(strongMatchBm25, 0.1))
        .isGreaterThan(SortBy.RELEVANCE.score(weakMatchBm25, 0.9));
    assertThat(SortBy.IMPORTANCE.score(weakMatchBm25, 0.9))
        .isGreaterThan(SortBy.IMPORTANCE.score(strongMatchBm25, 0.1));
  }

  @Test
  void onlyRecencyIgnoresTheScore() {
    assertThat(SortBy.RELEVANCE.ranksByScore()).isTrue();
    assertThat(SortBy.IMPORTANCE.ranksByScore()).isTrue();
    assertThat(SortBy.RECENCY.ranksByScore()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "relevance, RELEVANCE",
    "importance, IMPORTANCE",
    "recency, RECENCY",
    "'  Relevance ', RELEVANCE",
    "IMPORTANCE, IMPORTANCE"
  })
  void parseTakesTheWireNamesIgnoringCaseAndSpaces(String input, SortBy expected) {
    assertThat(SortBy.parse(input)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "newest", "relevant", "score"})
  void parseRejectsOtherNamesListingTheValidOnes(String input) {
    assertThatThrownBy(() -> SortBy.parse(input))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("sort_by"))
        .hasMessageContaining("relevance, importance or recency");
  }

  @Test
  void wireNamesAreLowerCase() {
    assertThat(SortBy.RELEVANCE.wireName()).isEqualTo("relevance");
    assertThat(SortBy.IMPORTANCE.wireName()).isEqualTo("importance");
    assertThat(SortBy.RECENCY.wireName()).isEqualTo("recency");
  }
}
