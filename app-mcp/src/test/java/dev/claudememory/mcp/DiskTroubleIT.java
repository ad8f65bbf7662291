package dev.claudememory.mcp;

import static dev.claudememory.mcp.McpProcess.arguments;
import static dev.claudememory.mcp.McpProcess.text;
import static dev.claudememory.mcp.StoredMemories.KEYWORDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudememory.testkit.ReadOnlyFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server on a database it cannot use as a whole: a file at {@code MEMORY_DB} that is not a
 * database fails every tool call with a message naming it and is left as it was; a read-only
 * database answers reads while {@code memory_store} fails with the reason. The server keeps
 * serving, and writes no stack trace.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
final class DiskTroubleIT {
  private static final Duration EXIT_BOUND = Duration.ofSeconds(30);

  @RegisterExtension final McpProcesses servers = new McpProcesses();
  @TempDir Path folder;
  private final ReadOnlyFiles readOnlyFiles = new ReadOnlyFiles();

  @AfterEach
  void giveWriteAccessBack() throws Exception {
    readOnlyFiles.close();
  }

  private static List<String> namesIn(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(file -> file.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void aFileThatIsNotADatabaseFailsEveryToolCallNamingItAndIsLeftAsItWas() throws Exception {
    Path elsewhere = Files.createDirectories(folder.resolve("elsewhere"));
    Path notes = elsewhere.resolve("memory.db");
    Files.writeString(notes, "my notes, not a database\n".repeat(100), StandardCharsets.UTF_8);
    byte[] before = Files.readAllBytes(notes);
    McpProcess server = servers.start(folder, Map.of("MEMORY_DB", notes.toString()));

    server.initialize(HandshakeIT.LATEST);
    List<JsonNode> results =
        List.of(
            server.callTool(
                "memory_store", arguments("content", "nowhere to go", "expanded_keywords", KEYWORDS)),
            server.callTool(
                "memory_recall", arguments("context", "notes", "expanded_query", KEYWORDS)),
            server.callTool("memory_list", null),
            server.callTool("memory_count", null));

    for (JsonNode result : results) {
      assertThat(result.path("isError").asBoolean()).as("%s", result).isTrue();
      assertThat(text(result))
          .startsWith("Error: Could not open the memory database " + notes + ": ")
          .contains("not an SQLite database")
          .contains("left as it is")
          .contains("MEMORY_DB");
    }
    assertThat(server.request("ping", null).has("result")).as("still serving").isTrue();
    assertThat(server.closeInputAndWait(EXIT_BOUND)).isZero();
    assertThat(server.stderr()).contains(notes.toString()).doesNotContain("\tat ");
    assertThat(Files.readAllBytes(notes)).isEqualTo(before);
    assertThat(namesIn(elsewhere)).containsExactly("memory.db");
  }

  @Test
  void aReadOnlyDatabaseAnswersReadsWhileStoreFailsWithTheReason() throws Exception {
    McpProcess first = servers.start(folder);
    first.initialize(HandshakeIT.LATEST);
    StoredMemories.store(first, "Kestrel deploys run on Fridays");
    assertThat(first.closeInputAndWait(EXIT_BOUND)).isZero();
    Path database = McpProcess.databaseIn(folder);
    assumeTrue(readOnlyFiles.makeReadOnly(database), "cannot make files read-only on this machine");
    byte[] before = Files.readAllBytes(database);

    McpProcess server = servers.start(folder);
    server.initialize(HandshakeIT.LATEST);
    JsonNode stored =
        server.callTool(
            "memory_store", arguments("content", "refused", "expanded_keywords", KEYWORDS));
    JsonNode recalled =
        server.callTool(
            "memory_recall",
            arguments("context", "kestrel", "expanded_query", "deploys friday"));
    JsonNode listed = server.callTool("memory_list", null);

    assertThat(stored.path("isError").asBoolean()).as("%s", stored).isTrue();
    assertThat(text(stored))
        .startsWith("Error: Could not write to the memory database " + database + ": ")
        .contains("the file is read-only for this user")
        .contains("nothing was stored; reading it still works")
        .contains("chmod u+w " + database);
    assertThat(recalled.path("isError").asBoolean()).as("%s", recalled).isFalse();
    assertThat(text(recalled)).contains("Kestrel deploys run on Fridays");
    assertThat(listed.path("isError").asBoolean()).as("%s", listed).isFalse();
    assertThat(text(listed)).contains("Kestrel deploys run on Fridays");
    assertThat(server.closeInputAndWait(EXIT_BOUND)).isZero();
    assertThat(server.stderr()).doesNotContain("\tat ");
    assertThat(Files.readAllBytes(database)).isEqualTo(before);
    assertThat(namesIn(database.getParent())).containsExactly("memory.db");
  }

  @Test
  void syncOnAReadOnlyDatabaseLogsTheRefusalOnceNotEveryCycle() throws Exception {
    McpProcess first = servers.start(folder);
    first.initialize(HandshakeIT.LATEST);
    StoredMemories.store(first, "Kestrel deploys run on Fridays");
    assertThat(first.closeInputAndWait(EXIT_BOUND)).isZero();
    Path database = McpProcess.databaseIn(folder);
    assumeTrue(readOnlyFiles.makeReadOnly(database), "cannot make files read-only on this machine");

    McpProcess server =
        servers.start(
            folder,
            Map.of(
                "MEMORY_API_KEY", "sk-read-only-sync-0123456789",
                "MEMORY_API_URL", "http://127.0.0.1:9",
                "MEMORY_SYNC_INTERVAL", "0.2"));
    server.initialize(HandshakeIT.LATEST);
    server.callTool("memory_count", null);
    Thread.sleep(4_000); // some twenty sync cycles
    assertThat(server.closeInputAndWait(EXIT_BOUND)).isZero();

    List<String> refusals =
        server.stderr().lines().filter(line -> line.contains("read-only")).collect(Collectors.toList());
    assertThat(refusals).as("stderr:%n%s", server.stderr()).hasSize(1);
    assertThat(refusals.get(0)).contains("WARN").contains(database.toString());
    assertThat(server.stderr()).doesNotContain("\tat ");
  }

  @Test
  void aDatabaseThatCouldNotBeOpenedIsOpenedAtTheNextCallOnceItCanBe() throws Exception {
    Path memoryFolder = Files.createDirectories(folder.resolve("memory-home").resolve("memory"));
    assumeTrue(readOnlyFiles.makeReadOnly(memoryFolder), "cannot make files read-only on this machine");
    McpProcess server = servers.start(folder);
    server.initialize(HandshakeIT.LATEST);
    JsonNode refused = server.callTool("memory_count", null);

    readOnlyFiles.makeWritable(memoryFolder);
    JsonNode stored =
        server.callTool("memory_store", arguments("content", "Stored once the folder was writable", "expanded_keywords", KEYWORDS));

    assertThat(refused.path("isError").asBoolean()).as("%s", refused).isTrue();
    assertThat(text(refused)).contains(memoryFolder.toString());
    assertThat(stored.path("isError").asBoolean()).as("%s", stored).isFalse();
    assertThat(StoredMemories.countLine(server)).isEqualTo("Local memories: 1");
    assertThat(server.closeInputAndWait(EXIT_BOUND)).isZero();
    assertThat(SqliteFile.memoryRows(McpProcess.databaseIn(folder))).isEqualTo(1);
  }

  @Test
  void aTemporaryFolderThatCannotBeWrittenStopsNoToolAsTheNativeLibraryIsKeptUnderTheHome() throws Exception {
    Path temporary = Files.createDirectories(folder.resolve("full-tmp"));
    assumeTrue(readOnlyFiles.makeReadOnly(temporary), "cannot make files read-only on this machine");
    McpProcess server = servers.startWithJvmOptions(folder, "-Djava.io.tmpdir=" + temporary);

    server.initialize(HandshakeIT.LATEST);
    StoredMemories.store(server, "Kestrel deploys run on Fridays");
    JsonNode recalled =
        server.callTool("memory_recall", arguments("context", "kestrel", "expanded_query", "deploys friday"));

    assertThat(recalled.path("isError").asBoolean()).as("%s", recalled).isFalse();
    assertThat(text(recalled)).contains("Kestrel deploys run on Fridays");
    assertThat(server.closeInputAndWait(EXIT_BOUND)).isZero();
    assertThat(server.stderr()).doesNotContain("\tat ").doesNotContain("Exception");
    List<Path> kept;
    Path nativeFolder = folder.resolve("memory-home").resolve("native");
    try (Stream<Path> files = Files.walk(nativeFolder)) {
      kept = files.filter(Files::isRegularFile).collect(Collectors.toList());
    }
    assertThat(kept).as("one native library, in a folder named by its checksum").hasSize(1);
    assertThat(kept.get(0).getFileName().toString()).startsWith("libsqlitejdbc");
    assertThat(namesIn(temporary)).isEmpty();
  }
}
