package dev.claudememory.mcp;

import static dev.claudememory.mcp.McpProcess.arguments;
import static dev.claudememory.mcp.McpProcess.text;
import static dev.claudememory.mcp.StoredMemories.KEYWORDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SPEC §4 and §8, a session's life: requests before the handshake are answered, notifications
 * never are; the server ends cleanly on EOF and on SIGTERM, keeping every acknowledged write; a
 * bad setting is reported by every tool call. (Bad lines: {@link MalformedInputIT}.)
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
final class RobustnessIT {
  private static final Duration EXIT_BOUND = Duration.ofSeconds(15);

  @RegisterExtension final McpProcesses servers = new McpProcesses();
  @TempDir Path folder;

  private McpProcess startInitialized() throws Exception {
    McpProcess server = servers.start(folder);
    server.initialize(HandshakeIT.LATEST);
    return server;
  }

  private static void assertStillServing(McpProcess server) throws Exception {
    assertThat(server.request("ping", null).has("result")).as("the next request is served").isTrue();
  }

  @Test
  void notificationsAndStrayResponsesAreNeverAnswered() throws Exception {
    McpProcess server = servers.start(folder);
    server.initialize(HandshakeIT.LATEST);

    server.notify("notifications/whatever", McpProcess.object());
    server.notify("notifications/cancelled", arguments("requestId", 12345));
    server.writeLine("{\"jsonrpc\":\"2.0\",\"id\":4242,\"result\":{}}");
    server.writeLine("{\"jsonrpc\":\"2.0\",\"id\":4243,\"error\":{\"code\":-1,\"message\":\"client side\"}}");
    assertStillServing(server);

    // initialize and ping are answered in order on the reading thread: nothing else came between
    assertThat(server.stdoutLines()).hasSize(2);
  }

  @Test
  void aToolCallBeforeTheInitializedNotificationIsAnswered() throws Exception {
    McpProcess server = servers.start(folder);
    JsonNode initialized = server.request("initialize", McpProcess.initializeParams(HandshakeIT.LATEST));
    assertThat(initialized.has("result")).isTrue();

    JsonNode result =
        server.callTool("memory_store", arguments("content", "Stored before initialized", "expanded_keywords", KEYWORDS));

    assertThat(text(result)).isEqualTo("Stored memory #1 in category 'facts' with importance 0.5");
  }

  @Test
  void aToolCallBeforeInitializeIsAnswered() throws Exception {
    McpProcess server = servers.start(folder);

    assertThat(StoredMemories.countLine(server)).isEqualTo("Local memories: 0");
  }

  @Test
  void endOfInputEndsTheProcessWithStatusZeroAndClosesTheDatabase() throws Exception {
    McpProcess server = startInitialized();
    StoredMemories.store(server, "Kept across a clean exit");
    Path database = server.database();
    assertThat(Path.of(database + "-wal")).as("the database is open in WAL mode").exists();

    int status = server.closeInputAndWait(EXIT_BOUND);

    assertThat(status).as("stderr:\n%s", server.stderr()).isZero();
    assertThat(database).exists();
    assertThat(Path.of(database + "-wal")).as("closed cleanly: the WAL was checkpointed and removed").doesNotExist();
    assertThat(SqliteFile.memoryRows(database)).isEqualTo(1);
  }

  @Test
  void callsInFlightAtEndOfInputAreAnsweredBeforeTheProcessExits() throws Exception {
    McpProcess server = startInitialized();
    List<Long> sent = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      sent.add(server.sendToolCall("memory_store", arguments("content", "In flight " + i, "expanded_keywords", KEYWORDS)));
    }

    int status = server.closeInputAndWait(EXIT_BOUND);

