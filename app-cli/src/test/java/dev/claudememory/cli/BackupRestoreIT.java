package dev.claudememory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudememory.cli.CliProcess.Result;
import dev.claudememory.config.ClaudeMemory;
import dev.claudememory.config.Settings;
import dev.claudememory.config.SettingsParser;
import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Content;
import dev.claudememory.core.memory.Importance;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.service.MemoryService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backup} and {@code restore} as processes, next to another process writing to the same
 * database: this test's own JVM, which opens the memory service as an MCP server or an embedding
 * product does.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
final class BackupRestoreIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BURST = 1_000;
  private static final Pattern BACKED_UP =
      Pattern.compile("Backed up (\\d+) memor(?:y|ies) to (.+) \\(\\d+ KB\\)");

  @TempDir Path folder;

  private CliProcess cli(String name) {
    return new CliProcess(folder.resolve(name));
  }

  /** The settings {@link CliProcess} gives the command for this folder. */
  private Settings settings(String name) throws Exception {
    Path home = Files.createDirectories(folder.resolve(name).resolve("memory-home"));
    return SettingsParser.parse(
        Map.of("MEMORY_HOME", home.toString()), folder.resolve(name).resolve("user-home"));
  }

  private static Result succeed(CliProcess cli, String... arguments) throws Exception {
    Result result = cli.run(arguments);
    assertThat(result.exitCode())
        .as("claude-memory %s\n%s", String.join(" ", arguments), result)
        .isZero();
    return result;
  }

  private static Result refused(CliProcess cli, String... arguments) throws Exception {
    Result result = cli.run(arguments);
    assertThat(result.exitCode())
        .as("claude-memory %s\n%s", String.join(" ", arguments), result)
        .isEqualTo(1);
    assertThat(result.stderr())
        .as("%s", result)
        .doesNotContain("\tat ")
        .doesNotContain("Exception");
    return result;
  }

  private static NewMemory burstMemory(int n) {
    return new NewMemory(
        new Content("burst memory " + n),
        Category.DEFAULT,
        "tag-" + n,
        "keyword-" + n,
        Importance.DEFAULT,
        false);
  }

  @Test
  void aBackupTakenDuringABurstOfStoresRestoresIntoAFreshHomeThatPassesDoctor() throws Exception {
    CliProcess writing = cli("writing");
    Path backupFile = folder.resolve("during-burst.db");
    AtomicInteger stored = new AtomicInteger();
    AtomicBoolean backupDone = new AtomicBoolean();
    Result backup;
    try (MemoryService server = ClaudeMemory.open(settings("writing"))) {
      // keeps storing until the backup process has ended, so the backup surely ran in the middle
      CompletableFuture<Void> burst =
          CompletableFuture.runAsync(
              () -> {
                for (int n = 1; n <= BURST || !backupDone.get(); n++) {
                  server.store(burstMemory(n));
                  stored.set(n);
                }
              });
      while (stored.get() < 50 && !burst.isDone()) {
        Thread.sleep(1);
      }
      try {
        backup = writing.run("backup", "-o", backupFile.toString());
      } finally {
        backupDone.set(true);
      }
      burst.get(2, TimeUnit.MINUTES);
    }
    assertThat(backup.exitCode()).as("%s", backup).isZero();
    Matcher line = BACKED_UP.matcher(backup.stdout().trim());
    assertThat(line.matches()).as("%s", backup).isTrue();
    long inBackup = Long.parseLong(line.group(1));
    assertThat(inBackup).isBetween(50L, stored.get() - 1L);
    assertThat(Path.of(line.group(2))).isEqualTo(backupFile);

    CliProcess fresh = cli("fresh");
    Result restore = succeed(fresh, "restore", backupFile.toString(), "--yes");

    assertThat(restore.stdout())
        .startsWith("Restored " + inBackup + " memories from " + backupFile);
    assertThat(succeed(fresh, "count").stdout()).startsWith("Local memories: " + inBackup);
    List<String> rows =
        DatabaseRows.memories(fresh.database()).stream()
            .map(
                row ->
                    row.id()
                        + "|"
                        + row.content()
                        + "|"
                        + row.tags()
                        + "|"
                        + row.expandedKeywords())
            .collect(Collectors.toList());
    assertThat(rows)
        .isEqualTo(
            Stream.iterate(1, n -> n + 1)
                .limit(inBackup)
                .map(n -> n + "|burst memory " + n + "|tag-" + n + "|keyword-" + n)
                .collect(Collectors.toList()));
    assertThat(succeed(fresh, "recall", "keyword-" + inBackup).stdout())
        .contains("burst memory " + inBackup);
    Result doctor = succeed(fresh, "doctor");
    assertThat(doctor.stdout())
        .doesNotContain("FAIL  ")
        .contains("integrity check passed; " + inBackup + " memories");
  }

  @Test
  void aBackupGoesToTheBackupsFolderOwnerOnly() throws Exception {
    CliProcess cli = cli("home");
    succeed(cli, "store", "Kestrel deploys run on Fridays");

    JsonNode backup = JSON.readTree(succeed(cli, "backup", "--json").stdout());

    Path file = Path.of(backup.path("file").asText());
    Path backups = folder.resolve("home/memory-home/backups");
    assertThat(file.getParent()).isEqualTo(backups);
    assertThat(file.getFileName().toString())
        .matches("memory-\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}\\.\\d{3}Z\\.db");
    assertThat(backup.path("memories").asLong()).isEqualTo(1);
    assertThat(backup.path("bytes").asLong()).isEqualTo(Files.size(file));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backups)))
        .isEqualTo("rwx------");
  }

  @Test
  void aBackupWithoutADatabaseIsRefusedAndCreatesNone() throws Exception {
    CliProcess cli = cli("home");

    Result result = refused(cli, "backup");

    assertThat(result.stderr()).contains("no memory database at " + cli.database());
    assertThat(cli.database()).doesNotExist();
  }

  @Test
  void aBackupNeverOverwritesAFile() throws Exception {
    CliProcess cli = cli("home");
    succeed(cli, "store", "Kestrel deploys run on Fridays");
    Path existing = Files.writeString(folder.resolve("notes.txt"), "keep me");

    Result result = refused(cli, "backup", "--output", existing.toString());

    assertThat(result.stderr()).contains(existing + " already exists");
    assertThat(Files.readString(existing)).isEqualTo("keep me");
  }

  @Test
  void aRestoreIsRefusedWhileAnotherProcessHasTheDatabaseOpen() throws Exception {
    CliProcess source = cli("source");
    succeed(source, "store", "From the backup");
    Path backupFile = folder.resolve("backup.db");
    succeed(source, "backup", "-o", backupFile.toString());
    CliProcess target = cli("target");
    succeed(target, "store", "Current memory");

    try (MemoryService server = ClaudeMemory.open(settings("target"))) {
      Result result = refused(target, "restore", backupFile.toString(), "--yes");

      assertThat(result.stderr()).contains("not restored").contains("open in another process");
      assertThat(server.count().total()).isEqualTo(1);
    }
    assertThat(succeed(target, "list").stdout()).contains("Current memory");

    Result restored = succeed(target, "restore", backupFile.toString(), "--yes");

    assertThat(restored.stdout())
        .contains(
            "The replaced database is kept as "
                + folder.resolve("target/memory-home/backups/pre-restore-"));
    assertThat(succeed(target, "list").stdout())
        .contains("From the backup")
        .doesNotContain("Current memory");
  }

  @Test
  void aRestoreWithoutYesAsksAndNoAnswerChangesNothing() throws Exception {
    CliProcess source = cli("source");
    succeed(source, "store", "From the backup");
    Path backupFile = folder.resolve("backup.db");
    succeed(source, "backup", "-o", backupFile.toString());
    CliProcess target = cli("target");
    succeed(target, "store", "Current memory");

    Result result = refused(target, "restore", backupFile.toString());

    assertThat(result.stderr()).contains("Replace " + target.database()).contains("not restored");
    assertThat(succeed(target, "list").stdout()).contains("Current memory");
  }

  @Test
  void aRestoreOfSomethingThatIsNotABackupIsRefused() throws Exception {
    CliProcess target = cli("target");
    succeed(target, "store", "Current memory");
    Path notes =
        Files.writeString(folder.resolve("notes.db"), "not a database at all\n".repeat(100));

    assertThat(refused(target, "restore", notes.toString(), "--yes").stderr())
        .contains(notes + " is not an SQLite database");
    assertThat(
            refused(target, "restore", folder.resolve("missing.db").toString(), "--yes").stderr())
        .contains("is not a file");
    assertThat(succeed(target, "list").stdout()).contains("Current memory");
    assertThat(folder.resolve("target/memory-home/backups")).doesNotExist();
  }

  @Test
  void restoreWithoutAFileIsAUsageError() throws Exception {
    Result result = cli("home").run("restore");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("FILE");
  }
}
