package dev.claudememory.bench.process;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.bench.corpus.Corpus;
import dev.claudememory.bench.corpus.CorpusDatabase;
import dev.claudememory.bench.corpus.Queries;
import dev.claudememory.bench.corpus.RecallWords;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Store and recall round trips through the real server process on a copy of a corpus database:
 * from writing the request line to reading its answer line, one call at a time, after a warm-up.
 * Stores add new memories; recalls ask generated assistant queries (relevance order, limit 10).
 * The server's resident memory is read after both series. Recall by meaning is off: these are the
 * figures of recall by words, with no embedding beside them ({@link MeaningFigures} has the others).
 */
final class RoundTripFigures {
  private final Bench bench;

  RoundTripFigures(Bench bench) {
    this.bench = bench;
  }

  List<Row> measure(int memories) throws IOException {
    BenchOptions options = bench.options();
    Path corpus = CorpusDatabase.cached(memories, options.seed());
    int servers = bench.servers().size();
    PerServer stores = new PerServer(servers);
    PerServer recalls = new PerServer(servers);
    List<Reading> resident = new ArrayList<>();
    for (int index = 0; index < servers; index++) {
      ServerCommand server = bench.servers().get(index);
      bench.progress(String.format(
          "round trips at %,d memories (%s): %d stores and %d recalls after %d of each to warm up",
          memories, server.name(), options.calls(), options.calls(), options.warmUpCalls()));
      Path folder = bench.workspace().newFolder("round-trips-" + memories);
      try {
        Path database = CorpusDatabase.copy(corpus, folder.resolve("db").resolve("memory.db"));
        try (Session session = Session.open(bench, server, folder, Bench.byWords(Map.of("MEMORY_DB", database.toString())))) {
          if (!session.offers(ToolArguments.STORE) || !session.offers(ToolArguments.RECALL)) {
            String why = "no " + ToolArguments.STORE + " or " + ToolArguments.RECALL;
            stores.set(index, Samples.notMeasured(why));
            recalls.set(index, Samples.notMeasured(why));
            resident.add(Reading.notMeasured(why));
            continue;
          }
          int total = options.warmUpCalls() + options.calls();
          // another seed than the stored memories': new memories, as a session adds
          Corpus newMemories = new Corpus(options.seed() + 1);
          List<ObjectNode> storeArguments = new ArrayList<>(total);
          for (int i = 0; i < total; i++) {
            storeArguments.add(ToolArguments.store(newMemories.next()));
          }
          List<ObjectNode> recallArguments = new ArrayList<>(total);
          for (RecallWords words : Queries.first(total, options.seed())) {
            recallArguments.add(ToolArguments.recall(words));
          }
          stores.set(index, session.timeCalls(ToolArguments.STORE, storeArguments, options.warmUpCalls()));
          recalls.set(index, session.timeCalls(ToolArguments.RECALL, recallArguments, options.warmUpCalls()));
          resident.add(Reading.of(Unit.MEGABYTES.of(session.process().residentBytes()), Unit.MEGABYTES));
        }
      } finally {
        bench.workspace().remove(folder);
      }
    }
    Unit ms = Unit.MILLISECONDS;
    String at = String.format(" at %,d memories", memories);
    String median = ", median of " + options.calls();
    List<Row> rows = new ArrayList<>();
    rows.add(Row.of("store round trip" + at + median, stores.medians(ms), Target.atMost(0.25, ms)));
    rows.add(Row.of("store round trip" + at + ", p99", stores.p99s(ms)));
    if (memories >= 100_000) {
      rows.add(Row.of("recall round trip" + at + median, recalls.medians(ms)));
      rows.add(Row.of("recall round trip" + at + ", p99", recalls.p99s(ms), Target.atMost(10, ms)));
      rows.add(Row.of(String.format("RSS after %,d memories (after the round trips)", memories), resident,
          Target.atMost(96, Unit.MEGABYTES)));
    } else {
      rows.add(Row.of("recall round trip" + at + median, recalls.medians(ms), Target.atMost(1.5, ms)));
      rows.add(Row.of("recall round trip" + at + ", p99", recalls.p99s(ms)));
    }
    return rows;
  }
}
