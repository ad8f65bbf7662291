package dev.claudememory.bench.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueryRankingTest {
  private static final double LOG2_3 = Math.log(3) / Math.log(2);
  private static final double LOG2_4 = 2;

  @Test
  void recallAtKIsTheShareOfAnsweringMemoriesAmongTheFirstK() {
    EvalQuery query = question(Stratum.MULTI_HOP, Map.of("a", 2, "b", 2, "h", 1), List.of());
    QueryRanking ranking = ranking(query, "x", "a", "h", "y", "z", "w", "b");

    assertThat(ranking.recallAt(1)).isEqualTo(0.0);
    assertThat(ranking.recallAt(5)).isEqualTo(0.5);
    assertThat(ranking.recallAt(10)).isEqualTo(1.0);
  }

  @Test
  void recallIgnoresMemoriesThatOnlyHelp() {
    EvalQuery query = question(Stratum.EXACT, Map.of("a", 2, "h", 1), List.of());

    assertThat(ranking(query, "h", "x").recallAt(10)).isEqualTo(0.0);
  }

  @Test
  void ndcgIsOneForTheIdealOrder() {
    EvalQuery query = question(Stratum.EXACT, Map.of("a", 2, "h", 1), List.of());

    assertThat(ranking(query, "a", "h", "x").ndcgAt10()).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void ndcgWeighsGradesAndRanks() {
    EvalQuery query = question(Stratum.EXACT, Map.of("a", 2, "h", 1), List.of());
    double ideal = 3 / 1.0 + 1 / LOG2_3;

    // the helper first, the answer second: 1/log2(2) + 3/log2(3)
    assertThat(ranking(query, "h", "a").ndcgAt10()).isCloseTo((1 + 3 / LOG2_3) / ideal, within(1e-12));
    // the answer third, the helper missing: 3/log2(4)
    assertThat(ranking(query, "x", "y", "a").ndcgAt10()).isCloseTo((3 / LOG2_4) / ideal, within(1e-12));
    assertThat(ranking(query, "x", "y").ndcgAt10()).isEqualTo(0.0);
  }

  @Test
  void ndcgOfAnAnswerAtRankTwoIsOneOverLog2OfThree() {
    EvalQuery query = question(Stratum.PARAPHRASE, Map.of("a", 2), List.of());

    assertThat(ranking(query, "x", "a").ndcgAt10()).isCloseTo(1 / LOG2_3, within(1e-12));
  }

  @Test
  void reciprocalRankCountsTheFirstAnsweringMemoryOnly() {
    EvalQuery query = question(Stratum.RAW, Map.of("a", 2, "h", 1), List.of());

    assertThat(ranking(query, "x", "h", "a").reciprocalRank()).isCloseTo(1 / 3.0, within(1e-12));
    assertThat(ranking(query, "a").reciprocalRank()).isEqualTo(1.0);
    assertThat(ranking(query, "h", "x").reciprocalRank()).isEqualTo(0.0);
  }

  @Test
  void theNewerMemoryMustComeFirstOrAtLeastAboveEveryOutdatedOne() {
    EvalQuery query = question(Stratum.CURRENT, Map.of("new", 2), List.of("old", "older"));

    assertThat(ranking(query, "new", "old").newerFirst()).isTrue();
    assertThat(ranking(query, "new", "old").newerAboveOlder()).isTrue();
    assertThat(ranking(query, "x", "new").newerFirst()).isFalse();
    assertThat(ranking(query, "x", "new").newerAboveOlder()).isTrue();
    assertThat(ranking(query, "old", "new").newerAboveOlder()).isFalse();
    assertThat(ranking(query, "new", "x", "older").newerAboveOlder()).isTrue();
    assertThat(ranking(query, "x", "older", "y", "new").newerAboveOlder()).isFalse();
    assertThat(ranking(query, "old", "x").newerAboveOlder()).isFalse();
    assertThat(ranking(query).newerFirst()).isFalse();
  }

  @Test
  void figuresAverageOverQuestionsAndTakeNearestRankPercentiles() {
    EvalQuery first = question(Stratum.CURRENT, Map.of("new", 2), List.of("old"));
    EvalQuery second = question(Stratum.CURRENT, Map.of("fresh", 2), List.of("stale"));
    List<QueryRanking> rankings = List.of(
        new QueryRanking(first, List.of("new", "old"), 10),
        new QueryRanking(second, List.of("stale", "fresh"), 40),
        new QueryRanking(first, List.of("old"), 20),
        new QueryRanking(second, List.of("x", "fresh"), 30));

    Figures figures = Figures.of("current", rankings);

    assertThat(figures.queries()).isEqualTo(4);
    assertThat(figures.recallAt10()).isEqualTo(0.75);
    assertThat(figures.mrr()).isCloseTo((1 + 0.5 + 0 + 0.5) / 4, within(1e-12));
    assertThat(figures.newerFirst()).hasValue(0.25);
    assertThat(figures.newerAboveOlder()).hasValue(0.5);
    assertThat(figures.p50Nanos()).isEqualTo(20);
    assertThat(figures.p95Nanos()).isEqualTo(40);
  }

  @Test
  void figuresOfOtherStrataHaveNoNewerShares() {
    Figures figures = Figures.of("exact", List.of(ranking(question(Stratum.EXACT, Map.of("a", 2), List.of()), "a")));

    assertThat(figures.newerFirst()).isEmpty();
    assertThat(figures.newerAboveOlder()).isEmpty();
  }

  @Test
  void aRankingHoldsAtMostTenDistinctMemories() {
    EvalQuery query = question(Stratum.EXACT, Map.of("a", 2), List.of());

    assertThatThrownBy(() -> ranking(query, "a", "a")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ranking(query, "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static EvalQuery question(Stratum stratum, Map<String, Integer> judgments, List<String> outdated) {
    String expanded = stratum == Stratum.RAW ? "" : "some expanded terms for the question";
    return new EvalQuery("q-" + stratum.letter(), stratum, "a question", expanded, Optional.empty(),
        new LinkedHashMap<>(judgments), outdated);
  }

  private static QueryRanking ranking(EvalQuery query, String... keys) {
    return new QueryRanking(query, List.of(keys), 1);
  }
}
