package dev.claudememory.mcp;

import static dev.claudememory.mcp.McpProcess.arguments;
import static dev.claudememory.mcp.McpProcess.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.testkit.FakeMemoryApiServer;
import dev.claudememory.testkit.FaultProxy;
import dev.claudememory.testkit.ServerMemory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Three MCP server processes in hybrid mode — A and B on one database file, C on its own — used
 * at once through the real stdio protocol while a {@link FaultProxy} between them and the fake
 * API server injects faults, the API server is stopped and restarted, its key is refused for a
 * stretch, and the clients are killed with SIGKILL and restarted on the same file. Then the faults
 * stop, the clients settle, and what the server and each database hold is checked against what
 * the clients were told ({@link SoakLedger}).
 */
final class ChaosSoak {
  private static final String KEY = "soak-api-key";
  private static final String PROTOCOL_VERSION = "2025-06-18";
  /** Share of requests that meet a random fault while the chaos lasts. */
  private static final double FAULT_RATE = 0.12;
  /** Longer than the client's 15 s call timeout: the client gives up, the server has committed. */
  private static final Duration SLOW_ANSWER = Duration.ofSeconds(16);
  /** One call in this many ends with a kill of the process, during the call or just before it. */
  private static final int KILL_ONE_IN = 90;
  private static final List<String> WORDS =
      List.of(
          "deploy", "cache", "index", "schema", "rollback", "latency", "queue", "tokenizer",
          "migration", "flaky", "benchmark", "gradle", "kotlin", "postgres", "replica", "sidecar",
          "feature", "flag", "review", "release", "hotfix", "tracing", "budget", "quota");

  record Settings(long seed, Duration chaos, Duration settleBound, Path folder) {}

  /** The figures of one run and what the final check found. */
  record Report(
      Settings settings,
      Map<String, Integer> acknowledged,
      int unanswered,
      Map<String, Long> faults,
      int kills,
      SoakLedger.Verdict server,
      List<SoakLedger.Verdict> databases,
      List<String> unexpectedAnswers,
      Optional<Duration> converged) {

    int lost() {
      return server.lost() + databases.stream().mapToInt(SoakLedger.Verdict::lost).sum();
    }

    int duplicated() {
      return server.duplicated() + databases.stream().mapToInt(SoakLedger.Verdict::duplicated).sum();
    }

    int resurrected() {
      return server.resurrected() + databases.stream().mapToInt(SoakLedger.Verdict::resurrected).sum();
    }

    List<String> problems() {
      List<String> problems = new ArrayList<>(unexpectedAnswers);
      problems.addAll(server.problems());
      databases.forEach(verdict -> problems.addAll(verdict.problems()));
      if (converged.isEmpty()) {
        problems.add("the clients did not converge within " + settings.settleBound().toSeconds() + " s");
      }
      return problems;
    }

    String figures() {
      int total = acknowledged.values().stream().mapToInt(Integer::intValue).sum();
      return String.format(
          "soak seed=%d chaos=%ds operations acknowledged=%d %s unanswered=%d faults %s kills=%d"
              + " lost=%d duplicated=%d resurrected=%d converge=%s",
          settings.seed(), settings.chaos().toSeconds(), total, acknowledged, unanswered, faults, kills,
          lost(), duplicated(), resurrected(),
          converged.map(d -> String.format("%.1fs", d.toMillis() / 1000.0)).orElse("never"));
    }
  }

  private final Settings settings;
  private final Map<String, AtomicInteger> acknowledged = new TreeMap<>();
  private final AtomicInteger unanswered = new AtomicInteger();
  private final AtomicInteger kills = new AtomicInteger();
  private final ConcurrentLinkedQueue<String> unexpectedAnswers = new ConcurrentLinkedQueue<>();
  private final SoakLedger ledger = new SoakLedger();

  ChaosSoak(Settings settings) {
    this.settings = settings;
    List.of("memory_store", "memory_update", "memory_delete", "memory_recall")
        .forEach(tool -> acknowledged.put(tool, new AtomicInteger()));
  }

