package dev.claudememory.bench.recall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ConfigurationRunTest {
  private static final List<QueryRanking> RANKINGS = List.of(
      new QueryRanking(QueryRankingTest.question(Stratum.EXACT, Map.of("a", 2), List.of()), List.of("a"), 1),
      new QueryRanking(QueryRankingTest.question(Stratum.RAW, Map.of("b", 2), List.of()), List.of("b"), 1));

  @Test
  void hybridFiguresAreRefusedWhenAnyAnswerRanALexicalSearch() {
    Outcome outcome = ConfigurationRun.verdict(Configuration.HYBRID, RANKINGS, searches("hybrid", "lexical"));

    assertThat(outcome).isInstanceOf(Outcome.Refused.class);
    assertThat(((Outcome.Refused) outcome).reason()).contains("1 of 2");
  }

  @Test
  void hybridFiguresAreRefusedWhenAnswersDoNotSayWhichSearchRan() {
    assertThat(ConfigurationRun.verdict(Configuration.HYBRID, RANKINGS, searches(null, null)))
        .isInstanceOf(Outcome.Refused.class);
  }

  @Test
  void hybridAnswersAreMeasured() {
    assertThat(ConfigurationRun.verdict(Configuration.HYBRID, RANKINGS, searches("hybrid", "hybrid")))
        .isEqualTo(new Outcome.Measured(Configuration.HYBRID, RANKINGS, true));
  }

  @Test
  void lexicalFiguresAreRefusedWhenTheServerRanAHybridSearchAnyway() {
    assertThat(ConfigurationRun.verdict(Configuration.LEXICAL, RANKINGS, searches("lexical", "hybrid")))
        .isInstanceOf(Outcome.Refused.class);
  }

  @Test
  void aBuildThatDoesNotSayWhichSearchRanGivesLexicalFigures() {
    assertThat(ConfigurationRun.verdict(Configuration.LEXICAL, RANKINGS, searches(null, null)))
        .isEqualTo(new Outcome.Measured(Configuration.LEXICAL, RANKINGS, false));
    assertThat(ConfigurationRun.verdict(Configuration.LEXICAL, RANKINGS, searches("lexical", "lexical")))
        .isEqualTo(new Outcome.Measured(Configuration.LEXICAL, RANKINGS, true));
  }

  private static List<String> searches(String... values) {
    return Arrays.stream(values).collect(Collectors.toList());
  }
}
