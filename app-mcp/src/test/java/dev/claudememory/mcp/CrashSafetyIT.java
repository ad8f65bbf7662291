package dev.claudememory.mcp;

import static dev.claudememory.mcp.McpProcess.arguments;
import static dev.claudememory.mcp.StoredMemories.KEYWORDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.claudememory.mcp.FakeApiProcess.ApiMemory;
import dev.claudememory.mcp.SqliteFile.LocalMemory;
import dev.claudememory.mcp.SqliteFile.QueuedOp;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §8, crashes: a server in hybrid mode is killed with SIGKILL in the middle of a burst of
 * stores, or in the middle of a sync cycle, a few times over on one database file. After each kill
 * the file holds every acknowledged store, and its sync queue is consistent: every memory the API
 * has not confirmed has its op, and no op lacks its memory. A server restarted on the file then
 * brings the API level with it, where each memory is created exactly once.
 *
 * <p>The kill moments come from a seeded {@link Random}; a failure names the seed and the round.
 */
@Timeout(120)
final class CrashSafetyIT {
  /** Reproduce a failure with {@code -Dcrash.seed=<the seed it printed>}. */
  private static final long SEED = Long.getLong("crash.seed", 20_260_612L);

  private static final int ROUNDS = 3;
  private static final String KEY = "sk-test-crash-KEY-0123456789";
  private static final Duration CONVERGE = Duration.ofSeconds(30);
  private static final String PULLS = "GET /api/memories/sync";
  private static final List<String> TOPICS = List.of("kestrel cache", "osprey queue", "heron index", "wren deploy");

  @RegisterExtension final McpProcesses servers = new McpProcesses();
  @TempDir Path folder;
  private final Random random = new Random(SEED);
  private FakeApiProcess api;
  /** Every content a store sent, whether or not its answer arrived. */
  private final Set<String> sent = new HashSet<>();
  /** The memories whose store was answered with success: local id → content. */
  private final Map<Long, String> acknowledged = new HashMap<>();

  @BeforeEach
  void startApi() throws IOException {
    api = FakeApiProcess.start(KEY);
  }

