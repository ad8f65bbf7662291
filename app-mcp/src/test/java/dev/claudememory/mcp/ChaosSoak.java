package dev.claudememory.mcp;

import dev.claudememory.testkit.FakeMemoryApiServer;
import dev.claudememory.testkit.FaultProxy;
import dev.claudememory.testkit.ServerMemory;
import dev.claudememory.testkit.ServerSnapshot;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Three MCP server processes in hybrid mode — A and B on one database file, C on its own — used
 * at once through the real stdio protocol, each through its own {@link FaultProxy} to the fake API
 * server, while the proxies inject faults, the API server is stopped and restarted, its key is
 * refused for stretches, it loses its data (restarted empty, restored from an older snapshot,
 * replaced by another deployment whose ids overlap), and the clients are killed with SIGKILL and
 * restarted on the same file. Clients store notes, repeated texts (C allows duplicates, so it
 * stores one text several times; A and B are told their file holds it) and credentials, and update
 * and delete their own memories, the other client's on their file and, once settled, the other
 * file's.
 * Everything follows a {@link SoakPlan} drawn from the seed. Then the faults stop, the clients
 * settle, and what the server and each database hold is checked against what the clients were
 * told ({@link SoakLedger}), and their output and files against leaks ({@link SoakHygiene}).
 */
final class ChaosSoak {
  private static final String KEY = "soak-api-key";
  private static final String PROTOCOL_VERSION = "2025-06-18";
  /** Share of requests that meet a random fault while the chaos lasts. */
  private static final double FAULT_RATE = 0.12;
  /** Longer than the client's 15 s call timeout: the client gives up, the server has committed. */
  private static final Duration SLOW_ANSWER = Duration.ofSeconds(16);
  /**
   * The client that stores a text its file already holds as one more memory; the others are
   * answered that the file holds it, so their repeated texts repeat across files.
   */
  private static final String STORES_DUPLICATES = "c";
  /** A run this long must have injected every kind of fault. */
  private static final Duration NORMAL_LENGTH = Duration.ofSeconds(60);

  /**
   * @param dataLoss whether the API loses its data among the faults
   */
  record Settings(long seed, Duration chaos, Duration settleBound, Path folder, boolean dataLoss) {}

  private final Settings settings;
  private final SoakPlan plan;
  private final SoakLedger ledger = new SoakLedger();
  private final SoakTally tally = new SoakTally();
  private final Map<String, Long> events = new TreeMap<>();

  ChaosSoak(Settings settings) {
    this.settings = settings;
    this.plan = SoakPlan.draw(settings.seed(), settings.chaos(), settings.dataLoss());
  }

