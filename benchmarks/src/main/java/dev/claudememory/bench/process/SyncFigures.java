package dev.claudememory.bench.process;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.bench.corpus.Corpus;
import dev.claudememory.bench.corpus.Queries;
import dev.claudememory.testkit.FakeMemoryApiServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What sync costs a user: how long a memory stored through one server takes to be found by
 * another (two processes on separate database files, syncing through the fake API on loopback
 * every {@value #INTERVAL_SECONDS} s), and the store round trip while the API is up, down (a
 * closed port) or silent (accepts connections, never answers).
 */
final class SyncFigures {
  static final int INTERVAL_SECONDS = 2;
  private static final Duration VISIBILITY_BOUND = Duration.ofSeconds(30);
  private static final long POLL_MILLIS = 10;
  private static final long FIRST_CYCLES_MILLIS = 3_000;

  private final Bench bench;

  SyncFigures(Bench bench) {
    this.bench = bench;
  }

  List<Row> measure() throws IOException, InterruptedException {
    List<Row> rows = new ArrayList<>(visibility());
    rows.addAll(storeWhileApi());
    return rows;
  }

  private List<Row> visibility() throws IOException, InterruptedException {
    int servers = bench.servers().size();
    int probes = bench.options().runs();
    PerServer visible = new PerServer(servers);
    for (int index = 0; index < servers; index++) {
      ServerCommand server = bench.servers().get(index);
      bench.progress("store in A → found in B (" + server.name() + "): " + probes + " probes, sync every "
          + INTERVAL_SECONDS + " s");
      Path folderA = bench.workspace().newFolder("sync-a");
      Path folderB = bench.workspace().newFolder("sync-b");
      try (FakeMemoryApiServer api = new FakeMemoryApiServer(SyncSettings.API_KEY).start()) {
        Map<String, String> settings =
            Bench.byWords(SyncSettings.towards(
                api.baseUri().toString(), Map.of("MEMORY_SYNC_INTERVAL", Integer.toString(INTERVAL_SECONDS))));
        try (Session a = Session.open(bench, server, folderA, settings);
            Session b = Session.open(bench, server, folderB, settings)) {
          if (!a.offers(ToolArguments.STORE) || !a.offers(ToolArguments.RECALL)) {
            visible.set(index, Samples.notMeasured("no " + ToolArguments.STORE + " or " + ToolArguments.RECALL));
            continue;
          }
          ObjectNode anyRecall = ToolArguments.recall(new Queries(bench.options().seed()).next());
          a.call(ToolArguments.RECALL, anyRecall);
          b.call(ToolArguments.RECALL, anyRecall);
          Thread.sleep(FIRST_CYCLES_MILLIS); // both past their first sync cycle
          Random random = new Random(bench.options().seed());
          for (int probe = 0; probe < probes; probe++) {
            // at a random point of B's cycle: a probe right after the last one was found would
            // always store just after B's pull, and always wait a whole interval
            Thread.sleep(random.nextInt(INTERVAL_SECONDS * 1_000));
            visible.of(index).add(storeAndFind(a, b, "probe" + Long.toString(random.nextLong() >>> 1, 36)));
          }
        }
      } finally {
        bench.workspace().remove(folderA);
        bench.workspace().remove(folderB);
      }
    }
    String figure = "store in A → found by recall in B, sync interval " + INTERVAL_SECONDS + " s";
    return List.of(
        Row.of(figure + ", median of " + probes, visible.medians(Unit.MILLISECONDS)),
        Row.of(figure + ", p99", visible.p99s(Unit.MILLISECONDS)));
  }

  /** Nanoseconds from A's answer to the store until a recall in B finds the memory. */
  private long storeAndFind(Session a, Session b, String word) throws IOException, InterruptedException {
    // looked for in B's answer: a "nothing found" answer may repeat the word, never this
    String marker = "Sync check " + word + ":";
    ObjectNode store = McpClient.object();
    store.put("content", marker + " the staging deploy waits for the schema migration.");
    store.put("expanded_keywords", word + " sync deploy staging migration schema");
    a.call(ToolArguments.STORE, store);
    long stored = System.nanoTime();
    ObjectNode recall = McpClient.object();
    recall.put("context", word);
    recall.put("expanded_query", word);
    long deadline = stored + VISIBILITY_BOUND.toNanos();
    while (!b.call(ToolArguments.RECALL, recall).text().contains(marker)) {
      if (System.nanoTime() - deadline > 0) {
        throw new BenchFailure("a memory stored in A was not found in B within " + VISIBILITY_BOUND.toSeconds() + " s");
      }
      Thread.sleep(POLL_MILLIS);
    }
    return System.nanoTime() - stored;
  }

  private List<Row> storeWhileApi() throws IOException {
    Unit ms = Unit.MILLISECONDS;
    String median = ", median of " + bench.options().calls();
    List<Row> rows = new ArrayList<>();
    try (FakeMemoryApiServer api = new FakeMemoryApiServer(SyncSettings.API_KEY).start()) {
      rows.add(Row.of("store round trip, API up" + median, storeRoundTrips("API up", api.baseUri().toString()),
          Target.atMost(0.25, ms)));
    }
    rows.add(Row.of("store round trip, API down (closed port)" + median,
        storeRoundTrips("API down", SilentServer.closedPortUrl()), Target.atMost(0.25, ms)));
    try (SilentServer silent = SilentServer.start()) {
      rows.add(Row.of("store round trip, API silent (never answers)" + median,
          storeRoundTrips("API silent", silent.baseUrl()), Target.atMost(0.25, ms)));
    }
    return rows;
  }

  private List<Reading> storeRoundTrips(String condition, String apiUrl) throws IOException {
    BenchOptions options = bench.options();
    List<Reading> medians = new ArrayList<>();
    for (ServerCommand server : bench.servers()) {
      bench.progress("store round trips, " + condition + " (" + server.name() + "): " + options.calls()
          + " after " + options.warmUpCalls() + " to warm up");
      Path folder = bench.workspace().newFolder("store-" + condition.replace(' ', '-'));
      try (Session session = Session.open(bench, server, folder, Bench.byWords(SyncSettings.towards(apiUrl, Map.of())))) {
        if (!session.offers(ToolArguments.STORE)) {
          medians.add(Reading.notMeasured("no " + ToolArguments.STORE));
          continue;
        }
        Corpus corpus = new Corpus(options.seed() + 3);
        List<ObjectNode> arguments = new ArrayList<>();
        for (int i = 0; i < options.warmUpCalls() + options.calls(); i++) {
          arguments.add(ToolArguments.store(corpus.next()));
        }
        medians.add(session.timeCalls(ToolArguments.STORE, arguments, options.warmUpCalls())
            .medianReading(Unit.MILLISECONDS));
      } finally {
        bench.workspace().remove(folder);
      }
    }
    return medians;
  }
}
