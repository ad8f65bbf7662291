package dev.claudememory.sqlite;

import static dev.claudememory.sqlite.Memories.T0;
import static dev.claudememory.sqlite.Memories.memory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudememory.core.InvalidInputException;
import dev.claudememory.core.StorageException;
import dev.claudememory.core.fakes.SettableClock;
import dev.claudememory.core.maintenance.BackupNames;
import dev.claudememory.core.maintenance.BackupResult;
import dev.claudememory.core.maintenance.RestoreResult;
import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Content;
import dev.claudememory.core.memory.Importance;
import dev.claudememory.core.memory.NewMemory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class SqliteBackupsTest {
  private static final Instant NOW = Instant.parse("2026-01-24T21:47:33.680Z");
  private static final int BURST = 1_000;

  @TempDir Path dir;
  private final SettableClock clock = new SettableClock(NOW);

  private Path database() {
    return dir.resolve("home/memory/memory.db");
  }

  private Path backupFolder() {
    return dir.resolve("home/backups");
  }

  private SqliteBackups backups() {
    return new SqliteBackups(database(), backupFolder(), clock);
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static void store(Path file, String... contents) {
    try (SqliteMemoryStore store = SqliteMemoryStore.open(file)) {
      for (String content : contents) {
        store.write(writer -> writer.insert(memory(content), T0));
      }
    }
  }

  private static List<List<String>> contents(Path file) throws Exception {
    return RawDatabase.rows(file, "SELECT content FROM memories ORDER BY id");
  }

  @Test
  void aBackupTakenDuringABurstOfStoresIsACompleteSoundDatabaseOfWholeRows() throws Exception {
    Path backupFile = dir.resolve("during-burst.db");
    AtomicInteger stored = new AtomicInteger();
    AtomicBoolean backupDone = new AtomicBoolean();
    try (SqliteMemoryStore store = SqliteMemoryStore.open(database())) {
      // keeps storing until the backup is over, so the backup surely ran in the middle of it
      CompletableFuture<Void> burst =
          CompletableFuture.runAsync(
              () -> {
                for (int i = 1; i <= BURST || !backupDone.get(); i++) {
                  NewMemory memory =
                      new NewMemory(
                          new Content("burst memory " + i),
                          Category.DEFAULT,
                          "tag-" + i,
                          "keyword-" + i,
                          Importance.DEFAULT,
                          false);
                  store.write(writer -> writer.insert(memory, T0));
                  stored.set(i);
                }
              });
      while (stored.get() < 50) {
        Thread.sleep(1);
      }
      BackupResult backup;
      try {
        backup = backups().backup(backupFile);
      } finally {
        backupDone.set(true);
      }
      burst.get(60, TimeUnit.SECONDS);

      assertThat(backup.memories()).isBetween(50L, (long) stored.get() - 1);
      assertThat(RawDatabase.rows(backupFile, "PRAGMA integrity_check"))
          .containsExactly(List.of("ok"));
      List<List<String>> rows =
          RawDatabase.rows(
              backupFile, "SELECT id, content, tags, expanded_keywords FROM memories ORDER BY id");
      assertThat(rows).hasSize((int) backup.memories());
      for (int i = 0; i < rows.size(); i++) {
        int n = i + 1;
        assertThat(rows.get(i))
            .containsExactly(String.valueOf(n), "burst memory " + n, "tag-" + n, "keyword-" + n);
      }
      RawDatabase.execute(
          backupFile, "INSERT INTO memories_fts(memories_fts, rank) VALUES('integrity-check', 1)");
      assertThat(
              RawDatabase.rows(
                  backupFile, "SELECT count(*) FROM memories_fts WHERE memories_fts MATCH 'burst'"))
          .containsExactly(List.of(String.valueOf(backup.memories())));
    }
  }

  @Test
  void aBackupGoesToTheBackupsFolderByDefaultOwnerOnly() throws Exception {
    store(database(), "first", "second");

    BackupResult backup = backups().backup();

    assertThat(backup.file())
        .isEqualTo(backupFolder().resolve(BackupNames.name(BackupNames.ON_REQUEST, NOW)));
    assertThat(backup.memories()).isEqualTo(2);
    assertThat(backup.bytes()).isEqualTo(Files.size(backup.file()));
    assertThat(mode(backupFolder())).isEqualTo("rwx------");
    assertThat(mode(backup.file())).isEqualTo("rw-------");
    assertThat(contents(backup.file())).containsExactly(List.of("first"), List.of("second"));
  }

  @Test
  void aBackupNeverOverwritesAFile() throws Exception {
    store(database(), "first");
    Path existing = Files.writeString(dir.resolve("existing.db"), "keep me");

    assertThatThrownBy(() -> backups().backup(existing))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("already exists");
    assertThat(Files.readString(existing)).isEqualTo("keep me");
  }

  @Test
  void aBackupWithoutADatabaseIsRefusedAndCreatesNothing() {
    assertThatThrownBy(() -> backups().backup())
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("no memory database at " + database());
    assertThat(database()).doesNotExist();
    assertThat(backupFolder()).doesNotExist();
  }

  @Test
  void aBackupOfADamagedDatabaseFailsAndLeavesNoFile() throws Exception {
    BrokenFiles.damaged(database());
    Path target = dir.resolve("backup.db");

    assertThatThrownBy(() -> backups().backup(target)).isInstanceOf(StorageException.class);
    assertThat(target).doesNotExist();
  }

  @Test
  void aRestoreIntoAHomeWithoutADatabaseCreatesItOwnerOnly() throws Exception {
    Path source = dir.resolve("elsewhere/memory.db");
    store(source, "first", "second");
    Path backupFile =
        new SqliteBackups(source, dir.resolve("elsewhere/backups"), clock).backup().file();

    RestoreResult result = backups().restore(backupFile);

    assertThat(result).isEqualTo(new RestoreResult.Restored(database(), 2, Optional.empty()));
    assertThat(mode(database())).isEqualTo("rw-------");
    assertThat(mode(database().getParent())).isEqualTo("rwx------");
    try (SqliteMemoryStore store = SqliteMemoryStore.open(database())) {
      assertThat(store.counts().total()).isEqualTo(2);
    }
  }

  @Test
  void aRestoreReplacesTheDatabaseAndKeepsTheReplacedOne() throws Exception {
    Path source = dir.resolve("elsewhere/memory.db");
    store(source, "from the backup");
    Path backupFile =
        new SqliteBackups(source, dir.resolve("elsewhere/backups"), clock).backup().file();
    store(database(), "current one", "current two");

    RestoreResult result = backups().restore(backupFile);

    Path kept = backupFolder().resolve(BackupNames.name(BackupNames.PRE_RESTORE, NOW));
    assertThat(result).isEqualTo(new RestoreResult.Restored(database(), 1, Optional.of(kept)));
    assertThat(contents(database())).containsExactly(List.of("from the backup"));
    assertThat(contents(kept)).containsExactly(List.of("current one"), List.of("current two"));
    assertThat(mode(kept)).isEqualTo("rw-------");
    assertThat(database().resolveSibling("memory.db.restoring")).doesNotExist();
  }

  @Test
  void aRestoreIsRefusedWhileAProcessHasTheDatabaseOpenAndGoesAheadOnceItHasCrashed()
      throws Exception {
    Path source = dir.resolve("elsewhere/memory.db");
    store(source, "from the backup");
    Path backupFile =
        new SqliteBackups(source, dir.resolve("elsewhere/backups"), clock).backup().file();
    Path ready = dir.resolve("ready");
    Files.createDirectories(database().getParent());
    Process server =
        ChildProcesses.startAndAwait(
            HoldOpenMain.class,
            ready,
            dir.resolve("server.log"),
            database().toString(),
            "3",
            ready.toString());
    try {
      RestoreResult refused = backups().restore(backupFile);

      assertThat(refused).isInstanceOf(RestoreResult.InUse.class);
      assertThat(((RestoreResult.InUse) refused).reason())
          .contains(database().toString())
          .contains("open in another process");
      assertThat(backupFolder()).doesNotExist();
    } finally {
      ChildProcesses.kill(server);
    }
    assertThat(database().resolveSibling("memory.db-wal")).as("the crash left its log").exists();

    RestoreResult result = backups().restore(backupFile);

    assertThat(result).isInstanceOf(RestoreResult.Restored.class);
    Path kept = ((RestoreResult.Restored) result).previous().orElseThrow();
    assertThat(contents(kept))
        .as("the rows only the log held are kept too")
        .containsExactly(
            List.of("held memory 0"), List.of("held memory 1"), List.of("held memory 2"));
    assertThat(kept.resolveSibling(kept.getFileName() + "-wal")).doesNotExist();
    assertThat(database().resolveSibling("memory.db-wal")).doesNotExist();
    assertThat(database().resolveSibling("memory.db-shm")).doesNotExist();
    assertThat(contents(database())).containsExactly(List.of("from the backup"));
  }

  @Test
  void unusableBackupsAreRefusedAndChangeNothing() throws Exception {
    store(database(), "current");
    byte[] before = Files.readAllBytes(database());
    Path notADatabase = BrokenFiles.notADatabase(dir.resolve("notes.db"));
    Path damaged = BrokenFiles.damaged(dir.resolve("damaged.db"));
    Path otherDatabase = dir.resolve("other.db");
    RawDatabase.execute(otherDatabase, "CREATE TABLE things(name TEXT)");

    assertThat(reasonFor(dir.resolve("missing.db"))).endsWith("does not exist");
    assertThat(reasonFor(notADatabase)).endsWith("is not an SQLite database");
    assertThat(reasonFor(damaged)).contains("malformed");
    assertThat(reasonFor(otherDatabase))
        .endsWith("is not a memory database: it has no memories table");
    assertThat(reasonFor(database())).endsWith("is the memory database itself");

    assertThat(Files.readAllBytes(database())).isEqualTo(before);
    assertThat(database().resolveSibling("memory.db.restoring")).doesNotExist();
    assertThat(backupFolder()).doesNotExist();
  }

  private String reasonFor(Path backup) {
    RestoreResult result = backups().restore(backup);
    assertThat(result).as("restoring %s", backup).isInstanceOf(RestoreResult.Unusable.class);
    return ((RestoreResult.Unusable) result).reason();
  }
}
