package dev.claudememory.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.port.RetiredServerId;
import dev.claudememory.testkit.PythonDatabases;
import java.nio.file.Path;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** The server ids a file of the previous version remembered as retired are kept, one copy each. */
class RetiredCopiesMigrationTest {
  @TempDir Path dir;

  @Test
  void theRetiredIdsOfAnEarlierVersionAreRetiredCopiesAfterTheMigration() {
    Path file = dir.resolve("memory.db");
    SQLiteDataSource dataSource = new SQLiteDataSource();
    dataSource.setUrl("jdbc:sqlite:" + file);
    Flyway.configure()
        .dataSource(dataSource)
        .locations(Migrations.LOCATION)
        .javaMigrations(new V2__AdoptPythonShapes(), new V4__ContentKeys())
        .target("10")
        .load()
        .migrate();
    PythonDatabases.run(file,
        "INSERT INTO sync_retired_ids (server_id, server_created_at, retired_at) VALUES"
            + " (7, '2026-01-02T03:04:05.000006+00:00', '2026-03-01T00:00:00.000000+00:00'),"
            + " (8, NULL, '2026-03-02T00:00:00.000000+00:00')");

    try (SqliteMemoryStore store = SqliteMemoryStore.open(file)) {
      Optional<RetiredServerId> known = store.read(reader -> reader.syncState().retired(new ServerId(7)));
      Optional<RetiredServerId> unknown = store.read(reader -> reader.syncState().retired(new ServerId(8)));

      assertThat(known).hasValueSatisfying(copy ->
          assertThat(copy.serverCreatedAt()).contains("2026-01-02T03:04:05.000006+00:00"));
      assertThat(unknown).hasValueSatisfying(copy -> assertThat(copy.serverCreatedAt()).isEmpty());
      Optional<RetiredServerId> anyCopyOf8 = store.read(reader ->
          reader.syncState().retiredCopy(new ServerId(8), "2026-05-05T00:00:00.000000+00:00"));
      assertThat(anyCopyOf8).as("a copy whose creation time was not known may be any copy of its id")
          .isEqualTo(unknown);
    }
  }
}
