package dev.claudememory.bench.jmh;

import dev.claudememory.bench.corpus.Corpus;
import dev.claudememory.core.fakes.FakeRemoteMemoryApi;
import dev.claudememory.core.fakes.SettableClock;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.port.RemoteMemoryApi;
import dev.claudememory.core.remote.ApiKey;
import dev.claudememory.core.remote.MemoryFields;
import dev.claudememory.core.sync.Backoff;
import dev.claudememory.core.sync.CycleReport;
import dev.claudememory.core.sync.SyncEngine;
import dev.claudememory.core.sync.SyncOptions;
import dev.claudememory.http.HttpRemoteMemoryApi;
import dev.claudememory.http.HttpTimeouts;
import dev.claudememory.sqlite.SqliteMemoryStore;
import dev.claudememory.testkit.FakeMemoryApiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A sync cycle that pulls 1,000 memories made on another machine into an empty local database
 * (lease, auth state, an empty push, then the full pull applied in one transaction). The server
 * is either {@code in-memory} (core's {@link FakeRemoteMemoryApi}: the engine and SQLite alone)
 * or {@code loopback} ({@link FakeMemoryApiServer} on 127.0.0.1 through the real HTTP client, so
 * HTTP and JSON decoding count too, and so does the fake server's own encoding).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {ProductJvm.C1_ONLY, ProductJvm.SERIAL_GC, ProductJvm.NO_JOOQ_LOGO, ProductJvm.NO_JOOQ_TIPS,
    PullBenchmark.FAKE_API_NODELAY})
public class PullBenchmark {
  /**
   * The fake API answers with Nagle off, as production HTTP servers do: the JDK server's default
   * adds a delayed-ACK wait of about 40 ms to each answer on loopback.
   */
  static final String FAKE_API_NODELAY = "-Dsun.net.httpserver.nodelay=true";

  private static final int CHANGES = 1_000;
  private static final String API_KEY = "bench-key";

  @Param({"in-memory", "loopback"})
  public String server;

  private BenchFolder folder;
  private Path emptyDatabase;
  private FakeMemoryApiServer loopbackServer;
  private HttpRemoteMemoryApi httpApi;
  private RemoteMemoryApi api;
  private Path database;
  private SqliteMemoryStore store;
  private SyncEngine engine;
  private int pulls;

  @Setup(Level.Trial)
  public void fillServer() throws Exception {
    folder = BenchFolder.create();
    emptyDatabase = folder.resolve("empty.db");
    SqliteMemoryStore.open(emptyDatabase).close(); // migrated once; each pull starts from a copy
    Corpus corpus = new Corpus(Corpus.DEFAULT_SEED);
    if (server.equals("loopback")) {
      loopbackServer = new FakeMemoryApiServer(API_KEY).start();
      for (int i = 0; i < CHANGES; i++) {
        NewMemory memory = corpus.next();
        loopbackServer.serverSideStore(memory.content().text(), memory.category().name());
      }
      httpApi =
          HttpRemoteMemoryApi.create(
              loopbackServer.baseUri(), ApiKey.of("MEMORY_API_KEY", API_KEY), HttpTimeouts.withRecall(Duration.ofSeconds(30)));
      api = httpApi;
    } else {
      FakeRemoteMemoryApi inMemory = new FakeRemoteMemoryApi(new SettableClock(Instant.parse("2026-01-15T10:00:00Z")));
      for (int i = 0; i < CHANGES; i++) {
        NewMemory memory = corpus.next();
        inMemory.createElsewhere(
            new MemoryFields(memory.content().text(), memory.category().name(), memory.tags(),
                memory.expandedKeywords(), memory.importance().value(), false));
      }
      api = inMemory;
    }
  }

  @Setup(Level.Invocation)
  public void openEmptyDatabase() throws Exception {
    database = folder.resolve("pull-" + pulls++ + ".db");
    Files.copy(emptyDatabase, database);
    store = SqliteMemoryStore.open(database);
    engine =
        new SyncEngine(store, api, Clock.systemUTC(), SyncOptions.defaults(Duration.ofSeconds(60)),
            new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), () -> 0.5), "benchmark");
  }

  @Benchmark
  public CycleReport pullThousandChanges() {
    CycleReport report = engine.runCycle();
    if (!report.pulled()) {
      throw new IllegalStateException("the pull failed: " + report);
    }
    return report;
  }

  @TearDown(Level.Invocation)
  public void closeDatabase() throws Exception {
    store.close();
    Files.delete(database);
  }

  @TearDown(Level.Trial)
  public void close() {
    try {
      if (loopbackServer != null) {
        httpApi.close();
        loopbackServer.close();
      }
    } finally {
      folder.close();
    }
  }
}
