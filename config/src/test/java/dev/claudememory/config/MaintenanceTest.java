package dev.claudememory.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.maintenance.BackupResult;
import dev.claudememory.core.maintenance.Check;
import dev.claudememory.core.maintenance.CheckStatus;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.service.MemoryService;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups land in {@code MEMORY_HOME/backups}, wherever the database is; doctor follows the mode.
 */
final class MaintenanceTest {
  @TempDir Path dir;

  private Settings settings(Map<String, String> environment) {
    return SettingsParser.parse(environment, dir.resolve("user"));
  }

  private Path home() {
    return dir.resolve("home");
  }

  private static List<String> names(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(file -> file.getFileName().toString()).collect(Collectors.toList());
    }
  }

  @Test
  void aDatabaseWithDataIsCopiedToTheHomesBackupsFolderBeforeItIsMigrated() throws Exception {
    Path database = Files.createDirectories(dir.resolve("elsewhere")).resolve("memory.db");
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(
          // the Python version's first layout: no server_id, no FTS index, no queue
          "CREATE TABLE memories (id INTEGER PRIMARY KEY AUTOINCREMENT, content TEXT NOT NULL,"
              + " category TEXT DEFAULT 'facts', tags TEXT DEFAULT '', expanded_keywords TEXT"
              + " DEFAULT '', importance REAL DEFAULT 0.5, is_sensitive INTEGER DEFAULT 0,"
              + " created_at TEXT NOT NULL, updated_at TEXT NOT NULL); INSERT INTO memories"
              + " (content, created_at, updated_at) VALUES ('kept', 'x', 'x')");
    }

    ClaudeMemory.open(
            settings(Map.of("MEMORY_HOME", home().toString(), "MEMORY_DB", database.toString())))
        .close();

    assertThat(names(home().resolve("backups")))
        .singleElement()
        .asString()
        .startsWith("pre-migration-");
    assertThat(dir.resolve("elsewhere/backups")).doesNotExist();
  }

  @Test
  void aBackupOnRequestGoesToTheHomesBackupsFolder() {
    Settings settings = settings(Map.of("MEMORY_HOME", home().toString()));
    try (MemoryService service = ClaudeMemory.open(settings)) {
      service.store(NewMemory.of("Kestrel deploys run on Fridays", "release weekday"));
    }

    BackupResult backup = Maintenance.of(settings).backups().backup();

    assertThat(backup.file().getParent()).isEqualTo(home().resolve("backups"));
    assertThat(backup.memories()).isEqualTo(1);
  }

  @Test
  void inRemoteOnlyModeDoctorLooksForNoDatabaseAndFailsWithoutTheApi() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Settings settings =
        settings(
            Map.of(
                "MEMORY_HOME",
                home().toString(),
                "MEMORY_API_KEY",
                "sk-remote-only-key",
                "MEMORY_API_URL",
                "http://127.0.0.1:" + closedPort,
                "MEMORY_SYNC_DISABLE",
                "1"));

    List<Check> checks = Maintenance.of(settings).doctor();

    assertThat(checks)
        .extracting(Check::name)
        .containsExactly("settings", "home folder", "database", "memory API", "log file");
    assertThat(checks.get(2).detail()).startsWith("not used");
    assertThat(checks.get(3).status()).isEqualTo(CheckStatus.FAIL);
    assertThat(checks)
        .allSatisfy(check -> assertThat(check.toString()).doesNotContain("sk-remote-only-key"));
    assertThat(home().resolve("memory")).doesNotExist();
  }
}