  @AfterEach
  void stopApi() {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void aKillInTheMiddleOfABurstOfStoresLosesNoAcknowledgedStoreAndNothingIsCreatedTwice() throws Exception {
    McpProcess server = start();
    for (int round = 1; round <= ROUNDS; round++) {
      server = killInABurstOfStores(server, round);
    }
    assertNothingIsCreatedTwiceInFurtherCycles(server.database());
  }

  @Test
  void aKillInTheMiddleOfASyncCycleLosesNothingAndNothingIsCreatedTwice() throws Exception {
    McpProcess server = start();
    for (int round = 1; round <= ROUNDS; round++) {
      server = killInASyncCycle(server, round);
    }
    assertNothingIsCreatedTwiceInFurtherCycles(server.database());
  }

  /** Sends a burst of stores, kills the server once some were answered; returns its successor. */
  private McpProcess killInABurstOfStores(McpProcess server, int round) throws Exception {
    int burst = 30 + random.nextInt(50);
    int answersBeforeKill = 1 + random.nextInt(burst - 1);
    String moment = describe(round, "a burst of " + burst + " stores, killed after " + answersBeforeKill + " answers");

    int linesBefore = server.stdoutLines().size();
    Map<Long, String> requests = sendStores(server, round, burst);
    await(moment + ": answers arrived",
        () -> assertThat(server.stdoutLines()).hasSizeGreaterThanOrEqualTo(linesBefore + answersBeforeKill));
    server.kill();

    recordAcknowledged(server, requests);
    return restartAfterTheKill(server.database(), moment);
  }

  /**
   * Stores a few memories, all acknowledged, and kills the server while the API holds each of its
   * answers back, once a seeded number of creates reached the API; returns its successor.
   */
  private McpProcess killInASyncCycle(McpProcess server, int round) throws Exception {
    int stores = 5 + random.nextInt(8);
    Duration delay = Duration.ofMillis(100 + random.nextInt(200));
    int createsBeforeKill = random.nextInt(stores);
    long pastTheLastCreate = random.nextInt((int) delay.toMillis());
    String moment =
        describe(round, stores + " stores pushed with answers delayed " + delay.toMillis() + " ms, killed "
            + pastTheLastCreate + " ms after create " + createsBeforeKill + " reached the API");

    // each answer waits, so a push or a pull is in flight at most moments of the cycle
    api.delayEveryAnswer(delay);
    long createdBefore = api.createdCount();
    Map<Long, String> requests = sendStores(server, round, stores);
    for (Map.Entry<Long, String> request : requests.entrySet()) {
      acknowledged.put(StoredMemories.idOf(server.awaitToolResult(request.getKey())), request.getValue());
    }
    await(moment + ": creates reached the API",
        () -> assertThat(api.createdCount()).isGreaterThanOrEqualTo(createdBefore + createsBeforeKill));
    Thread.sleep(pastTheLastCreate); // lands the kill anywhere in the next answer's wait
    server.kill();

    api.delayEveryAnswer(Duration.ZERO);
    return restartAfterTheKill(server.database(), moment);
  }

  /**
   * Checks the file the kill left, starts a server on it and waits until it is level with the API:
   * within {@link #CONVERGE}, shorter than the 60 s sync lease the killed process left behind, so
   * the successor must take that lease over at once.
   */
  private McpProcess restartAfterTheKill(Path database, String moment) throws Exception {
    assertConsistentAfterTheKill(database, moment);
    McpProcess successor = start();
    awaitLevelWithTheApi(database, moment);
    return successor;
  }

  private static String describe(int round, String what) {
    return "seed " + SEED + " (rerun with -Dcrash.seed=" + SEED + "), round " + round + ": " + what;
  }

  /** A server as users start it: through the launcher, whose {@code exec} makes SIGKILL reach the JVM. */
  private McpProcess start() throws IOException {
    McpProcess server = servers.startLauncher(folder, hybrid());
    server.initialize(HandshakeIT.LATEST);
    return server;
  }

  private Map<String, String> hybrid() {
    return Map.of(
        "MEMORY_API_URL", api.baseUri().toString(),
        "MEMORY_API_KEY", KEY,
        "MEMORY_SYNC_INTERVAL", "1");
  }

  /** Sends the stores one after the other without waiting; returns their request ids and contents. */
  private Map<Long, String> sendStores(McpProcess server, int round, int count) throws IOException {
    Map<Long, String> requests = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String content =
          "Crash round " + round + " note " + i + " about the " + TOPICS.get(random.nextInt(TOPICS.size()));
      sent.add(content);
      requests.put(server.sendToolCall("memory_store", arguments("content", content, "expanded_keywords", KEYWORDS)), content);
    }
    return requests;
  }

  /** Every store answered with success before the process died counts as acknowledged. */
  private void recordAcknowledged(McpProcess killed, Map<Long, String> requests) {
    requests.forEach(
        (request, content) ->
            killed.answerIfArrived(request)
                .map(answer -> answer.get("result"))
                .filter(result -> result != null && !result.path("isError").asBoolean())
                .ifPresent(result -> acknowledged.put(StoredMemories.idOf(result), content)));
  }

