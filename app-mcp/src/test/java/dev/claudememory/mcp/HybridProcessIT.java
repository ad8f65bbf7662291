package dev.claudememory.mcp;

import static dev.claudememory.mcp.McpProcess.arguments;
import static dev.claudememory.mcp.McpProcess.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.mcp.FakeApiProcess.ApiMemory;
import dev.claudememory.mcp.SqliteFile.LocalMemory;
import dev.claudememory.mcp.SqliteFile.QueuedOp;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end, all real processes: two servers in hybrid mode, A and B, each on its own database
 * file, syncing every second through the fake memory API run as a third process on loopback.
 * What A stores, updates and deletes reaches B; stores made through an outage reach the server
 * exactly once, whichever point of the sync cycle the outage hits; and an API that never answers
 * slows down neither start-up nor any tool call.
 */
@Timeout(60)
class HybridProcessIT {
  private static final String KEY = "sk-test-process-KEY-0123456789";
  private static final Duration CONVERGE = Duration.ofSeconds(30);
  /**
   * Anything that waited on an API that never answers would wait out its 15 s call timeout; below
   * that, the margin absorbs the noise of a loaded machine.
   */
  private static final Duration SLACK = Duration.ofSeconds(10);
  private static final String PULLS = "GET /api/memories/sync";

  @RegisterExtension final McpProcesses servers = new McpProcesses();
  @TempDir Path folder;
  private FakeApiProcess api;

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
  void aStoreUpdateAndDeleteInAReachB() throws Exception {
    McpProcess a = client("a");
    McpProcess b = client("b");

    long id = StoredMemories.store(a, "Kestrel deploys are frozen on Fridays");
    await("B recalls A's store",
        () -> assertThat(recall(b, "Kestrel Fridays")).contains("Kestrel deploys are frozen on Fridays"));

    update(a, id, "Kestrel deploys are frozen on Thursdays");
    await("B recalls A's update",
        () -> assertThat(recall(b, "Kestrel Thursdays")).contains("Kestrel deploys are frozen on Thursdays"));
    assertThat(recall(b, "Fridays")).startsWith("No memories found");

    delete(a, id);
    await("B no longer finds it", () -> assertThat(recall(b, "Kestrel")).startsWith("No memories found"));
    awaitFurtherSyncCycles();

    assertThat(api.memories()).as("the server's live memories").isEmpty();
    assertThat(text(b.callTool("memory_list", null))).doesNotContain("Kestrel");
    assertThat(SqliteFile.memories(a.database())).as("A's rows").isEmpty();
    assertThat(SqliteFile.memories(b.database())).as("B's rows").isEmpty();
  }

  /** The outage starts before the push: every connection is refused, nothing reaches the server. */
  @Test
  void changesMadeWhileTheApiRefusesConnectionsReachItOnceWhenItIsBack() throws Exception {
    McpProcess a = client("a");
    McpProcess b = client("b");
    long synced = StoredMemories.store(a, "Osprey cache is warmed at six");
    awaitInStep(List.of("Osprey cache is warmed at six"), a, b);

    api.down();
    update(a, synced, "Osprey cache is warmed at seven");
    List<Long> ids = new ArrayList<>();
    for (String ordinal : List.of("one", "two", "three", "four")) {
      ids.add(StoredMemories.store(a, "Osprey outage note " + ordinal));
    }
    await("A tried to push the first outage store",
        () -> assertThat(queuedOp(a, ids.get(0))).hasValueSatisfying(op -> assertThat(op.attempts()).isPositive()));
    // deletes of stores the API may receive: a push written ahead before the delete may still be
    // on its way when the API is back (A cannot know), so it is created there and then deleted
    delete(a, ids.get(0));
    delete(a, ids.get(3));
    api.up();

    List<String> live = List.of("Osprey cache is warmed at seven", "Osprey outage note two", "Osprey outage note three");
    awaitInStep(live, a, b);
    awaitFurtherSyncCycles();
    assertInStep(live, a, b);
    List<String> deletedThere = api.deletedContents();
    assertThat(deletedThere)
        .as("memories the API created and deleted: only those deleted here, each once")
        .doesNotHaveDuplicates()
        .isSubsetOf("Osprey outage note one", "Osprey outage note four");
    assertThat(api.createdCount())
        .as("memories the API created: none sent twice")
        .isEqualTo(live.size() + deletedThere.size());
  }