    assertThat(status).isZero();
    Set<Long> ids = new HashSet<>();
    for (long request : sent) {
      ids.add(StoredMemories.idOf(server.awaitToolResult(request)));
    }
    assertThat(ids).hasSize(40);
    assertThat(SqliteFile.memoryRows(server.database())).isEqualTo(40);
  }

  @ParameterizedTest(name = "EOF {0} ms after start")
  @ValueSource(ints = {0, 150, 400, 700, 950})
  void endOfInputWithinASecondOfAHybridStartEndsTheProcessQuietly(int afterMillis) throws Exception {
    McpProcess server =
        servers.start(folder, Map.of("MEMORY_API_KEY", "sk-quiet-shutdown-0123456789", "MEMORY_API_URL", "http://127.0.0.1:9"));
    Thread.sleep(afterMillis);

    int status = server.closeInputAndWait(EXIT_BOUND);

    assertThat(status).as("stderr:\n%s", server.stderr()).isZero();
    assertThat(server.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
    Path log = folder.resolve("memory-home").resolve("logs").resolve("mcp-server.log");
    if (Files.exists(log)) {
      assertThat(Files.readString(log)).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  @Test
  void aLineTooBigForTheHeapIsAnsweredWithAnErrorAndTheServerKeepsServing() throws Exception {
    // through the launcher, whose heap is capped at 96 MB: a tree of 1.3 million objects fills it
    McpProcess server = servers.startLauncher(folder, Map.of());
    server.initialize(HandshakeIT.LATEST);
    // the database is open before the heap runs out: a class whose loading an out-of-memory error
    // cuts short stays unusable for the life of the JVM, wherever that happens
    assertThat(StoredMemories.countLine(server)).isEqualTo("Local memories: 0");
    String objects = String.join(",", Collections.nCopies(1_300_000, "{}"));

    server.writeLine(
        "{\"jsonrpc\":\"2.0\",\"id\":4242,\"method\":\"tools/call\",\"params\":{\"name\":\"memory_store\","
            + "\"arguments\":{\"content\":\"x\",\"expanded_keywords\":\"y\",\"tags\":[" + objects + "]}}}");
    JsonNode answer = server.awaitById("4242");

    assertThat(answer.path("error").path("code").asInt()).as("%s", answer).isEqualTo(-32603);
    assertThat(answer.path("error").path("message").asText()).contains("OutOfMemoryError");
    assertStillServing(server);
    StoredMemories.store(server, "Stored after a line that did not fit");
    assertThat(StoredMemories.countLine(server)).isEqualTo("Local memories: 1");
    assertThat(server.closeInputAndWait(EXIT_BOUND)).isZero();
  }

  @Test
  void sigtermEndsTheProcessAndKeepsEveryAcknowledgedStore() throws Exception {
    McpProcess server = startInitialized();
    List<Long> sent = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      sent.add(server.sendToolCall("memory_store", arguments("content", "Acknowledged " + i, "expanded_keywords", KEYWORDS)));
    }
    Set<Long> acknowledged = new HashSet<>();
    for (long request : sent) {
      acknowledged.add(StoredMemories.idOf(server.awaitToolResult(request)));
    }

    int status = server.terminateAndWait(EXIT_BOUND);

    assertThat(status).as("exit status after SIGTERM").isIn(0, 143);
    assertThat(SqliteFile.integrityCheck(server.database())).isEqualTo("ok");
    assertThat(SqliteFile.memoryRows(server.database())).isEqualTo(30);
    McpProcess restarted = servers.start(folder);
    restarted.initialize(HandshakeIT.LATEST);
    assertThat(text(restarted.callTool("memory_count", null))).startsWith("Local memories: 30");
    Set<Long> listed = new HashSet<>();
    restarted
        .callTool("memory_list", arguments("limit", 1000))
        .path("structuredContent")
        .path("memories")
        .forEach(memory -> listed.add(memory.path("id").asLong()));
    assertThat(listed).isEqualTo(acknowledged);
  }

  @Test
  void anInvalidSettingIsReportedByEveryToolCallWithoutAStackTrace() throws Exception {
    McpProcess server = servers.start(folder, Map.of("MEMORY_SYNC_INTERVAL", "abc"));

    JsonNode initialized = server.initialize(HandshakeIT.LATEST);
    JsonNode result = server.callTool("memory_count", null);
    JsonNode again = server.callTool("memory_store", arguments("content", "x", "expanded_keywords", "y"));

    assertThat(initialized.path("protocolVersion").asText()).isEqualTo(HandshakeIT.LATEST);
    for (JsonNode failed : List.of(result, again)) {
      assertThat(failed.path("isError").asBoolean()).isTrue();
      assertThat(text(failed))
          .startsWith("Configuration error: ")
          .contains("MEMORY_SYNC_INTERVAL")
          .contains("'abc'")
          .contains("restart")
          .doesNotContain("Invalid input");
    }
    assertThat(server.closeInputAndWait(EXIT_BOUND)).isZero();
    assertThat(server.stderr()).contains("MEMORY_SYNC_INTERVAL").doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(Files.exists(McpProcess.databaseIn(folder))).as("no database was created").isFalse();
  }
}
