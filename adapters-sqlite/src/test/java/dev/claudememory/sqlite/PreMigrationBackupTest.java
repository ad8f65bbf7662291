package dev.claudememory.sqlite;

import static dev.claudememory.sqlite.Memories.T0;
import static dev.claudememory.sqlite.Memories.memory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudememory.core.StorageException;
import dev.claudememory.core.fakes.SettableClock;
import dev.claudememory.core.maintenance.BackupNames;
import dev.claudememory.testkit.PythonDatabases;
import dev.claudememory.testkit.PythonDatabases.Fixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sqlite.SQLiteDataSource;

/** A file that holds data is copied to the backups folder before a migration changes it. */
class PreMigrationBackupTest {
  private static final Instant START = Instant.parse("2026-01-24T21:47:33.680Z");

  @TempDir Path dir;
  private final SettableClock clock = new SettableClock(START);

  private Path backups() {
    return dir.resolve("home/backups");
  }

  private void open(Path file) {
    SqliteMemoryStore.open(file, PreMigrationBackups.in(backups(), clock)).close();
  }

  private List<Path> backupFiles() throws IOException {
    if (!Files.exists(backups())) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(backups())) {
      return files.sorted().collect(Collectors.toList());
    }
  }

  private static String everyRow(Path file) throws Exception {
    StringBuilder rows = new StringBuilder();
    for (List<String> table :
        RawDatabase.rows(
            file, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
      // sorted here: some FTS tables have no rowid to order by
      List<String> sorted =
          RawDatabase.rows(file, "SELECT * FROM \"" + table.get(0) + "\"").stream()
              .map(String::valueOf)
              .sorted()
              .collect(Collectors.toList());
      rows.append(table.get(0)).append(": ").append(sorted).append('\n');
    }
    return rows.toString();
  }

  @ParameterizedTest
  @EnumSource(Fixture.class)
  void aPythonDatabaseIsBackedUpOnceWithItsOldSchemaAndEveryRow(Fixture fixture) throws Exception {
    Path file = PythonDatabases.create(dir.resolve("memory.db"), fixture);
    List<String> schemaBefore = RawDatabase.schema(file);
    String rowsBefore = everyRow(file);

    open(file);
    open(file);

    List<Path> made = backupFiles();
    assertThat(made).hasSize(1);
    Path backup = made.get(0);
    assertThat(backup.getFileName().toString())
        .isEqualTo(BackupNames.name(BackupNames.PRE_MIGRATION, START));
    assertThat(RawDatabase.schema(backup)).isEqualTo(schemaBefore);
    assertThat(everyRow(backup)).isEqualTo(rowsBefore);
    assertThat(RawDatabase.userVersion(backup)).isEqualTo(fixture.userVersion());
    assertThat(RawDatabase.schema(file)).isNotEqualTo(schemaBefore);
  }

  @Test
  void theBackupAndItsFolderAreOwnerOnly() throws Exception {
    open(PythonDatabases.create(dir.resolve("memory.db"), Fixture.V2));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backups())))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backupFiles().get(0))))
        .isEqualTo("rw-------");
  }

  @Test
  void aDatabaseOfAnEarlierVersionOfThisProductIsBackedUpBeforeTheNewerMigrations()
      throws Exception {
    Path file = dir.resolve("memory.db");
    migrateUpTo(file, "2");
    PythonDatabases.run(
        file, "INSERT INTO memories(content, created_at, updated_at) VALUES ('kept', 'x', 'x')");

    open(file);

    assertThat(backupFiles()).hasSize(1);
    Path backup = backupFiles().get(0);
    assertThat(RawDatabase.rows(backup, "SELECT content FROM memories"))
        .containsExactly(List.of("kept"));
    assertThat(
            RawDatabase.rows(
                backup, "SELECT version FROM flyway_schema_history WHERE version IS NOT NULL"))
        .containsExactly(List.of("1"), List.of("2"));
  }

  @Test
  void aNewOrEmptyOrUpToDateFileIsNeverBackedUp() throws Exception {
    Path created = dir.resolve("new.db");
    Path empty = Files.createFile(dir.resolve("empty.db"));

    open(created);
    open(empty);
    try (SqliteMemoryStore store =
        SqliteMemoryStore.open(created, PreMigrationBackups.in(backups(), clock))) {
      store.write(writer -> writer.insert(memory("holds data now"), T0));
    }
    open(created);

    assertThat(backupFiles()).isEmpty();
  }

  @Test
  void rotationKeepsTheNewestFiveAndLeavesOtherBackupsAlone() throws Exception {
    Files.createDirectories(backups());
    Path onRequest =
        Files.createFile(backups().resolve(BackupNames.name(BackupNames.ON_REQUEST, START)));
    for (int i = 0; i < 7; i++) {
      clock.advance(Duration.ofMinutes(1));
      open(PythonDatabases.create(dir.resolve("memory-" + i + ".db"), Fixture.V1));
    }

    List<String> names =
        backupFiles().stream()
            .map(path -> path.getFileName().toString())
            .collect(Collectors.toList());
    List<String> newestFive =
        Stream.iterate(3, i -> i + 1)
            .limit(5)
            .map(
                i -> BackupNames.name(BackupNames.PRE_MIGRATION, START.plus(Duration.ofMinutes(i))))
            .collect(Collectors.toList());
    assertThat(names)
        .containsExactlyInAnyOrderElementsOf(
            Stream.concat(newestFive.stream(), Stream.of(onRequest.getFileName().toString()))
                .collect(Collectors.toList()));
  }

  @Test
  void whenNoBackupCanBeMadeTheFileIsLeftUnmigrated() throws Exception {
    Path file = PythonDatabases.create(dir.resolve("memory.db"), Fixture.V1);
    List<String> schemaBefore = RawDatabase.schema(file);
    Files.createDirectories(backups().getParent());
    Files.createFile(backups()); // a file where the folder should be

    assertThatThrownBy(() -> open(file))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("before migrating it")
        .hasMessageContaining(file.toString());
    assertThat(RawDatabase.schema(file)).isEqualTo(schemaBefore);
  }

  private static void migrateUpTo(Path file, String version) {
    SQLiteDataSource dataSource = new SQLiteDataSource();
    dataSource.setUrl("jdbc:sqlite:" + file);
    Flyway.configure()
        .dataSource(dataSource)
        .locations(Migrations.LOCATION)
        .javaMigrations(new V2__AdoptPythonShapes())
        .target(version)
        .load()
        .migrate();
  }
}