  /** The outage hits inside the push: the API commits each create, then its answer is lost. */
  @Test
  void storesWhoseAnswersWereLostAfterTheApiCommittedReachItOnce() throws Exception {
    McpProcess a = client("a");
    McpProcess b = client("b");
    StoredMemories.store(a, "Heron queue drains hourly");
    awaitInStep(List.of("Heron queue drains hourly"), a, b);

    api.dropAnswers(2);
    List<String> live = new ArrayList<>(List.of("Heron queue drains hourly"));
    for (String ordinal : List.of("one", "two", "three")) {
      live.add("Heron lost answer note " + ordinal);
      StoredMemories.store(a, "Heron lost answer note " + ordinal);
    }

    awaitInStep(live, a, b);
    awaitFurtherSyncCycles();
    assertInStep(live, a, b);
    assertThat(api.createdCount()).as("memories the API created: none sent twice").isEqualTo(4);
  }

  /**
   * The outage hits between a push and the pull after it: the API commits a create and dies before
   * answering, so that pull and every push after it are refused until the API is back.
   */
  @Test
  void storesMadeAfterTheApiDiedRightAfterCommittingAPushReachItOnce() throws Exception {
    McpProcess a = client("a");
    McpProcess b = client("b");
    StoredMemories.store(a, "Wren index is rebuilt nightly");
    awaitInStep(List.of("Wren index is rebuilt nightly"), a, b);

    api.crashAfterCommit();
    StoredMemories.store(a, "Wren crash note one");
    await("the API committed A's push and went down",
        () -> assertThat(api.liveContents()).contains("Wren crash note one"));
    StoredMemories.store(a, "Wren crash note two");
    long fromB = StoredMemories.store(b, "Wren crash note from B");
    await("B's push was refused",
        () -> assertThat(queuedOp(b, fromB)).hasValueSatisfying(op -> assertThat(op.attempts()).isPositive()));
    api.up();

    List<String> live =
        List.of("Wren index is rebuilt nightly", "Wren crash note one", "Wren crash note two", "Wren crash note from B");
    awaitInStep(live, a, b);
    awaitFurtherSyncCycles();
    assertInStep(live, a, b);
    assertThat(api.createdCount()).as("memories the API created: none sent twice").isEqualTo(4);
  }

  @Test
  void anApiThatNeverAnswersSlowsNeitherStartUpNorAnyToolCall() throws Exception {
    Map<String, Duration> withoutApi = timedSession(folder.resolve("local"), Map.of());
    api.delayEveryAnswer(Duration.ofMinutes(10));

    Map<String, Duration> withSilentApi = timedSession(folder.resolve("hybrid"), hybrid());

    assertThat(withSilentApi.keySet()).containsExactlyElementsOf(withoutApi.keySet());
    withoutApi.forEach(
        (step, alone) ->
            assertThat(withSilentApi.get(step))
                .as("%s with an API that never answers (%s without an API)", step, alone)
                .isLessThan(alone.plus(SLACK)));
  }

  /**
   * Starts a server, then times its start-up and one call of each local tool. With an API, the
   * calls are made while the sync thread waits on it.
   */
  private Map<String, Duration> timedSession(Path home, Map<String, String> environment) throws Exception {
    Map<String, Duration> timings = new LinkedHashMap<>();
    long started = System.nanoTime();
    McpProcess server = servers.start(home, environment);
    server.initialize("2025-06-18");
    timings.put("start-up", Duration.ofNanos(System.nanoTime() - started));
    if (!environment.isEmpty()) {
      await("the sync thread calls the API", () -> assertThat(api.requestCount(PULLS)).isPositive());
    }

    long id = StoredMemories.idOf(
        timedCall(timings, server, "memory_store",
            arguments("content", "Silent API note about the Wren index", "expanded_keywords", StoredMemories.KEYWORDS)));
    timedCall(timings, server, "memory_update", arguments("id", id, "content", "Silent API note about the Wren cache"));
    assertThat(text(timedCall(timings, server, "memory_recall", recallArguments("Wren cache"))))
        .contains("Silent API note about the Wren cache");
    timedCall(timings, server, "memory_list", null);
    timedCall(timings, server, "secret_get", arguments("id", id));
    timedCall(timings, server, "memory_count", null);
    timedCall(timings, server, "memory_delete", arguments("id", id));
    return timings;
  }

