package dev.claudememory.bench.process;

import dev.claudememory.bench.corpus.Corpus;
import dev.claudememory.bench.corpus.CorpusDatabase;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.testkit.FakeMemoryApiServer;
import dev.claudememory.testkit.ServerMemory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A queue of 10,000 stores (a database written while no API was configured: every write queued
 * its op) drained to the fake memory API on loopback by a server started on it with an API key:
 * from spawning the server to the fake holding 10,000 live memories. Then, after a pause in which
 * a repeated send would arrive, exactly once is checked: 10,000 live memories, 10,000 distinct
 * contents, each one of the queued memories.
 */
final class DrainFigure {
  private static final int QUEUED = 10_000;
  private static final Duration BOUND = Duration.ofMinutes(2);
  private static final long POLL_MILLIS = 20;
  private static final long SETTLE_MILLIS = 2_000;

  private final Bench bench;

  DrainFigure(Bench bench) {
    this.bench = bench;
  }

  List<Row> measure() throws IOException, InterruptedException {
    BenchOptions options = bench.options();
    Path queued = CorpusDatabase.cached(QUEUED, options.seed());
    Set<String> expected = new HashSet<>();
    for (NewMemory memory : Corpus.first(QUEUED, options.seed())) {
      expected.add(memory.content().text());
    }
    int servers = bench.servers().size();
    PerServer drains = new PerServer(servers);
    String[] verdicts = new String[servers];
    Arrays.fill(verdicts, "yes");
    for (int drain = 0; drain < options.drains(); drain++) {
      for (int index = 0; index < servers; index++) {
        ServerCommand server = bench.servers().get(index);
        bench.progress(String.format("drain of %,d queued ops (%s), %d of %d", QUEUED, server.name(), drain + 1,
            options.drains()));
        Path folder = bench.workspace().newFolder("drain");
        try (FakeMemoryApiServer api = new FakeMemoryApiServer(SyncSettings.API_KEY).start()) {
          Path database = CorpusDatabase.copy(queued, folder.resolve("db").resolve("memory.db"));
          Map<String, String> settings =
              Bench.byWords(SyncSettings.towards(api.baseUri().toString(), Map.of("MEMORY_DB", database.toString())));
          try (Session session = Session.open(bench, server, folder, settings)) {
            long deadline = session.process().spawnedAt() + BOUND.toNanos();
            int there;
            while ((there = api.serverMemories().size()) < QUEUED && System.nanoTime() - deadline < 0) {
              Thread.sleep(POLL_MILLIS);
            }
            if (there < QUEUED) {
              drains.set(index, Samples.notMeasured(
                  String.format("over %d s: %,d of %,d there", BOUND.toSeconds(), there, QUEUED)));
              verdicts[index] = "not checked";
              continue;
            }
            if (drains.of(index).isMeasurable()) {
              drains.of(index).add(System.nanoTime() - session.process().spawnedAt());
            }
            Thread.sleep(SETTLE_MILLIS);
            String verdict = verdict(api.serverMemories(), expected);
            if (verdicts[index].equals("yes")) {
              verdicts[index] = verdict; // the first failure is the one shown
            }
          }
        } finally {
          bench.workspace().remove(folder);
        }
      }
    }
    List<Reading> checks = new ArrayList<>();
    for (int index = 0; index < servers; index++) {
      checks.add(Reading.text(verdicts[index]));
    }
    String figure = String.format("%,d queued ops drained to the fake API (spawn → all there)", QUEUED);
    return List.of(
        Row.of(figure + ", median of " + options.drains(), drains.medians(Unit.SECONDS),
            Target.atMost(5, Unit.SECONDS)),
        Row.of(String.format("%,d queued ops drained exactly once (%,d live, %,d distinct, all the queued ones)",
            QUEUED, QUEUED, QUEUED), checks));
  }

  private static String verdict(List<ServerMemory> live, Set<String> expected) {
    Set<String> contents = new HashSet<>();
    for (ServerMemory memory : live) {
      contents.add(memory.originalContent());
    }
    boolean allThere = contents.containsAll(expected);
    if (live.size() == expected.size() && contents.size() == expected.size() && allThere) {
      return "yes";
    }
    return String.format("NO: %,d live, %,d distinct%s", live.size(), contents.size(),
        allThere ? "" : ", some queued ones missing");
  }
}
