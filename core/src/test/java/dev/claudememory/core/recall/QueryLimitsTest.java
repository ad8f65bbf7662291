package dev.claudememory.core.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudememory.core.InvalidInputException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class QueryLimitsTest {
  private static final SearchTerms TERMS = SearchTerms.of("kestrel", "");

  @ParameterizedTest
  @ValueSource(ints = {1, 10, 100})
  void recallTakesLimitsFromOneToOneHundred(int limit) {
    assertThat(new RecallQuery(TERMS, Optional.empty(), SortBy.RELEVANCE, limit).limit())
        .isEqualTo(limit);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 101, Integer.MIN_VALUE, Integer.MAX_VALUE})
  void recallRejectsOtherLimitsSayingTheRange(int limit) {
    assertThatThrownBy(() -> new RecallQuery(TERMS, Optional.empty(), SortBy.RELEVANCE, limit))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("limit"))
        .hasMessage("limit must be between 1 and 100; got " + limit);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 20, 1000})
  void listTakesLimitsFromOneToOneThousand(int limit) {
    assertThat(new ListQuery(Optional.empty(), limit).limit()).isEqualTo(limit);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -5, 1001})
  void listRejectsOtherLimitsSayingTheRange(int limit) {
    assertThatThrownBy(() -> new ListQuery(Optional.empty(), limit))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("limit"))
        .hasMessage("limit must be between 1 and 1000; got " + limit);
  }

  @Test
  void defaultsAreTenForRecallAndTwentyForList() {
    RecallQuery recall = RecallQuery.of("kestrel", "marmalade");

    assertThat(recall.limit()).isEqualTo(10);
    assertThat(recall.sortBy()).isEqualTo(SortBy.RELEVANCE);
    assertThat(recall.category()).isEmpty();
    assertThat(recall.terms().words()).containsExactly("kestrel", "marmalade");
    assertThat(ListQuery.DEFAULT_LIMIT).isEqualTo(20);
  }
}
