package dev.claudememory.bench.process;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.bench.corpus.CorpusDatabase;
import dev.claudememory.bench.corpus.Queries;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the embedding model costs in resident memory, on a database whose memories all have their
 * vectors: the server at rest after {@value #RECALLS} recalls and {@value #SETTLE_MILLIS} ms of
 * nothing, with the model loaded (once {@code memory_count} says ready; the recalls hybrid), with
 * {@code MEMORY_SEMANTIC=off}, and after the model unloaded ({@code
 * MEMORY_SEMANTIC_UNLOAD_AFTER=}{@value #UNLOAD_AFTER_SECONDS}, once {@code memory_count} says
 * unloaded). The median of {@value #SPAWNS} spawns of each, alternating.
 */
final class ModelMemoryFigure {
  private static final int SPAWNS = 3;
  private static final int RECALLS = 10;
  private static final long SETTLE_MILLIS = 2_000;
  private static final int UNLOAD_AFTER_SECONDS = 3;
  private static final Duration READY_BOUND = Duration.ofMinutes(5);
  private static final Duration UNLOAD_BOUND = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(100);

  private enum Mode { LOADED, OFF, UNLOADED }

  private final Bench bench;

  ModelMemoryFigure(Bench bench) {
    this.bench = bench;
  }

  List<Row> measure(Path folder, Path database, int memories) throws IOException, InterruptedException {
    bench.progress(String.format("idle RSS at %,d memories: %d spawns each with the model loaded, off and unloaded",
        memories, SPAWNS));
    Map<Mode, Samples> resident = new HashMap<>();
    for (Mode mode : Mode.values()) {
      resident.put(mode, new Samples());
    }
    for (int spawn = 0; spawn < SPAWNS; spawn++) {
      for (Mode mode : Mode.values()) {
        Samples samples = resident.get(mode);
        if (!samples.isMeasurable()) {
          continue;
        }
        Path copy = CorpusDatabase.copy(database, folder.resolve("idle").resolve("memory.db"));
        Optional<String> failure = idle(mode, folder, copy, samples);
        failure.ifPresent(why -> resident.put(mode, Samples.notMeasured(why)));
      }
    }
    return rows(resident.get(Mode.LOADED), resident.get(Mode.OFF), resident.get(Mode.UNLOADED), memories);
  }

  List<Row> skipped(String why, int memories) {
    Samples none = Samples.notMeasured(why);
    return rows(none, none, none, memories);
  }

  /** One spawn's resident memory at rest into {@code samples}, or why there is none. */
  private Optional<String> idle(Mode mode, Path folder, Path database, Samples samples)
      throws IOException, InterruptedException {
    Map<String, String> settings = new HashMap<>(MeaningFigures.settings(mode != Mode.OFF, database));
    if (mode == Mode.UNLOADED) {
      settings.put("MEMORY_SEMANTIC_UNLOAD_AFTER", Integer.toString(UNLOAD_AFTER_SECONDS));
    }
    try (Session session = Session.open(bench, bench.servers().get(0), folder, settings)) {
      SemanticWait wait = new SemanticWait(session);
      if (mode != Mode.OFF) {
        Waited ready = wait.untilReady(READY_BOUND, POLL, status -> {});
        if (ready instanceof Waited.NotReached) {
          return Optional.of(((Waited.NotReached) ready).reason());
        }
      }
      SearchTally tally = new SearchTally(mode == Mode.OFF ? "lexical" : SemanticWait.HYBRID);
      Queries queries = new Queries(bench.options().seed());
      for (int i = 0; i < RECALLS; i++) {
        ObjectNode arguments = ToolArguments.recall(queries.next());
        tally.accept(session.call(ToolArguments.RECALL, arguments));
      }
      if (tally.mismatch().isPresent()) {
        return tally.mismatch();
      }
      if (mode == Mode.UNLOADED) {
        Waited unloaded = wait.until(status -> status.state().equals(SemanticStatus.UNLOADED), SemanticStatus.UNLOADED,
            UNLOAD_BOUND, POLL, status -> {});
        if (unloaded instanceof Waited.NotReached) {
          return Optional.of(((Waited.NotReached) unloaded).reason());
        }
      }
      Thread.sleep(SETTLE_MILLIS);
      samples.add(session.process().residentBytes());
      return Optional.empty();
    }
  }

  private static List<Row> rows(Samples loaded, Samples off, Samples unloaded, int memories) {
    Unit mb = Unit.MEGABYTES;
    String at = String.format("idle RSS at %,d memories", memories);
    String median = ", median of " + SPAWNS;
    Reading overhead = loaded.isMeasurable() && off.isMeasurable()
        ? Reading.of(mb.of(loaded.median() - off.median()), mb)
        : Reading.notMeasured(loaded.isMeasurable() ? "MEMORY_SEMANTIC=off was not measured" : "the model was not measured");
    return List.of(
        Row.of(at + ", model loaded" + median, List.of(loaded.medianReading(mb))),
        Row.of(at + ", MEMORY_SEMANTIC=off" + median, List.of(off.medianReading(mb))),
        Row.of("idle RSS, model loaded − MEMORY_SEMANTIC=off (medians)", List.of(overhead), Target.atMost(80, mb)),
        Row.of(at + ", after the model unloaded" + median, List.of(unloaded.medianReading(mb))));
  }
}
