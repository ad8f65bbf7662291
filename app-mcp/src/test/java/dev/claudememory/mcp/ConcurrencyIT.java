package dev.claudememory.mcp;

import static dev.claudememory.mcp.McpProcess.arguments;
import static dev.claudememory.mcp.McpProcess.text;
import static dev.claudememory.mcp.StoredMemories.KEYWORDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §8: concurrent stores over one connection and from several processes on one file never
 * fail and never lose a row.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
final class ConcurrencyIT {
  @RegisterExtension final McpProcesses servers = new McpProcesses();
  @TempDir Path folder;

  @Test
  void twoHundredConcurrentStoresOverOneConnectionAllSucceedWithDistinctIds() throws Exception {
    McpProcess server = servers.start(folder);
    server.initialize(HandshakeIT.LATEST);

    List<Long> requests = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      requests.add(server.sendToolCall("memory_store", arguments("content", "Concurrent memory " + i, "expanded_keywords", KEYWORDS)));
    }
    Set<Long> ids = new HashSet<>();
    for (long request : requests) {
      ids.add(StoredMemories.idOf(server.awaitToolResult(request)));
    }

    assertThat(ids).hasSize(200);
    assertThat(text(server.callTool("memory_count", null))).startsWith("Local memories: 200\n  facts: 200");
  }

  @Test
  void twoServersOnOneDatabaseFileStoreConcurrentlyWithoutLosingARow() throws Exception {
    // started together, so they also race to create and migrate the new file
    McpProcess first = servers.start(folder);
    McpProcess second = servers.start(folder);
    first.initialize(HandshakeIT.LATEST);
    second.initialize(HandshakeIT.LATEST);

    List<Long> firstRequests = new ArrayList<>();
    List<Long> secondRequests = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      firstRequests.add(first.sendToolCall("memory_store", arguments("content", "From the first server " + i, "expanded_keywords", KEYWORDS)));
      secondRequests.add(second.sendToolCall("memory_store", arguments("content", "From the second server " + i, "expanded_keywords", KEYWORDS)));
    }
    Set<Long> ids = new HashSet<>();
    for (long request : firstRequests) {
      ids.add(StoredMemories.idOf(first.awaitToolResult(request)));
    }
    for (long request : secondRequests) {
      ids.add(StoredMemories.idOf(second.awaitToolResult(request)));
    }

    assertThat(ids).as("distinct ids across both servers").hasSize(200);
    assertThat(text(second.callTool("memory_count", null))).startsWith("Local memories: 200\n");
    assertThat(first.closeInputAndWait(Duration.ofSeconds(15))).isZero();
    assertThat(second.closeInputAndWait(Duration.ofSeconds(15))).isZero();
    assertThat(SqliteFile.integrityCheck(first.database())).isEqualTo("ok");
    assertThat(SqliteFile.memoryRows(first.database())).isEqualTo(200);
    assertThat(first.stderr() + second.stderr()).doesNotContainIgnoringCase("database is locked");
  }
}
