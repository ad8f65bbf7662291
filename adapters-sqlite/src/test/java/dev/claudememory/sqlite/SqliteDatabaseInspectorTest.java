package dev.claudememory.sqlite;

import static dev.claudememory.sqlite.Memories.T0;
import static dev.claudememory.sqlite.Memories.memory;
import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.maintenance.DatabaseFacts;
import dev.claudememory.core.maintenance.DatabaseFacts.DuplicateFacts;
import dev.claudememory.core.maintenance.DatabaseFacts.LeaseFacts;
import dev.claudememory.core.maintenance.DatabaseFacts.ParkedChange;
import dev.claudememory.core.maintenance.DatabaseInspection;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.port.DuplicateGroup;
import dev.claudememory.testkit.PythonDatabases;
import dev.claudememory.testkit.PythonDatabases.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SqliteDatabaseInspectorTest {
  @TempDir Path dir;

  private final SqliteDatabaseInspector inspector = new SqliteDatabaseInspector();

  private Path file() {
    return dir.resolve("memory.db");
  }

  private DatabaseFacts factsOf(Path file) {
    DatabaseInspection inspection = inspector.inspect(file);
    assertThat(inspection).isInstanceOf(DatabaseInspection.Readable.class);
    return ((DatabaseInspection.Readable) inspection).facts();
  }

  @Test
  void aMissingFileIsReportedAndNotCreated() {
    assertThat(inspector.inspect(file())).isEqualTo(new DatabaseInspection.Missing());
    assertThat(file()).doesNotExist();
  }

  @Test
  void anEmptyFileIsANewDatabase() throws Exception {
    assertThat(inspector.inspect(Files.createFile(file())))
        .isEqualTo(new DatabaseInspection.Empty());
  }

  @Test
  void aFileThatIsNotADatabaseIsUnreadableAndLeftByteForByte() throws Exception {
    Path notes = BrokenFiles.notADatabase(file());
    byte[] before = Files.readAllBytes(notes);

    assertThat(inspector.inspect(notes))
        .isEqualTo(new DatabaseInspection.Unreadable("is not an SQLite database"));
    assertThat(Files.readAllBytes(notes)).isEqualTo(before);
  }

  @Test
  void aDamagedDatabaseIsReportedAndLeftByteForByte() throws Exception {
    Path damaged = BrokenFiles.damaged(file());
    byte[] before = Files.readAllBytes(damaged);

    DatabaseInspection inspection = inspector.inspect(damaged);

    assertThat(inspection).isInstanceOf(DatabaseInspection.Damaged.class);
    assertThat(((DatabaseInspection.Damaged) inspection).problems()).isNotEmpty();
    assertThat(Files.readAllBytes(damaged)).isEqualTo(before);
    assertThat(dir).isDirectoryNotContaining("glob:**-journal");
  }

  @Test
  void aSoundDatabaseShowsItsMemoriesSchemaAndAnEmptyQueue() {
    try (SqliteMemoryStore store = SqliteMemoryStore.open(file())) {
      store.write(writer -> writer.insert(memory("first"), T0));
      store.write(writer -> writer.insert(memory("second"), T0));
    }

    DatabaseFacts facts = factsOf(file());

    assertThat(facts.memories()).isEqualTo(2);
    assertThat(facts.fts().present()).isTrue();
    assertThat(facts.fts().problem()).isEmpty();
    assertThat(facts.schema().applied()).isEqualTo(Migrations.VERSIONS);
    assertThat(facts.schema().pending()).isEmpty();
    assertThat(facts.schema().hasHistory()).isTrue();
    assertThat(facts.outbox()).hasValueSatisfying(outbox -> assertThat(outbox.queued()).isZero());
    assertThat(facts.lease()).isEmpty();
    assertThat(facts.duplicates()).contains(DuplicateFacts.none());
  }

  @Test
  void memoriesWithTheSameContentAreFoundKeyedOrNotAndTheFileIsNotChanged() throws Exception {
    try (SqliteMemoryStore store = SqliteMemoryStore.open(file())) {
      store.write(writer -> writer.insert(memory("Kestrel deploys run on Fridays"), T0));
      store.write(writer -> writer.insert(memory("Herons nest in March"), T0));
    }
    // as the Python version writes a memory: without a content key
    RawDatabase.execute(
        file(),
        "INSERT INTO memories(content, created_at, updated_at)"
            + " VALUES ('  kestrel DEPLOYS run\n on fridays ', 'x', 'x')");
    assertThat(RawDatabase.rows(file(), "SELECT content_key FROM memories WHERE id = 3"))
        .containsExactly(Collections.singletonList(null));
    byte[] before = Files.readAllBytes(file());

    DatabaseFacts facts = factsOf(file());

    assertThat(facts.duplicates())
        .contains(
            new DuplicateFacts(
                List.of(new DuplicateGroup(List.of(new MemoryId(1), new MemoryId(3)))), false));
    assertThat(Files.readAllBytes(file())).isEqualTo(before);
  }

  @Test
  void onlyTheFirstDuplicateGroupsAreReportedAndMoreIsSaid() {
    int groups = SqliteDatabaseInspector.DUPLICATE_GROUPS + 1;
    try (SqliteMemoryStore store = SqliteMemoryStore.open(file())) {
      for (int copy = 0; copy < 2; copy++) {
        for (int group = 0; group < groups; group++) {
          String content = "Memory said twice, number " + group;
          store.write(writer -> writer.insert(memory(content), T0));
        }
      }
    }

    DatabaseFacts facts = factsOf(file());

    assertThat(facts.duplicates())
        .hasValueSatisfying(
            duplicates -> {
              assertThat(duplicates.more()).isTrue();
              assertThat(duplicates.groups()).hasSize(SqliteDatabaseInspector.DUPLICATE_GROUPS);
              assertThat(duplicates.groups().get(0).ids())
                  .containsExactly(new MemoryId(1), new MemoryId(1 + groups));
            });
  }

  @Test
  void anFtsIndexThatMissesRowsIsReported() throws Exception {
    SqliteMemoryStore.open(file()).close();
    RawDatabase.execute(file(), "DROP TRIGGER memories_ai");
    RawDatabase.execute(
        file(),
        "INSERT INTO memories(content, created_at, updated_at) VALUES ('unindexed', 'x', 'x')");

    assertThat(factsOf(file()).fts().problem()).isPresent();
  }

  @Test
  void parkedChangesAndTheLeaseAreRead() throws Exception {
    SqliteMemoryStore.open(file()).close();
    RawDatabase.execute(
        file(),
        "INSERT INTO sync_outbox(memory_id, kind, idempotency_key, next_attempt_at, created_at,"
            + " parked_reason) VALUES (5, 'create', 'k1', 'x', 'x', '422 category: unknown'), (6,"
            + " 'update', 'k2', 'x', 'x', NULL)");
    RawDatabase.execute(
        file(),
        "INSERT INTO sync_lease(name, holder, expires_at) VALUES ('sync', 'pid 77 abc',"
            + " '2030-01-01T00:00:00.000000+00:00')");

    DatabaseFacts facts = factsOf(file());

    assertThat(facts.outbox())
        .hasValueSatisfying(
            outbox -> {
              assertThat(outbox.queued()).isEqualTo(1);
              assertThat(outbox.parked())
                  .containsExactly(
                      new ParkedChange(1, "create", Optional.of(5L), "422 category: unknown"));
            });
    assertThat(facts.lease())
        .contains(new LeaseFacts("pid 77 abc", "2030-01-01T00:00:00.000000+00:00"));
  }

  @ParameterizedTest
  @EnumSource(Fixture.class)
  void aPythonDatabaseShowsEveryMigrationPendingAndIsNotChanged(Fixture fixture) throws Exception {
    Path file = PythonDatabases.create(file(), fixture);
    byte[] before = Files.readAllBytes(file);

    DatabaseFacts facts = factsOf(file);

    assertThat(facts.memories()).isEqualTo(6);
    assertThat(facts.schema().pending()).isEqualTo(Migrations.VERSIONS);
    assertThat(facts.schema().hasHistory()).isFalse();
    assertThat(facts.outbox()).isEmpty();
    assertThat(facts.duplicates()).as("no content keys before migration 4").isEmpty();
    assertThat(facts.fts().present()).isEqualTo(fixture != Fixture.V0_WITHOUT_FTS);
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(RawDatabase.schema(file)).doesNotContain("flyway_schema_history");
  }
}
