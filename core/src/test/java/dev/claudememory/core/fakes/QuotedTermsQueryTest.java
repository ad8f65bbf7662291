package dev.claudememory.core.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

final class QuotedTermsQueryTest {

  @Test
  void readsQuotedTermsJoinedByOneOperator() {
    assertThat(QuotedTermsQuery.parse("\"a\" AND \"b\"\"c\" AND \"\""))
        .isEqualTo(new QuotedTermsQuery("AND", java.util.List.of("a", "b\"c", "")));
    assertThat(QuotedTermsQuery.parse("\"a b\" OR \"c\""))
        .isEqualTo(new QuotedTermsQuery("OR", java.util.List.of("a b", "c")));
    assertThat(QuotedTermsQuery.parse("\"only\""))
        .isEqualTo(new QuotedTermsQuery("AND", java.util.List.of("only")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "a",
        "\"a",
        "\"a\"\"",
        "\"a\" \"b\"",
        "\"a\" AND b",
        "\"a\" AND \"b\" OR \"c\"",
        "\"a\" NOT \"b\"",
        "\"a\"*",
        "\"a\" AND ",
        " \"a\""
      })
  void rejectsEveryOtherShape(String query) {
    assertThatThrownBy(() -> QuotedTermsQuery.parse(query))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