  Report run() throws Exception {
    Random chaos = new Random(settings.seed());
    int apiRestarts = 0;
    int keyStretches = 0;
    try (FakeMemoryApiServer api = new FakeMemoryApiServer(KEY).start();
        FaultProxy proxy = new FaultProxy(api.baseUri(), settings.seed(), SLOW_ANSWER).start()) {
      Map<String, String> environment =
          Map.of("MEMORY_API_URL", proxy.baseUri().toString(), "MEMORY_API_KEY", KEY, "MEMORY_SYNC_INTERVAL", "1");
      Path shared = settings.folder().resolve("shared");
      List<SoakClient> clients =
          List.of(
              new SoakClient("a", shared, environment, PROTOCOL_VERSION),
              new SoakClient("b", shared, environment, PROTOCOL_VERSION),
              new SoakClient("c", settings.folder().resolve("own"), environment, PROTOCOL_VERSION));
      try {
        for (SoakClient client : clients) {
          client.start();
        }
        long end = System.nanoTime() + settings.chaos().toNanos();
        List<Thread> drivers = new ArrayList<>();
        List<Throwable> driverFailures = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
          SoakClient client = clients.get(i);
          Random random = new Random(settings.seed() * 31 + i);
          Thread driver = new Thread(() -> {
            try {
              drive(client, random, end);
            } catch (Throwable failure) {
              synchronized (driverFailures) {
                driverFailures.add(failure);
              }
            }
          }, "soak-driver-" + client.name());
          drivers.add(driver);
          driver.start();
        }

        proxy.setFaultRate(FAULT_RATE);
        while (System.nanoTime() - end < 0) {
          sleepUntilOr(end, Duration.ofMillis(6_000 + chaos.nextInt(6_000)));
          if (System.nanoTime() - end >= 0) {
            break;
          }
          Duration outage = Duration.ofMillis(1_000 + chaos.nextInt(3_000));
          if (chaos.nextBoolean()) {
            api.stop();
            Thread.sleep(outage.toMillis());
            api.start();
            apiRestarts++;
          } else {
            proxy.answer401For(outage);
            keyStretches++;
          }
        }
        for (Thread driver : drivers) {
          driver.join();
        }
        if (!driverFailures.isEmpty()) {
          AssertionError failure = new AssertionError("a soak driver failed (seed " + settings.seed() + ")");
          driverFailures.forEach(failure::addSuppressed);
          throw failure;
        }

        proxy.setFaultRate(0);
        proxy.answer401For(Duration.ZERO);
        api.start();
        Optional<Duration> converged = awaitConvergence(api, clients);

        Map<String, Long> faults = new TreeMap<>();
        proxy.injected().forEach((fault, count) -> faults.put(fault.name().toLowerCase(), count));
        faults.put("api_restarts", (long) apiRestarts);
        faults.put("key_refused_stretches", (long) keyStretches);
        faults.put("refused_while_down", proxy.upstreamRefusals());
        faults.put("requests", proxy.requests());
        return new Report(
            settings,
            acknowledged.entrySet().stream().collect(Collectors.toMap(
                entry -> entry.getKey().substring("memory_".length()), entry -> entry.getValue().get(),
                (x, y) -> x, TreeMap::new)),
            unanswered.get(),
            faults,
            kills.get(),
            ledger.check("the server", contents(api.serverMemories())),
            List.of(
                ledger.check("database " + clients.get(0).database(), SoakClient.contentsOf(clients.get(0).database())),
                ledger.check("database " + clients.get(2).database(), SoakClient.contentsOf(clients.get(2).database()))),
            List.copyOf(unexpectedAnswers),
            converged);
      } finally {
        for (SoakClient client : clients) {
          client.close();
        }
      }
    }
  }

  /** One client's seeded random work until {@code end}: stores, updates, deletes, recalls, kills. */
  private void drive(SoakClient client, Random random, long end) throws Exception {
    int stores = 0;
    while (System.nanoTime() - end < 0) {
      Thread.sleep(10 + random.nextInt(50));
      List<String> live = ledger.liveTokensOf(client.name());
      int roll = random.nextInt(100);
      boolean kill = random.nextInt(KILL_ONE_IN) == 0;
      if (kill && random.nextBoolean()) {
        // between calls: the process may be in the middle of a sync cycle
        client.killAndRestart();
        kills.incrementAndGet();
        kill = false;
      }
      Optional<JsonNode> result;
      if (roll < 40 || live.isEmpty()) {
        String token = client.name() + (++stores);
        String content = SoakLedger.content(token, 0, words(random));
        result = call(client, "memory_store", arguments("content", content, "expanded_keywords", words(random)), kill, random);
        if (result.isEmpty()) {
          ledger.storeUnanswered(token, content);
        } else if (succeeded(client, "memory_store", result.get())) {
          ledger.stored(token, content, StoredMemories.idOf(result.get()));
        }
      } else if (roll < 65) {
        String token = live.get(random.nextInt(live.size()));
        String content = SoakLedger.content(token, ledger.nextVersion(token), words(random));
        result = call(client, "memory_update", arguments("id", ledger.localIdOf(token), "content", content), kill, random);
        if (result.isEmpty()) {
          ledger.updateUnanswered(token, content);
        } else if (succeeded(client, "memory_update", result.get())) {
          ledger.updated(token, content);
        }
      } else if (roll < 78) {
        String token = live.get(random.nextInt(live.size()));
        result = call(client, "memory_delete", arguments("id", ledger.localIdOf(token)), kill, random);
        if (result.isEmpty()) {
          ledger.deleteUnanswered(token);
        } else if (succeeded(client, "memory_delete", result.get())) {
          ledger.deleted(token);
        }
      } else {
        result = call(client, "memory_recall", arguments("context", WORDS.get(random.nextInt(WORDS.size())), "expanded_query", "soak"), kill, random);
        result.ifPresent(answer -> succeeded(client, "memory_recall", answer));
      }
      if (result.isEmpty()) {
        unanswered.incrementAndGet();
      }
      if (kill) {
        kills.incrementAndGet();
      }
    }
  }

  /**
   * Calls a tool; with {@code kill}, sends SIGKILL a moment after the call went out and restarts
   * the process. Empty when the answer never arrived.
   */
  private static Optional<JsonNode> call(
      SoakClient client, String tool, ObjectNode arguments, boolean kill, Random random) throws Exception {
    McpProcess process = client.process();
    long id = process.sendToolCall(tool, arguments);
    if (!kill) {
      return Optional.of(process.awaitToolResult(id));
    }
    Thread.sleep(random.nextInt(8));
    process.kill();
    Optional<JsonNode> answer = process.answerIfArrived(id).map(response -> response.path("result"));
    client.restart();
    return answer;
  }

  private boolean succeeded(SoakClient client, String tool, JsonNode result) {
    if (result.path("isError").asBoolean()) {
      unexpectedAnswers.add(client.name() + ": " + tool + " answered an error: " + text(result));
      return false;
    }
    acknowledged.get(tool).incrementAndGet();
    return true;
  }

  /**
   * Waits until every database has an empty sync queue and holds exactly the server's live
   * memories; returns how long that took, or empty if not within the bound.
   */
  private Optional<Duration> awaitConvergence(FakeMemoryApiServer api, List<SoakClient> clients) throws Exception {
    long start = System.nanoTime();
    long deadline = start + settings.settleBound().toNanos();
    List<Path> databases = clients.stream().map(SoakClient::database).distinct().collect(Collectors.toList());
    while (System.nanoTime() - deadline < 0) {
      long now = System.nanoTime();
      List<String> server = sorted(contents(api.serverMemories()));
      boolean settled = true;
      for (Path database : databases) {
        settled &= SqliteFile.syncQueue(database).isEmpty()
            && sorted(SoakClient.contentsOf(database)).equals(server);
      }
      if (settled) {
        return Optional.of(Duration.ofNanos(now - start));
      }
      Thread.sleep(250);
    }
    return Optional.empty();
  }

  private static List<String> contents(List<ServerMemory> memories) {
    return memories.stream().map(ServerMemory::content).collect(Collectors.toList());
  }

  private static List<String> sorted(List<String> contents) {
    List<String> sorted = new ArrayList<>(contents);
    sorted.sort(null);
    return sorted;
  }

  private static String words(Random random) {
    int count = 3 + random.nextInt(12);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      text.append(i == 0 ? "" : " ").append(WORDS.get(random.nextInt(WORDS.size())));
    }
    return text.toString();
  }

  private static void sleepUntilOr(long end, Duration pause) throws InterruptedException {
    long left = Math.min(pause.toNanos(), end - System.nanoTime());
    if (left > 0) {
      Thread.sleep(left / 1_000_000);
    }
  }
}
