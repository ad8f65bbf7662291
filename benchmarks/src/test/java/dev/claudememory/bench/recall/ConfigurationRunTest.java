package dev.claudememory.bench.recall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.bench.process.ServerCommand;
import dev.claudememory.bench.process.Workspace;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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

  @Test
  @Timeout(60)
  void hybridWaitsUntilTheServerSaysItsVectorsAreReady() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    Outcome outcome = runAgainstFakeServer("hybrid", Configuration.HYBRID, log);

    assertThat(outcome).isInstanceOf(Outcome.Measured.class);
    assertThat(((Outcome.Measured) outcome).rankings()).singleElement()
        .satisfies(ranking -> assertThat(ranking.ranked()).containsExactly("a"));
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("waiting for the vectors: {\"state\":\"indexing\"}")
        .contains("vectors ready");
  }

  @Test
  @Timeout(60)
  void hybridIsUnavailableWhenTheServerCountsNoSemanticState() throws Exception {
    Outcome outcome = runAgainstFakeServer("no-semantic", Configuration.HYBRID, new ByteArrayOutputStream());

    assertThat(outcome).isInstanceOf(Outcome.Unavailable.class);
    assertThat(((Outcome.Unavailable) outcome).reason()).contains("no semantic search");
  }

  @Test
  @Timeout(60)
  void aReadyServerThatAnswersLexicallyGivesNoHybridFigure() throws Exception {
    Outcome outcome = runAgainstFakeServer("lexical", Configuration.HYBRID, new ByteArrayOutputStream());

    assertThat(outcome).isInstanceOf(Outcome.Refused.class);
  }

  private static Outcome runAgainstFakeServer(String mode, Configuration configuration, ByteArrayOutputStream log)
      throws Exception {
    ServerCommand fake = new ServerCommand("fake", List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        FakeRecallServer.class.getName(), mode));
    EvalQuery question = QueryRankingTest.question(Stratum.EXACT, Map.of("a", 2), List.of());
    try (Workspace workspace = Workspace.create()) {
      ConfigurationRun run = new ConfigurationRun(workspace, fake, workspace.newFolder("fake"), Map.of(1L, "a"),
          new PrintStream(log, true, StandardCharsets.UTF_8));
      return run.run(configuration, List.of(question));
    }
  }

  private static List<String> searches(String... values) {
    return Arrays.stream(values).collect(Collectors.toList());
  }
}
