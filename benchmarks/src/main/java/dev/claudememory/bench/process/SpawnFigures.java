package dev.claudememory.bench.process;

import dev.claudememory.bench.corpus.CorpusDatabase;
import dev.claudememory.bench.corpus.Queries;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Start-up as a client sees it: from spawning the process to the answer of the first {@code
 * tools/list} (after {@code initialize}), and to the result of the first tool call (a {@code
 * memory_recall}, what an assistant does first; a server without it gets its first tool called
 * with no arguments). Each spawn gets a new {@code MEMORY_HOME} and {@code HOME}: a first start
 * ever, which creates and migrates the database; then again on a copy of a 10,000-memory
 * database, the everyday start. Servers alternate spawn by spawn.
 */
final class SpawnFigures {
  private static final int EXISTING_MEMORIES = 10_000;

  private final Bench bench;

  SpawnFigures(Bench bench) {
    this.bench = bench;
  }

  List<Row> measure() throws IOException {
    int runs = bench.options().runs();
    Path existing = CorpusDatabase.cached(EXISTING_MEMORIES, bench.options().seed());
    bench.progress("spawn figures: " + runs + " spawns per server on a new home, " + runs + " on an existing database");
    for (ServerCommand server : bench.servers()) {
      spawn(server, Optional.empty()); // untimed: brings the jar and class-data archive into the page cache
    }
    int servers = bench.servers().size();
    PerServer toToolList = new PerServer(servers);
    PerServer toFirstResult = new PerServer(servers);
    PerServer toFirstResultExisting = new PerServer(servers);
    for (int run = 0; run < runs; run++) {
      for (int index = 0; index < servers; index++) {
        long[] times = spawn(bench.servers().get(index), Optional.empty());
        toToolList.of(index).add(times[0]);
        toFirstResult.of(index).add(times[1]);
      }
    }
    for (int run = 0; run < runs; run++) {
      for (int index = 0; index < servers; index++) {
        toFirstResultExisting.of(index).add(spawn(bench.servers().get(index), Optional.of(existing))[1]);
      }
    }
    String of = ", median of " + runs;
    Unit ms = Unit.MILLISECONDS;
    return List.of(
        Row.of("spawn → first tools/list answer" + of, toToolList.medians(ms), Target.atMost(100, ms)),
        Row.of("spawn → first tools/list answer, p99", toToolList.p99s(ms)),
        Row.of("spawn → first tool result, new home" + of, toFirstResult.medians(ms), Target.atMost(350, ms)),
        Row.of("spawn → first tool result, new home, p99", toFirstResult.p99s(ms)),
        Row.of("spawn → first tool result, 10,000-memory database" + of, toFirstResultExisting.medians(ms)),
        Row.of("spawn → first tool result, 10,000-memory database, p99", toFirstResultExisting.p99s(ms)));
  }

  /** Nanoseconds from spawn to the tools/list answer and to the first tool result. */
  private long[] spawn(ServerCommand server, Optional<Path> database) throws IOException {
    Path folder = bench.workspace().newFolder("spawn");
    try {
      Map<String, String> settings = Map.of();
      if (database.isPresent()) {
        Path copy = CorpusDatabase.copy(database.get(), folder.resolve("db").resolve("memory.db"));
        settings = Map.of("MEMORY_DB", copy.toString());
      }
      try (Session session = Session.open(bench, server, folder, settings)) {
        McpClient client = session.client();
        if (session.offers(ToolArguments.RECALL)) {
          session.call(ToolArguments.RECALL, ToolArguments.recall(new Queries(bench.options().seed()).next()));
        } else {
          client.callTool(session.tools().get(0), McpClient.object());
        }
        long resulted = System.nanoTime();
        return new long[] {session.spawnToToolList(), resulted - session.process().spawnedAt()};
      }
    } finally {
      bench.workspace().remove(folder);
    }
  }
}
