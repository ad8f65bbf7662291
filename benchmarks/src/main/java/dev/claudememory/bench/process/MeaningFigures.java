package dev.claudememory.bench.process;

import dev.claudememory.bench.corpus.CorpusDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Recall by meaning, on ours alone (another server has no such setting): the backfill of 10,000
 * memories that have no vectors ({@link BackfillFigure}); on the database it leaves, the first
 * hybrid recall after spawn ({@link FirstHybridFigure}), hybrid and lexical round trips ({@link
 * MeaningRoundTrips}) and the model's resident memory ({@link ModelMemoryFigure}); then round trips
 * at 100,000 memories on a database embedded once and kept ({@link EmbeddedCorpus}); and what the
 * stored vectors take per memory ({@link VectorBytes}). Every figure of the 10,000-memory database
 * shares one home, so the model's files are unpacked once, as on a user's machine.
 */
final class MeaningFigures {
  private static final int MEMORIES = 10_000;
  private static final int MORE_MEMORIES = 100_000;

  private final Bench bench;

  MeaningFigures(Bench bench) {
    this.bench = bench;
  }

  /** The settings of a server on {@code database} with recall by meaning on or off. */
  static Map<String, String> settings(boolean semantic, Path database) {
    return Map.of("MEMORY_DB", database.toString(), Bench.SEMANTIC, semantic ? "on" : "off");
  }

  List<Row> measure() throws IOException, InterruptedException {
    List<Row> rows = new ArrayList<>();
    Path folder = bench.workspace().newFolder("meaning-" + MEMORIES);
    try {
      Path database = CorpusDatabase.copy(
          CorpusDatabase.cached(MEMORIES, bench.options().seed()), folder.resolve("db").resolve("memory.db"));
      BackfillFigure backfill = new BackfillFigure(bench).measure(folder, database, MEMORIES);
      rows.addAll(backfill.rows(MEMORIES));
      if (backfill.failure().isPresent()) {
        String why = "no vectors: " + backfill.failure().get();
        rows.addAll(new FirstHybridFigure(bench).skipped(why, MEMORIES));
        rows.addAll(new MeaningRoundTrips(bench).skipped(why, MEMORIES));
        rows.addAll(new ModelMemoryFigure(bench).skipped(why, MEMORIES));
        rows.add(bytesPerMemory(Reading.notMeasured(why), MEMORIES));
      } else {
        rows.addAll(new FirstHybridFigure(bench).measure(folder, database, MEMORIES));
        rows.addAll(new MeaningRoundTrips(bench).measure(MEMORIES, database));
        rows.addAll(new ModelMemoryFigure(bench).measure(folder, database, MEMORIES));
        rows.add(bytesPerMemory(kilobytes(VectorBytes.perVector(database)), MEMORIES));
      }
    } finally {
      bench.workspace().remove(folder);
    }

    EmbeddedCorpus embedded = new EmbeddedCorpus(bench);
    Waited complete = embedded.complete(MORE_MEMORIES);
    if (complete instanceof Waited.NotReached) {
      String why = "no vectors: " + ((Waited.NotReached) complete).reason();
      rows.addAll(new MeaningRoundTrips(bench).skipped(why, MORE_MEMORIES));
      rows.add(bytesPerMemory(Reading.notMeasured(why), MORE_MEMORIES));
    } else {
      rows.addAll(new MeaningRoundTrips(bench).measure(MORE_MEMORIES, embedded.file(MORE_MEMORIES)));
      rows.add(bytesPerMemory(kilobytes(VectorBytes.perVector(embedded.file(MORE_MEMORIES))), MORE_MEMORIES));
    }
    return rows;
  }

  private static Reading kilobytes(OptionalDouble bytes) {
    return bytes.isPresent()
        ? Reading.of(Unit.KILOBYTES.of(bytes.getAsDouble()), Unit.KILOBYTES)
        : Reading.notMeasured("no vectors stored");
  }

  private static Row bytesPerMemory(Reading reading, int memories) {
    return Row.of(String.format("stored vectors per memory at %,d memories (table and index pages ÷ vectors)", memories),
        List.of(reading), Target.atMost(0.5, Unit.KILOBYTES));
  }
}
