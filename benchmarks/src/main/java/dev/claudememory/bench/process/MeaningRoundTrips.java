package dev.claudememory.bench.process;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.bench.corpus.CorpusDatabase;
import dev.claudememory.bench.corpus.Queries;
import dev.claudememory.bench.corpus.RecallWords;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Recall round trips by meaning and by words on the same database, whose memories all have their
 * vectors, in one run: the server with {@code MEMORY_SEMANTIC=on}, once its {@code memory_count}
 * says ready, then with {@code MEMORY_SEMANTIC=off}; the same generated queries, a warm-up, then
 * one call at a time as {@link RoundTripFigures} times them. Every answer must say it ran the
 * search its series is for; a series with any other answer gives no figure. Resident memory is
 * read after each series.
 */
final class MeaningRoundTrips {
  private static final Duration READY_BOUND = Duration.ofMinutes(5);
  private static final Duration POLL = Duration.ofMillis(100);

  private final Bench bench;

  MeaningRoundTrips(Bench bench) {
    this.bench = bench;
  }

  /** The round trips of one server start, and its resident memory after them. */
  private record Series(Samples samples, Reading resident) {
    static Series notMeasured(String why) {
      return new Series(Samples.notMeasured(why), Reading.notMeasured(why));
    }
  }

  List<Row> measure(int memories, Path database) throws IOException, InterruptedException {
    return rows(memories, series(true, memories, database), series(false, memories, database));
  }

  List<Row> skipped(String why, int memories) {
    return rows(memories, Series.notMeasured(why), Series.notMeasured(why));
  }

  private Series series(boolean semantic, int memories, Path database) throws IOException, InterruptedException {
    BenchOptions options = bench.options();
    String search = semantic ? SemanticWait.HYBRID : "lexical";
    bench.progress(String.format("%s recall round trips at %,d memories: %d after %d to warm up",
        search, memories, options.calls(), options.warmUpCalls()));
    Path folder = bench.workspace().newFolder("meaning-round-trips-" + memories);
    try {
      Path copy = CorpusDatabase.copy(database, folder.resolve("db").resolve("memory.db"));
      try (Session session = Session.open(bench, bench.servers().get(0), folder, MeaningFigures.settings(semantic, copy))) {
        if (semantic) {
          Waited waited = new SemanticWait(session).untilReady(READY_BOUND, POLL, status -> bench.progress(search + ": " + status));
          if (waited instanceof Waited.NotReached) {
            return Series.notMeasured(((Waited.NotReached) waited).reason());
          }
        }
        List<ObjectNode> arguments = new ArrayList<>();
        for (RecallWords words : Queries.first(options.warmUpCalls() + options.calls(), options.seed())) {
          arguments.add(ToolArguments.recall(words));
        }
        SearchTally tally = new SearchTally(search);
        Samples timed = session.timeCalls(ToolArguments.RECALL, arguments, options.warmUpCalls(), tally);
        return new Series(tally.verified(timed),
            Reading.of(Unit.MEGABYTES.of(session.process().residentBytes()), Unit.MEGABYTES));
      }
    } finally {
      bench.workspace().remove(folder);
    }
  }

  private List<Row> rows(int memories, Series hybrid, Series lexical) {
    Unit ms = Unit.MILLISECONDS;
    String at = String.format(" at %,d memories", memories);
    String median = ", median of " + bench.options().calls();
    Target p95 = Target.atMost(memories >= 100_000 ? 80 : 15, ms);
    return List.of(
        Row.of("hybrid recall round trip" + at + median, List.of(hybrid.samples().medianReading(ms))),
        Row.of("hybrid recall round trip" + at + ", p95", List.of(hybrid.samples().p95Reading(ms)), p95),
        Row.of("lexical recall round trip (MEMORY_SEMANTIC=off)" + at + median,
            List.of(lexical.samples().medianReading(ms))),
        Row.of("lexical recall round trip (MEMORY_SEMANTIC=off)" + at + ", p95",
            List.of(lexical.samples().p95Reading(ms))),
        Row.of("RSS after the hybrid round trips" + at, List.of(hybrid.resident())),
        Row.of("RSS after the lexical round trips" + at, List.of(lexical.resident())));
  }
}
