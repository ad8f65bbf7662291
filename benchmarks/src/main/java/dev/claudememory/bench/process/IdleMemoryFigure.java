package dev.claudememory.bench.process;

import dev.claudememory.bench.corpus.Queries;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Resident memory of a server at rest: a new home, the handshake and one recall (so the database
 * is open and the tools have run once), then {@value #SETTLE_MILLIS} ms of nothing. The median of
 * {@value #SPAWNS} spawns, servers alternating.
 */
final class IdleMemoryFigure {
  private static final int SPAWNS = 3;
  private static final long SETTLE_MILLIS = 2_000;

  private final Bench bench;

  IdleMemoryFigure(Bench bench) {
    this.bench = bench;
  }

  List<Row> measure() throws IOException, InterruptedException {
    int servers = bench.servers().size();
    bench.progress("idle RSS: " + SPAWNS + " spawns per server, " + SETTLE_MILLIS + " ms idle each");
    PerServer resident = new PerServer(servers);
    for (int spawn = 0; spawn < SPAWNS; spawn++) {
      for (int index = 0; index < servers; index++) {
        Path folder = bench.workspace().newFolder("idle");
        try (Session session = Session.open(bench, bench.servers().get(index), folder, Bench.byWords(Map.of()))) {
          if (session.offers(ToolArguments.RECALL)) {
            session.call(ToolArguments.RECALL, ToolArguments.recall(new Queries(bench.options().seed()).next()));
          }
          Thread.sleep(SETTLE_MILLIS);
          resident.of(index).add(session.process().residentBytes());
        } finally {
          bench.workspace().remove(folder);
        }
      }
    }
    return List.of(Row.of("idle RSS, median of " + SPAWNS, resident.medians(Unit.MEGABYTES),
        Target.atMost(48, Unit.MEGABYTES)));
  }
}
