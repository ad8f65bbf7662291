package dev.claudememory.bench.process;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Embedding the memories of a database that has none of their vectors yet, as after an upgrade:
 * from spawning the server with {@code MEMORY_SEMANTIC=on} until its {@code memory_count} says
 * ready (polled every {@value #POLL_MILLIS} ms), so the time holds the start, the model's loading
 * and every memory's embedding. The rate is the vectors written over that time.
 */
final class BackfillFigure {
  static final Duration BOUND = Duration.ofMinutes(15);
  private static final long POLL_MILLIS = 200;

  private final Bench bench;
  private Reading took;
  private Reading rate;
  private Optional<String> failure = Optional.empty();

  BackfillFigure(Bench bench) {
    this.bench = bench;
  }

  /**
   * Embeds the database's memories in its home {@code folder}; afterwards it holds their vectors,
   * unless {@link #failure} says why not.
   */
  BackfillFigure measure(Path folder, Path database, int memories) throws IOException, InterruptedException {
    bench.progress(String.format("backfill: embedding %,d memories from spawn to ready", memories));
    try (Session session = Session.open(bench, bench.servers().get(0), folder, MeaningFigures.settings(true, database))) {
      SemanticWait wait = new SemanticWait(session);
      Optional<SemanticStatus> before = wait.status();
      Waited waited = wait.untilReady(BOUND, Duration.ofMillis(POLL_MILLIS), status -> bench.progress("backfill: " + status));
      if (waited instanceof Waited.NotReached) {
        return failed(((Waited.NotReached) waited).reason());
      }
      long readyAt = ((Waited.Reached) waited).at();
      SemanticStatus after = wait.status().orElseThrow();
      long embedded = after.embedded() - before.map(SemanticStatus::embedded).orElse(0L);
      long nanos = readyAt - session.process().spawnedAt();
      took = Reading.of(Unit.SECONDS.of(nanos), Unit.SECONDS);
      rate = Reading.of(embedded / Unit.SECONDS.of(nanos), Unit.MEMORIES_PER_SECOND);
      bench.progress(String.format("backfill: %,d memories embedded in %s", embedded, took.text()));
      return this;
    }
  }

  BackfillFigure failed(String why) {
    failure = Optional.of(why);
    took = Reading.notMeasured(why);
    rate = Reading.notMeasured(why);
    return this;
  }

  /** Why the database may not hold every vector; empty when it does. */
  Optional<String> failure() {
    return failure;
  }

  List<Row> rows(int memories) {
    String of = String.format("%,d memories", memories);
    return List.of(
        Row.of("backfill of " + of + ": spawn → memory_count says ready", List.of(took)),
        Row.of("backfill rate, " + of + " embedded ÷ that time", List.of(rate),
            Target.atLeast(250, Unit.MEMORIES_PER_SECOND)));
  }
}