  /**
   * The file as the kill left it: sound; every acknowledged store in place; no row but those the
   * stores sent, each once; every memory the API has not confirmed has its create queued, and every
   * queued op has its memory (an update only for a memory the API holds).
   */
  private void assertConsistentAfterTheKill(Path database, String moment) throws Exception {
    assertThat(SqliteFile.integrityCheck(database)).as("%s: integrity", moment).isEqualTo("ok");
    List<LocalMemory> rows = SqliteFile.memories(database);
    Map<Long, LocalMemory> byId = rows.stream().collect(Collectors.toMap(LocalMemory::id, Function.identity()));
    acknowledged.forEach(
        (id, content) ->
            assertThat(Optional.ofNullable(byId.get(id)).map(LocalMemory::content))
                .as("%s: acknowledged memory #%d", moment, id)
                .contains(content));
    assertThat(rows).extracting(LocalMemory::content).as("%s: contents of the rows", moment)
        .doesNotHaveDuplicates()
        .allMatch(sent::contains);

    List<QueuedOp> queue = SqliteFile.syncQueue(database);
    Map<Long, QueuedOp> opsByMemory = queue.stream()
        .collect(Collectors.toMap(op -> op.memoryId().orElseThrow(() -> new AssertionError(moment + ": an op with no memory: " + op)),
            Function.identity()));
    for (LocalMemory row : rows) {
      if (row.serverId().isEmpty()) {
        assertThat(opsByMemory.get(row.id())).as("%s: the op of unconfirmed memory #%d", moment, row.id())
            .extracting(QueuedOp::kind).isEqualTo("create");
      }
    }
    for (QueuedOp op : queue) {
      LocalMemory row = byId.get(op.memoryId().orElseThrow());
      assertThat(row).as("%s: the memory of %s", moment, op).isNotNull();
      assertThat(row.serverId().isPresent()).as("%s: %s is for a memory the API holds", moment, op)
          .isEqualTo(op.kind().equals("update"));
    }
    System.out.printf("%s: the file held %d memories (%d acknowledged so far), %d of them not confirmed by the API;"
            + " %d ops queued, %d of them sent with no answer%n",
        moment, rows.size(), acknowledged.size(), rows.stream().filter(row -> row.serverId().isEmpty()).count(),
        queue.size(), queue.stream().filter(QueuedOp::unanswered).count());
  }

  /**
   * Waits until the API and the file hold the same memories under the same ids with nothing left
   * to push; then every memory must have been created on the API exactly once.
   */
  private void awaitLevelWithTheApi(Path database, String moment) throws Exception {
    await(moment + ": the API and the file hold the same memories", () -> assertLevelWithTheApi(database, moment));
    assertThat(api.createdCount()).as("%s: memories the API created, one per memory", moment)
        .isEqualTo(api.memories().size());
  }

  /** The API holds each memory of the file once, under the id the file has for it; nothing is queued. */
  private void assertLevelWithTheApi(Path database, String when) throws Exception {
    List<ApiMemory> live = api.memories();
    assertThat(live).extracting(ApiMemory::content).as("%s: the API's memories", when).doesNotHaveDuplicates();
    Tuple[] expected =
        live.stream().map(memory -> tuple(Optional.of(memory.id()), memory.content())).toArray(Tuple[]::new);
    assertThat(SqliteFile.memories(database)).as("%s: the file's memories", when)
        .extracting(LocalMemory::serverId, LocalMemory::content)
        .containsExactlyInAnyOrder(expected);
    assertThat(SqliteFile.syncQueue(database)).as("%s: the sync queue", when).isEmpty();
  }

  /** A few more sync cycles: a late second create of any memory would show now. */
  private void assertNothingIsCreatedTwiceInFurtherCycles(Path database) throws Exception {
    long pulls = api.requestCount(PULLS);
    await("two more pulls", () -> assertThat(api.requestCount(PULLS)).isGreaterThanOrEqualTo(pulls + 2));
    String after = "seed " + SEED + ", after further cycles";
    assertLevelWithTheApi(database, after);
    assertThat(api.createdCount()).as("%s: memories the API created, one per memory", after)
        .isEqualTo(api.memories().size());
    assertThat(api.liveContents()).as("%s: the API's memories", after).containsAll(acknowledged.values());
  }

  private static void await(String what, Eventually.Check check) throws InterruptedException {
    Eventually.await(what, CONVERGE, check);
  }
}
