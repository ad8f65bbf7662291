package dev.claudememory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudememory.cli.CliProcess.Result;
import dev.claudememory.testkit.FakeMemoryApiServer;
import dev.claudememory.testkit.ServerMemory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code claude-memory sync} commands as processes: without an API key, and in
 * hybrid mode against the fake memory API on loopback, where {@code sync now} pushes, changes the
 * server refuses for good are parked, listed with the server's reason, retried and discarded.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
final class CliSyncIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "sk-test-cli-sync-KEY-0123456789";
  /** A category the API refuses with 422, written straight into the file (the CLI refuses it). */
  private static final String UNKNOWN_CATEGORY = "bogus";

  @TempDir Path folder;
  private FakeMemoryApiServer api;
  private CliProcess hybrid;

  @BeforeEach
  void startTheApi() {
    api = new FakeMemoryApiServer(KEY).start();
    hybrid = new CliProcess(folder).with("MEMORY_API_URL", api.baseUri().toString()).with("MEMORY_API_KEY", KEY);
  }

  @AfterEach
  void stopTheApi() {
    api.close();
  }

  private Result run(CliProcess cli, String... arguments) throws Exception {
    Result result = cli.run(arguments);
    assertThat(result.stdout() + result.stderr()).as("the key is never shown").doesNotContain(KEY);
    assertThat(result.stderr()).as("%s", result).doesNotContain("\tat ");
    return result;
  }

  private Result succeed(String... arguments) throws Exception {
    Result result = run(hybrid, arguments);
    assertThat(result.exitCode()).as("claude-memory %s\n%s", String.join(" ", arguments), result).isZero();
    return result;
  }

  private JsonNode json(String... arguments) throws Exception {
    return JSON.readTree(succeed(arguments).stdout());
  }

  private long store(String content) throws Exception {
    return json("store", "--json", content, "-k", "kestrel deploy schedule release cadence").path("id").asLong();
  }

  @Test
  void withoutAnApiKeySyncIsOffAndSaysHowToTurnItOn() throws Exception {
    CliProcess localOnly = new CliProcess(folder);

    Result status = run(localOnly, "sync", "status");
    JsonNode statusJson = JSON.readTree(run(localOnly, "sync", "status", "--json").stdout());
    Result now = run(localOnly, "sync", "now");
    Result list = run(localOnly, "sync", "dead-letter", "list");

    assertThat(status.exitCode()).isZero();
    assertThat(status.stdout()).contains("Sync is off").contains("MEMORY_API_KEY");
    assertThat(statusJson.path("enabled").asBoolean(true)).isFalse();
    assertThat(statusJson.path("mode").asText()).isEqualTo("local-only");
    assertThat(now.exitCode()).as("%s", now).isEqualTo(CliMain.EXIT_USAGE);
    assertThat(now.stderr()).contains("Sync is off").contains("set MEMORY_API_KEY");
    assertThat(now.stdout()).isEmpty();
    assertThat(list.exitCode()).isEqualTo(CliMain.EXIT_USAGE);
  }

  @Test
  void syncNowPushesEveryStoredMemoryOnceAndStatusShowsNothingLeft() throws Exception {
    store("Kestrel deploys are frozen on Fridays");
    store("Marmalade is the staging host");
    JsonNode before = json("sync", "status", "--json");

    Result first = succeed("sync", "now");
    Result second = succeed("sync", "now");
    JsonNode after = json("sync", "status", "--json");

    assertThat(before.path("pending_operations").asInt()).isEqualTo(2);
    assertThat(before.path("last_push").isNull()).isTrue();
    assertThat(first.stdout()).startsWith("Sync done.").containsPattern("Pushed +2");
    assertThat(second.stdout()).containsPattern("Pushed +0");
    assertThat(api.serverMemories())
        .extracting(ServerMemory::content)
        .containsExactlyInAnyOrder("Kestrel deploys are frozen on Fridays", "Marmalade is the staging host");
    assertThat(after.path("enabled").asBoolean()).isTrue();
    assertThat(after.path("pending_operations").asInt()).isZero();
    assertThat(after.path("unsynced_memories").asInt()).isZero();
    assertThat(after.path("parked_operations").asInt()).isZero();
    assertThat(after.path("last_push").asText()).endsWith("+00:00");
    assertThat(after.path("last_pull").asText()).endsWith("+00:00");
    assertThat(after.path("auth_ok").asBoolean()).isTrue();
    assertThat(succeed("sync", "status").stdout()).containsPattern("Pending operations +0");
  }

  @Test
  void aCreateTheServerRefusesIsParkedListedWithItsReasonAndCanBeRetriedButNotDiscarded() throws Exception {
    succeed("count"); // creates the database file and its schema
    long memoryId = insertRow(hybrid.database(), "Written with a category the API refuses");

    Result synced = succeed("sync", "now");
    Result list = succeed("sync", "dead-letter", "list");
    JsonNode parked = json("sync", "dead-letter", "list", "--json");

    assertThat(synced.stdout()).containsPattern("Refused, parked +1");
    assertThat(api.serverMemories()).isEmpty();
    assertThat(parked).hasSize(1);
    JsonNode op = parked.get(0);
    long opId = op.path("op_id").asLong();
    assertThat(op.path("kind").asText()).isEqualTo("create");
    assertThat(op.path("memory_id").asLong()).isEqualTo(memoryId);
    assertThat(op.path("reason").asText()).contains("422").contains("Invalid category 'bogus'");
    assertThat(op.has("content")).isFalse();
    assertThat(list.stdout())
        .contains("create", "#" + memoryId, "Invalid category 'bogus'")
        .doesNotContain("Written with a category the API refuses");

    Result discard = run(hybrid, "sync", "dead-letter", "discard", Long.toString(opId));
    assertThat(discard.exitCode()).as("%s", discard).isEqualTo(CliMain.EXIT_REFUSED);
    assertThat(discard.stderr()).contains("never accepted").contains("claude-memory update " + memoryId)
        .contains("claude-memory delete " + memoryId);
    assertThat(json("sync", "dead-letter", "list", "--json")).hasSize(1);

    Result retry = succeed("sync", "dead-letter", "retry", Long.toString(opId));
    JsonNode status = json("sync", "status", "--json");
    assertThat(retry.stdout()).startsWith("Queued operation " + opId + " (create of memory #" + memoryId + ") again");
    assertThat(status.path("parked_operations").asInt()).isZero();
    assertThat(status.path("pending_operations").asInt()).isEqualTo(1);
  }

  @Test
  void retryOfAnUnknownOpOrWithoutAnOpIdIsRefused() throws Exception {
    Result unknown = run(hybrid, "sync", "dead-letter", "retry", "999");
    Result neither = run(hybrid, "sync", "dead-letter", "retry");
    Result all = succeed("sync", "dead-letter", "retry", "--all");

    assertThat(unknown.exitCode()).isEqualTo(CliMain.EXIT_REFUSED);
    assertThat(unknown.stderr()).contains("999").contains("not found");
    assertThat(neither.exitCode()).isEqualTo(CliMain.EXIT_USAGE);
    assertThat(all.stdout().trim()).isEqualTo("No parked operations.");
  }

  @Test
  void discardingAParkedUpdateBringsTheServersCopyBack() throws Exception {
    long memoryId = store("Kestrel deploys are frozen on Fridays");
    succeed("sync", "now");
    setCategory(hybrid.database(), memoryId, UNKNOWN_CATEGORY);
    succeed("update", Long.toString(memoryId), "--content", "Kestrel deploys are frozen on Caturdays");
    succeed("sync", "now");
    JsonNode parked = json("sync", "dead-letter", "list", "--json");
    assertThat(parked).hasSize(1);
    assertThat(parked.get(0).path("kind").asText()).isEqualTo("update");

    Result discard = succeed("sync", "dead-letter", "discard", parked.get(0).path("op_id").asText());
    JsonNode afterDiscard = json("sync", "status", "--json");
    succeed("sync", "now");
    JsonNode memories = json("list", "--json");

    assertThat(discard.stdout()).contains("Discarded operation").contains("server's copy");
    assertThat(afterDiscard.path("parked_operations").asInt()).isZero();
    assertThat(afterDiscard.path("pending_operations").asInt()).isZero();
    assertThat(memories).hasSize(1);
    assertThat(memories.get(0).path("id").asLong()).isEqualTo(memoryId);
    assertThat(memories.get(0).path("content").asText()).isEqualTo("Kestrel deploys are frozen on Fridays");
    assertThat(memories.get(0).path("category").asText()).isEqualTo("facts");
    assertThat(api.serverMemories()).singleElement().extracting(ServerMemory::content)
        .isEqualTo("Kestrel deploys are frozen on Fridays");
  }

  @Test
  void syncNowLeavesTheLiveLeaseOfAnotherProcessAloneAndNamesIt() throws Exception {
    store("Queued while a server holds the lease");
    holdLease(hybrid.database(), "pid 4242 0f8fad5b-d9cb-469f-a165-70867728950e");

    Result result = succeed("sync", "now");

    assertThat(result.stdout()).contains("pid 4242 holds the sync lease").doesNotContain("0f8fad5b");
    assertThat(api.serverMemories()).isEmpty();
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void aRefusedKeyIsReportedWithoutTheKeyAndKeepsTheQueue() throws Exception {
    store("Waits for a key the API accepts");
    api.setApiKey("sk-test-rotated-KEY-9876543210");

    Result result = run(hybrid, "sync", "now");
    JsonNode status = json("sync", "status", "--json");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(CliMain.EXIT_REFUSED);
    assertThat(result.stderr()).contains("refused the key").contains("MEMORY_API_KEY");
    assertThat(status.path("auth_ok").asBoolean(true)).isFalse();
    assertThat(status.path("pending_operations").asInt()).isEqualTo(1);
    assertThat(api.serverMemories()).isEmpty();
  }

  @Test
  void syncNowTellsARefusalForGoodInOneLineOfItsOwnWords() throws Exception {
    succeed("count");
    long memoryId = insertRow(hybrid.database(), "Written with a category the API refuses");

    Result synced = succeed("sync", "now");

    assertThat(synced.stderr().lines())
        .as("%s", synced)
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("WARN")
        .contains("the server refused operation 1 (create of memory #" + memoryId + ") for good")
        .contains("Invalid category 'bogus'")
        .doesNotContain("PendingOp")
        .doesNotContain("Exception");
  }

  @Test
  void statusForgetsTheLastErrorOnceASyncSucceeds() throws Exception {
    store("Waits out an outage");
    api.setDown(true);
    Result failed = run(hybrid, "sync", "now");
    JsonNode during = json("sync", "status", "--json");
    api.setDown(false);

    succeed("sync", "now");
    Result after = succeed("sync", "status");
    JsonNode afterJson = json("sync", "status", "--json");

    assertThat(failed.exitCode()).as("%s", failed).isEqualTo(CliMain.EXIT_REFUSED);
    assertThat(during.path("last_error").asText()).contains("connection refused");
    assertThat(after.stdout()).as("%s", after).doesNotContain("Last error");
    assertThat(afterJson.path("last_error").isNull()).as("%s", afterJson).isTrue();
    assertThat(afterJson.path("pending_operations").asInt()).isZero();
  }

  @Test
  void beforeTheApiAnsweredStatusDoesNotSayTheKeyIsAccepted() throws Exception {
    store("Queued before any sync");
    api.setDown(true);
    run(hybrid, "sync", "now");

    Result before = succeed("sync", "status");
    JsonNode beforeJson = json("sync", "status", "--json");
    api.setDown(false);
    succeed("sync", "now");
    Result after = succeed("sync", "status");

    assertThat(before.stdout()).as("%s", before).containsPattern("Auth +not checked yet");
    assertThat(beforeJson.path("auth_ok").isNull()).as("%s", beforeJson).isTrue();
    assertThat(after.stdout()).as("%s", after).containsPattern("Auth +ok");
  }

  // --- the database file, changed as no command would ---

  /** A memory row no op covers yet, as an older version or another tool might have left it. */
  private static long insertRow(Path database, String content) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO memories (content, category, created_at, updated_at)"
                    + " VALUES (?, ?, '2026-11-24T21:47:33.680389+00:00', '2026-11-24T21:47:33.680389+00:00')",
                new String[] {"id"})) {
      insert.setString(1, content);
      insert.setString(2, UNKNOWN_CATEGORY);
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  private static void setCategory(Path database, long memoryId, String category) throws SQLException {
    execute(database, "UPDATE memories SET category = ? WHERE id = ?", category, memoryId);
  }

  private static void holdLease(Path database, String holder) throws SQLException {
    execute(database, "INSERT INTO sync_lease (name, holder, expires_at) VALUES ('sync', ?, ?)",
        holder, "2999-01-01T00:00:00.000000+00:00");
  }

  private static void execute(Path database, String sql, Object... values) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int index = 0; index < values.length; index++) {
        statement.setObject(index + 1, values[index]);
      }
      assertThat(statement.executeUpdate()).isEqualTo(1);
    }
  }
}
