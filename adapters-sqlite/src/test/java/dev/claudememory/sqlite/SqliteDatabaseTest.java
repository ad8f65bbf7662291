package dev.claudememory.sqlite;

import static dev.claudememory.sqlite.Memories.T0;
import static dev.claudememory.sqlite.Memories.memory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudememory.core.StorageException;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.recall.SearchTerms;
import dev.claudememory.core.recall.SortBy;
import dev.claudememory.testkit.PythonDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class SqliteDatabaseTest {
  @TempDir Path dir;

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  @Test
  void newFileAndTheFoldersMadeForItAreOwnerOnly() throws Exception {
    Path file = dir.resolve("home/memory/memory.db");

    try (SqliteMemoryStore store = SqliteMemoryStore.open(file)) {
      store.write(writer -> writer.insert(memory("first"), T0));

      assertThat(mode(dir.resolve("home"))).isEqualTo("rwx------");
      assertThat(mode(dir.resolve("home/memory"))).isEqualTo("rwx------");
      assertThat(mode(file)).isEqualTo("rw-------");
      assertThat(mode(dir.resolve("home/memory/memory.db-wal"))).isEqualTo("rw-------");
      assertThat(mode(dir.resolve("home/memory/memory.db-shm"))).isEqualTo("rw-------");
    }
  }

  @Test
  void everyConnectionIsOpenedWithWalNormalSyncAndABusyTimeout() {
    String settings = "SELECT journal_mode, synchronous, timeout FROM pragma_journal_mode,"
        + " pragma_synchronous, pragma_busy_timeout";
    try (SqliteDatabase database = SqliteDatabase.open(dir.resolve("memory.db"))) {
      String read = database.read(session -> session.dsl().fetchOne(settings).formatCSV(false));
      String written = database.write(session -> session.dsl().fetchOne(settings).formatCSV(false));

      // synchronous NORMAL is 1
      assertThat(read).isEqualToIgnoringWhitespace("wal,1,5000");
      assertThat(written).isEqualToIgnoringWhitespace("wal,1,5000");
    }
  }

  @Test
  void readConnectionsRefuseToWrite() {
    try (SqliteDatabase database = SqliteDatabase.open(dir.resolve("memory.db"))) {
      assertThatThrownBy(
              () ->
                  database.read(
                      session ->
                          session.dsl().execute(
                              "INSERT INTO sync_meta (key, value) VALUES ('x', 'y')")))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("readonly");
    }
  }

  @Test
  void aFolderThatAlreadyExistsKeepsItsPermissions() throws Exception {
    Path folder = Files.createDirectory(dir.resolve("shared"));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));

    try (SqliteMemoryStore store = SqliteMemoryStore.open(folder.resolve("memory.db"))) {
      assertThat(mode(folder)).isEqualTo("rwxr-xr-x");
      assertThat(mode(folder.resolve("memory.db"))).isEqualTo("rw-------");
    }
  }

  @Test
  void anAdoptedWorldReadableFileBecomesOwnerOnly() throws Exception {
    Path file = PythonDatabases.create(dir.resolve("memory.db"), PythonDatabases.Fixture.V2);
    Path leftOverWal = Files.createFile(dir.resolve("memory.db-wal"));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(leftOverWal, PosixFilePermissions.fromString("rw-r--r--"));

    try (SqliteMemoryStore store = SqliteMemoryStore.open(file)) {
      assertThat(mode(file)).isEqualTo("rw-------");
      assertThat(mode(leftOverWal)).isEqualTo("rw-------");
      assertThat(store.counts().total()).isEqualTo(6);
    }
  }

  @Test
  void anEmptyFileBecomesAWorkingDatabase() throws Exception {
    Path file = Files.createFile(dir.resolve("memory.db"));

    try (SqliteMemoryStore store = SqliteMemoryStore.open(file)) {
      Memory stored = store.write(writer -> writer.insert(memory("from empty"), T0));
      assertThat(store.find(stored.id())).contains(stored);
    }
    assertThat(Files.size(file)).isPositive();
  }

  @Test
  void openingTwiceChangesNothingTheSecondTime() throws Exception {
    Path file = dir.resolve("memory.db");
    SqliteMemoryStore.open(file).close();
    List<String> schema = RawDatabase.schema(file);
    List<List<String>> history = RawDatabase.rows(file, "SELECT * FROM flyway_schema_history");

    SqliteMemoryStore.open(file).close();

    assertThat(RawDatabase.schema(file)).isEqualTo(schema);
    assertThat(RawDatabase.rows(file, "SELECT * FROM flyway_schema_history")).isEqualTo(history);
    assertThat(history).extracting(row -> row.get(1)).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11");
  }

  @Test
  void aFileThatIsNotSqliteIsRefusedAndLeftAsItIs() throws Exception {
    Path file = dir.resolve("memory.db");
    Files.writeString(file, "these are my notes, not a database\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> SqliteMemoryStore.open(file))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("not an SQLite database")
        .hasMessageContaining("left as it is");

    assertThat(Files.readString(file)).isEqualTo("these are my notes, not a database\n");
    assertThat(mode(file)).isEqualTo("rw-r--r--");
    assertThat(Files.list(dir)).containsExactly(file);
  }

  @Test
  void aDamagedDatabaseIsRefusedAndLeftAsItIs() throws Exception {
    Path good = PythonDatabases.create(dir.resolve("good.db"), PythonDatabases.Fixture.V0_WITHOUT_FTS);
    byte[] damaged = Files.readAllBytes(good);
    // keep the 100-byte header, wreck the schema page behind it
    Arrays.fill(damaged, 100, damaged.length, (byte) 0xA5);
    Path file = Files.write(dir.resolve("memory.db"), damaged);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> SqliteMemoryStore.open(file))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("left as it is");

    assertThat(Files.readAllBytes(file)).isEqualTo(damaged);
    assertThat(mode(file)).isEqualTo("rw-r--r--");
  }

  @Test
  void aFolderAtTheFilePathIsRefused() throws Exception {
    Path folder = Files.createDirectory(dir.resolve("memory.db"));

    assertThatThrownBy(() -> SqliteMemoryStore.open(folder))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(folder.toString())
        .hasMessageContaining("folder");
  }

  @Test
  void readsDoNotWaitBehindAWriteAndSeeOnlyCommittedState() throws Exception {
    try (SqliteMemoryStore store = SqliteMemoryStore.open(dir.resolve("memory.db"))) {
      Memory committed = store.write(writer -> writer.insert(memory("committed heron"), T0));
      CountDownLatch inserted = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Memory> slowWrite =
          CompletableFuture.supplyAsync(
              () ->
                  store.write(
                      writer -> {
                        Memory m = writer.insert(memory("uncommitted heron"), T0);
                        inserted.countDown();
                        await(release);
                        return m;
                      }));
      assertThat(inserted.await(10, TimeUnit.SECONDS)).isTrue();

      // all of these would hang (and time the test out) if reads queued behind the write
      assertThat(store.find(committed.id())).contains(committed);
      assertThat(store.recent(Optional.empty(), 10)).containsExactly(committed);
      assertThat(
              store.search(
                  SearchTerms.of("heron", "").allWordsQuery(), Optional.empty(), SortBy.RELEVANCE, 10))
          .containsExactly(committed);
      assertThat(store.counts().total()).isEqualTo(1);

      release.countDown();
      Memory later = slowWrite.get(10, TimeUnit.SECONDS);
      assertThat(store.find(later.id())).contains(later);
    }
  }

  @Test
  void aWriteWaitsOutAnotherProcessHoldingTheLockBeyondTheBusyTimeout() throws Exception {
    Path file = dir.resolve("memory.db");
    SqliteOptions options =
        new SqliteOptions(
            Duration.ofMillis(50),
            2,
            Duration.ofSeconds(5),
            new WriteRetry(20, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(10)));
    try (SqliteMemoryStore store = new SqliteMemoryStore(SqliteDatabase.open(file, options));
        Connection otherProcess = PythonDatabases.open(file);
        Statement statement = otherProcess.createStatement()) {
      statement.execute("BEGIN IMMEDIATE");
      AtomicInteger runs = new AtomicInteger();
      CompletableFuture<Memory> write =
          CompletableFuture.supplyAsync(
              () ->
                  store.write(
                      writer -> {
                        runs.incrementAndGet();
                        return writer.insert(memory("patient"), T0);
                      }));

      Thread.sleep(600);
      assertThat(write).isNotDone();
      statement.execute("COMMIT");

      Memory stored = write.get(10, TimeUnit.SECONDS);
      assertThat(store.find(stored.id())).contains(stored);
      assertThat(runs).hasValue(1);
    }
  }

  @Test
  void aWriteGivesUpWithAStorageExceptionWhenTheLockIsHeldTooLong() throws Exception {
    Path file = dir.resolve("memory.db");
    SqliteOptions options =
        new SqliteOptions(
            Duration.ofMillis(20),
            2,
            Duration.ofSeconds(5),
            new WriteRetry(3, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(5)));
    try (SqliteMemoryStore store = new SqliteMemoryStore(SqliteDatabase.open(file, options));
        Connection otherProcess = PythonDatabases.open(file);
        Statement statement = otherProcess.createStatement()) {
      statement.execute("BEGIN IMMEDIATE");
      AtomicInteger runs = new AtomicInteger();

      assertThatThrownBy(
              () ->
                  store.write(
                      writer -> {
                        runs.incrementAndGet();
                        return writer.insert(memory("impatient"), T0);
                      }))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining(file.toString())
          .hasMessageContaining("locked")
          .hasMessageContaining("3 attempts");
      assertThat(runs).hasValue(0);

      statement.execute("ROLLBACK");
      Memory afterwards = store.write(writer -> writer.insert(memory("now it works"), T0));
      assertThat(store.find(afterwards.id())).contains(afterwards);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(20, TimeUnit.SECONDS)) {
        throw new AssertionError("not released in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
