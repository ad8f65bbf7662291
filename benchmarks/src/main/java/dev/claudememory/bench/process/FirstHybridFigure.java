package dev.claudememory.bench.process;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.bench.corpus.Queries;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How soon after spawn recall is by meaning, on a home whose memories all have their vectors
 * stored (the everyday start): the client recalls from the handshake on, {@value #GAP_MILLIS} ms
 * between answer and next call, and the time is from spawning the process to the first answer
 * whose {@code search} is {@code hybrid}. The same home each spawn, so the model's files are
 * unpacked already, as on a user's machine after the first start.
 */
final class FirstHybridFigure {
  private static final long GAP_MILLIS = 20;
  private static final Duration BOUND = Duration.ofSeconds(30);

  private final Bench bench;

  FirstHybridFigure(Bench bench) {
    this.bench = bench;
  }

  List<Row> measure(Path folder, Path database, int memories) throws IOException, InterruptedException {
    int runs = bench.options().runs();
    bench.progress(String.format("first hybrid recall: %d spawns at %,d memories, recalling every %d ms",
        runs, memories, GAP_MILLIS));
    ObjectNode recall = ToolArguments.recall(new Queries(bench.options().seed()).next());
    Samples samples = new Samples();
    for (int run = 0; run < runs && samples.isMeasurable(); run++) {
      try (Session session =
          Session.open(bench, bench.servers().get(0), folder, MeaningFigures.settings(true, database))) {
        Waited waited = new SemanticWait(session).untilHybridRecall(recall, BOUND, Duration.ofMillis(GAP_MILLIS));
        if (waited instanceof Waited.NotReached) {
          samples = Samples.notMeasured(((Waited.NotReached) waited).reason());
        } else {
          samples.add(((Waited.Reached) waited).at() - session.process().spawnedAt());
        }
      }
    }
    return rows(samples, memories, runs);
  }

  List<Row> skipped(String why, int memories) {
    return rows(Samples.notMeasured(why), memories, bench.options().runs());
  }

  private static List<Row> rows(Samples samples, int memories, int runs) {
    String figure = String.format("spawn → first hybrid recall answer, %,d memories with vectors", memories);
    Unit s = Unit.SECONDS;
    return List.of(
        Row.of(figure + ", median of " + runs, List.of(samples.medianReading(s)), Target.atMost(1.5, s)),
        Row.of(figure + ", p99", List.of(samples.p99Reading(s))));
  }
}
