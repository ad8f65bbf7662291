package dev.claudememory.bench.process;

import dev.claudememory.bench.corpus.Corpus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * 200 stores in flight over one connection, as a client that does not wait between calls sends
 * them: all 200 request lines in one write, then the 200 answers read, in whatever order they
 * come. Wall time from the write to the last answer, per batch, on a new home after a warm-up.
 */
final class ConcurrencyFigure {
  static final int IN_FLIGHT = 200;
  private static final int WARM_UP_BATCHES = 3;

  private final Bench bench;

  ConcurrencyFigure(Bench bench) {
    this.bench = bench;
  }

  List<Row> measure() throws IOException {
    int runs = bench.options().runs();
    int servers = bench.servers().size();
    PerServer walls = new PerServer(servers);
    for (int index = 0; index < servers; index++) {
      ServerCommand server = bench.servers().get(index);
      bench.progress(IN_FLIGHT + " concurrent stores (" + server.name() + "): " + runs + " batches after "
          + WARM_UP_BATCHES + " to warm up");
      Path folder = bench.workspace().newFolder("concurrent-stores");
      try (Session session = Session.open(bench, server, folder, Bench.byWords(Map.of()))) {
        if (!session.offers(ToolArguments.STORE)) {
          walls.set(index, Samples.notMeasured("no " + ToolArguments.STORE));
          continue;
        }
        Corpus corpus = new Corpus(bench.options().seed() + 2);
        for (int batch = 0; batch < WARM_UP_BATCHES + runs; batch++) {
          List<McpClient.Call> calls = new ArrayList<>(IN_FLIGHT);
          for (int i = 0; i < IN_FLIGHT; i++) {
            calls.add(session.client().prepareToolCall(ToolArguments.STORE, ToolArguments.store(corpus.next())));
          }
          long sent = System.nanoTime();
          session.client().sendAll(calls);
          List<McpClient.ToolResult> results = session.client().awaitAll(calls);
          long answered = System.nanoTime();
          results.forEach(result -> session.requireSuccess(ToolArguments.STORE, result));
          if (batch >= WARM_UP_BATCHES) {
            walls.of(index).add(answered - sent);
          }
        }
      } finally {
        bench.workspace().remove(folder);
      }
    }
    Unit ms = Unit.MILLISECONDS;
    return List.of(
        Row.of(IN_FLIGHT + " concurrent stores over one connection, wall, median of " + runs, walls.medians(ms),
            Target.atMost(40, ms)),
        Row.of(IN_FLIGHT + " concurrent stores over one connection, wall, p99", walls.p99s(ms)));
  }
}
