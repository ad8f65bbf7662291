package dev.claudememory.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new database file starts as the build's migrated template, the same as Flyway makes it. */
class NewDatabaseTemplateTest {
  private static final String SCHEMA = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name";
  private static final String HISTORY =
      "SELECT installed_rank, version, description, type, script, checksum, success"
          + " FROM flyway_schema_history ORDER BY installed_rank";

  @TempDir Path dir;

  @Test
  void theBuildShipsATemplateAtTheCurrentSchemaVersion() throws Exception {
    Path template = dir.resolve("template.db");
    Files.write(template, NewDatabaseTemplate.bytes().orElseThrow());

    assertThat(Migrations.isCurrent(template)).isTrue();
  }

  @Test
  void aNewFileFromTheTemplateHasTheSchemaAndHistoryFlywayGivesAnEmptyFile() throws Exception {
    Path fromTemplate = dir.resolve("new/memory.db");
    Path migrated = dir.resolve("empty/memory.db");
    Files.createDirectories(migrated.getParent());
    Files.createFile(migrated); // an empty file is a new database that Flyway migrates

    SqliteMemoryStore.open(fromTemplate).close();
    SqliteMemoryStore.open(migrated).close();

    List<List<String>> schema = RawDatabase.rows(fromTemplate, SCHEMA);
    assertThat(schema).anySatisfy(row -> assertThat(row.get(1)).isEqualTo("memories_fts"));
    assertThat(schema).isEqualTo(RawDatabase.rows(migrated, SCHEMA));
    assertThat(RawDatabase.rows(fromTemplate, HISTORY))
        .hasSize(Migrations.VERSIONS.size())
        .isEqualTo(RawDatabase.rows(migrated, HISTORY));
    assertThat(RawDatabase.rows(fromTemplate, "PRAGMA journal_mode")).containsExactly(List.of("wal"));
    try (var staged = Files.list(fromTemplate.getParent())) {
      assertThat(staged.map(path -> path.getFileName().toString()))
          .as("nothing left beside the new file")
          .allSatisfy(name -> assertThat(name).startsWith("memory.db"));
    }
  }
}