  SoakReport run() throws Exception {
    List.of("api_restarts", "key_refused_stretches").forEach(kind -> events.put(kind, 0L));
    if (settings.dataLoss()) {
      List.of("restarted_empty", "restored_snapshot", "other_deployment").forEach(kind -> events.put(kind, 0L));
    }
    Map<String, FaultProxy> proxies = new LinkedHashMap<>();
    List<SoakClient> clients = new ArrayList<>();
    try (FakeMemoryApiServer api = new FakeMemoryApiServer(KEY).start()) {
      try {
        for (Map.Entry<String, String> client : SoakPlan.FILES.entrySet()) {
          FaultProxy proxy = new FaultProxy(api.baseUri(), plan.proxySeed(client.getKey()), SLOW_ANSWER).start();
          proxies.put(client.getKey(), proxy);
          Map<String, String> environment = new LinkedHashMap<>(
              Map.of("MEMORY_API_URL", proxy.baseUri().toString(), "MEMORY_API_KEY", KEY, "MEMORY_SYNC_INTERVAL", "1"));
          if (client.getKey().equals(STORES_DUPLICATES)) {
            environment.put("MEMORY_ALLOW_DUPLICATES", "1");
          }
          clients.add(new SoakClient(client.getKey(), client.getValue(), settings.folder().resolve(client.getValue()),
              environment, PROTOCOL_VERSION));
        }
        plan.pins().forEach(pin -> proxies.get(pin.client()).pin(pin.kind(), pin.ordinal(), pin.fault()));
        for (SoakClient client : clients) {
          client.start();
        }
        Map<String, Path> databases = new LinkedHashMap<>();
        clients.forEach(client -> databases.put(client.file(), client.database()));

        long start = System.nanoTime();
        long end = start + settings.chaos().toNanos();
        List<Thread> drivers = new ArrayList<>();
        List<Throwable> driverFailures = new ArrayList<>();
        for (SoakClient client : clients) {
          SoakDriver driver = new SoakDriver(client, plan, ledger, tally, api, databases);
          Thread thread = new Thread(() -> {
            try {
              driver.run(end);
            } catch (Throwable failure) {
              synchronized (driverFailures) {
                driverFailures.add(failure);
              }
            }
          }, "soak-driver-" + client.name());
          drivers.add(thread);
          thread.start();
        }
        proxies.values().forEach(proxy -> proxy.setFaultRate(FAULT_RATE));
        runEvents(api, proxies.values(), start, end);
        for (Thread driver : drivers) {
          driver.join();
        }
        if (!driverFailures.isEmpty()) {
          AssertionError failure = new AssertionError("a soak driver failed (seed " + settings.seed() + ")");
          driverFailures.forEach(failure::addSuppressed);
          throw failure;
        }

        proxies.values().forEach(proxy -> {
          proxy.setFaultRate(0);
          proxy.answer401For(Duration.ZERO);
        });
        api.start();
        Optional<Duration> converged = awaitConvergence(api, databases);

        Map<String, Long> faults = faults(proxies.values());
        List<SoakLedger.Verdict> verdicts = new ArrayList<>();
        for (Map.Entry<String, Path> database : databases.entrySet()) {
          verdicts.add(ledger.check("database " + database.getKey(), SoakClient.contentsOf(database.getValue())));
        }
        SoakLedger.Verdict server =
            ledger.check("the server",
                api.serverMemories().stream().map(ServerMemory::originalContent).collect(Collectors.toList()));
        List<String> serverMemories =
            api.allMemoriesIncludingDeleted().stream()
                .map(memory -> memory.id() + " created " + memory.createdAt() + " updated " + memory.updatedAt()
                    + memory.deletedAt().map(at -> " deleted " + at).orElse("")
                    + " terms [" + memory.expandedKeywords() + "]: " + memory.content())
                .collect(Collectors.toList());
        for (SoakClient client : clients) {
          client.close();
        }
        return new SoakReport(
            settings, plan.fingerprint(), tally, faults, missingFaults(faults), server, verdicts,
            tally.problems(), SoakHygiene.problems(clients, KEY), serverMemories, converged);
      } finally {
        for (SoakClient client : clients) {
          client.close();
        }
        proxies.values().forEach(FaultProxy::close);
      }
    }
  }

  /** What each client did, step by step, for a report on failure. */
  List<String> trace() {
    return tally.traceLines();
  }

  /** The plan's timed events, each at its time, until {@code end}. */
  private void runEvents(FakeMemoryApiServer api, Collection<FaultProxy> proxies, long start, long end)
      throws InterruptedException {
    ServerSnapshot snapshot = null;
    for (SoakPlan.Event event : plan.events()) {
      long at = start + event.atMillis() * 1_000_000;
      if (at - end >= 0) {
        break;
      }
      sleepUntil(at);
      switch (event.kind()) {
        case OUTAGE:
          api.stop();
          Thread.sleep(event.durationMillis());
          api.start();
          events.merge("api_restarts", 1L, Long::sum);
          break;
        case KEY_REFUSED:
          proxies.forEach(proxy -> proxy.answer401For(Duration.ofMillis(event.durationMillis())));
          events.merge("key_refused_stretches", 1L, Long::sum);
          break;
        case SNAPSHOT:
          snapshot = api.snapshot();
          break;
        case RESTORE_SNAPSHOT:
          api.restore(snapshot);
          ledger.apiLostItsData(originalContents(api));
          events.merge("restored_snapshot", 1L, Long::sum);
          break;
        case RESTART_EMPTY:
          api.restartEmpty();
          ledger.apiLostItsData(originalContents(api));
          events.merge("restarted_empty", 1L, Long::sum);
          break;
        case OTHER_DEPLOYMENT:
          List<ServerMemory> seededNow = api.switchToOtherDeployment(event.seeded());
          ledger.apiLostItsData(List.of());
          for (ServerMemory seeded : seededNow) {
            ledger.seeded(SoakLedger.tokenOf(seeded.originalContent()).orElseThrow(), seeded.originalContent());
          }
          events.merge("other_deployment", 1L, Long::sum);
          break;
        default:
          throw new AssertionError(event.kind());
      }
    }
    sleepUntil(end);
  }

