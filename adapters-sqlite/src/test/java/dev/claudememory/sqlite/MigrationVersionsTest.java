package dev.claudememory.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The versions a file's history is compared with (for pre-migration backups and {@code doctor})
 * are exactly the migrations opening a new file applies.
 */
class MigrationVersionsTest {
  @TempDir Path dir;

  @Test
  void theKnownVersionsAreEveryMigrationANewFileGets() throws Exception {
    Path file = dir.resolve("memory.db");
    SqliteMemoryStore.open(file).close();

    List<String> applied =
        RawDatabase.rows(
                file,
                "SELECT version FROM flyway_schema_history WHERE version IS NOT NULL"
                    + " ORDER BY installed_rank")
            .stream()
            .map(row -> row.get(0))
            .collect(Collectors.toList());

    assertThat(applied).isEqualTo(Migrations.VERSIONS);
  }
}
