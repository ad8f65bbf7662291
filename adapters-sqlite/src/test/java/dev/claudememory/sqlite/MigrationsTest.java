package dev.claudememory.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
  private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.*");

  @TempDir Path dir;

  @Test
  void theLatestVersionIsTheNewestMigrationOfThisBuild() throws IOException, URISyntaxException {
    Path scripts =
        Path.of(Migrations.class.getClassLoader().getResource("db/migration/sqlite").toURI());
    int newest;
    try (Stream<Path> files = Files.list(scripts)) {
      newest =
          Stream.concat(
                  files.map(file -> file.getFileName().toString()),
                  Stream.of(
                      V2__AdoptPythonShapes.class.getSimpleName(),
                      V4__ContentKeys.class.getSimpleName()))
              .map(VERSIONED::matcher)
              .filter(Matcher::matches)
              .mapToInt(matcher -> Integer.parseInt(matcher.group(1)))
              .max()
              .orElseThrow();
    }
    assertThat(Migrations.LATEST_VERSION).isEqualTo(newest);
  }

  @Test
  void aNewFileIsNotCurrentUntilMigrated() throws Exception {
    Path file = dir.resolve("memory.db");
    assertThat(Migrations.isCurrent(file)).isFalse();
    SqliteMemoryStore.open(file).close();
    assertThat(Migrations.isCurrent(file)).isTrue();
  }

  @Test
  void aFailedMigrationInTheHistoryLeavesTheDecisionToFlyway() throws Exception {
    Path file = dir.resolve("memory.db");
    SqliteMemoryStore.open(file).close();
    RawDatabase.execute(file, "UPDATE flyway_schema_history SET success = 0 WHERE version = '3'");
    assertThat(Migrations.isCurrent(file)).isFalse();
  }

  @Test
  void aFileANewerBuildMigratedFurtherIsCurrent() throws Exception {
    Path file = dir.resolve("memory.db");
    SqliteMemoryStore.open(file).close();
    RawDatabase.execute(
        file,
        "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
            + " checksum, installed_by, execution_time, success)"
            + " VALUES (99, '" + (Migrations.LATEST_VERSION + 1) + "', 'later', 'SQL', 'V"
            + (Migrations.LATEST_VERSION + 1) + "__later.sql', 0, '', 0, 1)");
    assertThat(Migrations.isCurrent(file)).isTrue();
    SqliteMemoryStore.open(file).close();
  }

  @Test
  void aPythonEraFileWithoutHistoryIsNotCurrent() throws Exception {
    Path file = dir.resolve("memory.db");
    RawDatabase.execute(file, "CREATE TABLE memories (id INTEGER PRIMARY KEY, content TEXT)");
    assertThat(Migrations.isCurrent(file)).isFalse();
  }
}
