package dev.claudememory.bench.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BackfillFigureTest {
  @Test
  @Timeout(60)
  void theRateIsTheVectorsWrittenFromSpawnUntilTheCountSaysReady() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (Workspace workspace = Workspace.create()) {
      Bench bench = FakeServers.bench(workspace, "ready-after-3", log);
      Path folder = workspace.newFolder("backfill");

      BackfillFigure figure = new BackfillFigure(bench).measure(folder, folder.resolve("memory.db"), 1_000);

      assertThat(figure.failure()).isEmpty();
      List<Row> rows = figure.rows(1_000);
      Reading took = rows.get(0).ours();
      Reading rate = rows.get(1).ours();
      assertThat(took.text()).endsWith(" s");
      assertThat(rate.text()).endsWith(" memories/s");
      // the fake counts none embedded at first and all 1,000 once ready
      assertThat(rate.value().getAsDouble() * took.value().getAsDouble()).isCloseTo(1_000, within(1e-6));
      assertThat(rows.get(1).target()).hasValue(Target.atLeast(250, Unit.MEMORIES_PER_SECOND));
      assertThat(log.toString(StandardCharsets.UTF_8)).contains("backfill: embedding, 400 of 1000 embedded");
    }
  }

  @Test
  @Timeout(60)
  void aModelThatCannotRunLeavesTheFiguresUnmeasuredWithTheServersReason() throws Exception {
    try (Workspace workspace = Workspace.create()) {
      Bench bench = FakeServers.bench(workspace, "unavailable", new ByteArrayOutputStream());
      Path folder = workspace.newFolder("backfill");

      BackfillFigure figure = new BackfillFigure(bench).measure(folder, folder.resolve("memory.db"), 1_000);

      assertThat(figure.failure()).hasValueSatisfying(
          why -> assertThat(why).contains(FakeMeaningServer.UNAVAILABLE_BECAUSE));
      assertThat(figure.rows(1_000)).allSatisfy(row -> {
        assertThat(row.ours().value()).isEmpty();
        assertThat(row.ours().text()).startsWith("n/a (").contains(FakeMeaningServer.UNAVAILABLE_BECAUSE);
      });
    }
  }
}