  private static List<String> originalContents(FakeMemoryApiServer api) {
    return api.serverMemories().stream().map(ServerMemory::originalContent).collect(Collectors.toList());
  }

  private Map<String, Long> faults(Collection<FaultProxy> proxies) {
    Map<String, Long> faults = new TreeMap<>(events);
    List.of(FaultProxy.Fault.values()).forEach(fault -> faults.put(fault.name().toLowerCase(), 0L));
    long refusedWhileDown = 0;
    long requests = 0;
    for (FaultProxy proxy : proxies) {
      proxy.injected().forEach((fault, count) -> faults.merge(fault.name().toLowerCase(), count, Long::sum));
      refusedWhileDown += proxy.upstreamRefusals();
      requests += proxy.requests();
    }
    faults.put("refused_while_down", refusedWhileDown);
    faults.put("requests", requests);
    return faults;
  }

  /** The kinds of fault a run of normal length injected none of (kills included). */
  private List<String> missingFaults(Map<String, Long> faults) {
    if (settings.chaos().compareTo(NORMAL_LENGTH) < 0) {
      return List.of();
    }
    List<String> missing = new ArrayList<>();
    faults.forEach((kind, count) -> {
      if (count == 0 && !kind.equals("refused_while_down")) {
        missing.add(kind);
      }
    });
    tally.kills().forEach((kill, count) -> {
      if (count == 0) {
        missing.add("kill " + kill.name().toLowerCase().replace('_', ' '));
      }
    });
    return missing;
  }

  /**
   * Waits until every database has an empty sync queue and holds exactly the server's live
   * memories under their server ids (a memory the server redacted as it was sent, or redacted);
   * returns how long that took, or empty if not within the bound.
   */
  private Optional<Duration> awaitConvergence(FakeMemoryApiServer api, Map<String, Path> databases) throws Exception {
    long start = System.nanoTime();
    long deadline = start + settings.settleBound().toNanos();
    while (System.nanoTime() - deadline < 0) {
      long now = System.nanoTime();
      Map<Long, ServerMemory> server = new TreeMap<>();
      api.serverMemories().forEach(memory -> server.put(memory.id(), memory));
      boolean settled = true;
      for (Path database : databases.values()) {
        settled &= SqliteFile.syncQueue(database).isEmpty() && holdsExactly(database, server);
      }
      if (settled) {
        return Optional.of(Duration.ofNanos(now - start));
      }
      Thread.sleep(250);
    }
    return Optional.empty();
  }

  private static boolean holdsExactly(Path database, Map<Long, ServerMemory> server) throws SQLException {
    List<SqliteFile.LocalMemory> rows = SqliteFile.memories(database);
    if (rows.size() != server.size()) {
      return false;
    }
    for (SqliteFile.LocalMemory row : rows) {
      ServerMemory there = row.serverId().map(server::get).orElse(null);
      if (there == null || !(row.content().equals(there.content()) || row.content().equals(there.originalContent()))) {
        return false;
      }
    }
    return true;
  }

  private static void sleepUntil(long at) throws InterruptedException {
    long left = at - System.nanoTime();
    if (left > 0) {
      Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
    }
  }
}