  private static JsonNode timedCall(
      Map<String, Duration> timings, McpProcess server, String tool, ObjectNode arguments) throws IOException {
    long started = System.nanoTime();
    JsonNode result = server.callTool(tool, arguments);
    timings.put(tool, Duration.ofNanos(System.nanoTime() - started));
    assertThat(result.path("isError").asBoolean()).as("%s: %s", tool, result).isFalse();
    return result;
  }

  private McpProcess client(String name) throws IOException {
    McpProcess client = servers.start(folder.resolve(name), hybrid());
    client.initialize("2025-06-18");
    return client;
  }

  private Map<String, String> hybrid() {
    return Map.of(
        "MEMORY_API_URL", api.baseUri().toString(),
        "MEMORY_API_KEY", KEY,
        "MEMORY_SYNC_INTERVAL", "1");
  }

  /** Waits until the API and every client hold exactly {@code contents}, and nothing is left to push. */
  private void awaitInStep(List<String> contents, McpProcess... clients) throws Exception {
    await("the API and every client hold exactly " + contents, () -> assertInStep(contents, clients));
  }

  /**
   * The API's live memories are {@code contents}, each once; each client's database holds exactly
   * those, under the API's ids, and has nothing left to push.
   */
  private void assertInStep(List<String> contents, McpProcess... clients) throws Exception {
    List<ApiMemory> live = api.memories();
    assertThat(live).as("the API's live memories").extracting(ApiMemory::content)
        .containsExactlyInAnyOrderElementsOf(contents);
    Tuple[] expected =
        live.stream().map(memory -> tuple(Optional.of(memory.id()), memory.content())).toArray(Tuple[]::new);
    for (McpProcess client : clients) {
      assertThat(SqliteFile.memories(client.database())).as("rows of %s", client.database())
          .extracting(LocalMemory::serverId, LocalMemory::content)
          .containsExactlyInAnyOrder(expected);
      assertThat(SqliteFile.syncQueue(client.database())).as("sync queue of %s", client.database()).isEmpty();
    }
  }

  /** Lets the clients pull a few more times, so that a late duplicate or resurrection shows. */
  private void awaitFurtherSyncCycles() throws Exception {
    long pulls = api.requestCount(PULLS);
    await("four more pulls", () -> assertThat(api.requestCount(PULLS)).isGreaterThanOrEqualTo(pulls + 4));
  }

  private static Optional<QueuedOp> queuedOp(McpProcess client, long memoryId) throws Exception {
    return SqliteFile.syncQueue(client.database()).stream()
        .filter(op -> op.memoryId().equals(Optional.of(memoryId)))
        .findFirst();
  }

  private static String recall(McpProcess client, String words) throws IOException {
    return text(client.callTool("memory_recall", recallArguments(words)));
  }

  private static ObjectNode recallArguments(String words) {
    return arguments("context", words, "expanded_query", "");
  }

  private static void update(McpProcess client, long id, String content) throws IOException {
    assertThat(text(client.callTool("memory_update", arguments("id", id, "content", content))))
        .isEqualTo("Updated memory #" + id);
  }

  private static void delete(McpProcess client, long id) throws IOException {
    assertThat(text(client.callTool("memory_delete", arguments("id", id)))).startsWith("Deleted memory #" + id);
  }

  private static void await(String what, Eventually.Check check) throws InterruptedException {
    Eventually.await(what, CONVERGE, check);
  }
}
