package dev.claudememory.bench.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class MeaningRoundTripsTest {
  @Test
  @Timeout(60)
  void aHybridSeriesWithAnyLexicalAnswerGivesNoHybridFigure() throws Exception {
    List<Row> rows = measure("mixed");

    Row hybridP95 = row(rows, "hybrid recall round trip at 10,000 memories, p95");
    assertThat(hybridP95.ours().value()).isEmpty();
    // a warm-up of 2 and 6 timed calls: every third answer is lexical
    assertThat(hybridP95.ours().text())
        .isEqualTo("n/a (2 of 8 answers were not hybrid, first lexical: the embedding model is loading)");
  }

  @Test
  @Timeout(60)
  void aHybridSeriesIsTimedOnceTheServerSaysReadyAndAgainstItsTarget() throws Exception {
    List<Row> rows = measure("ready-after-3");

    Row hybridP95 = row(rows, "hybrid recall round trip at 10,000 memories, p95");
    assertThat(hybridP95.ours().value()).isPresent();
    assertThat(hybridP95.target()).hasValue(Target.atMost(15, Unit.MILLISECONDS));
    assertThat(row(rows, "hybrid recall round trip at 10,000 memories, median of " + FakeServers.CALLS)
        .ours().value()).isPresent();
    assertThat(row(rows, "RSS after the hybrid round trips at 10,000 memories").ours().text()).endsWith(" MB");
  }

  private static List<Row> measure(String mode) throws Exception {
    try (Workspace workspace = Workspace.create()) {
      Bench bench = FakeServers.bench(workspace, mode, new ByteArrayOutputStream());
      Path database = Files.writeString(workspace.newFolder("database").resolve("memory.db"), "a stand-in file");
      return new MeaningRoundTrips(bench).measure(10_000, database);
    }
  }

  private static Row row(List<Row> rows, String figure) {
    return rows.stream().filter(row -> row.figure().equals(figure)).findFirst()
        .orElseThrow(() -> new AssertionError("no row " + figure + " in " + rows));
  }
}
