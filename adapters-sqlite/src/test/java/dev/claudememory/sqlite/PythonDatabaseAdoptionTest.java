package dev.claudememory.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.recall.SearchTerms;
import dev.claudememory.core.recall.SortBy;
import dev.claudememory.testkit.PythonDatabases;
import dev.claudememory.testkit.PythonDatabases.Fixture;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Databases the Python version wrote, at user_version 0, 1 and 2 in their real shapes (SPEC §5). */
class PythonDatabaseAdoptionTest {
  @TempDir Path dir;

  private Path fixture(Fixture fixture) {
    return PythonDatabases.create(dir.resolve("memory.db"), fixture);
  }

  private static void openAndClose(Path file) {
    SqliteMemoryStore.open(file).close();
  }

  private static List<Long> search(SqliteMemoryStore store, String words) {
    List<Long> ids = new ArrayList<>();
    for (Memory memory :
        store.search(
            SearchTerms.of(words, "").allWordsQuery(), Optional.empty(), SortBy.RELEVANCE, 10)) {
      ids.add(memory.id().value());
    }
    return ids;
  }

  private static boolean hasServerIdColumn(Fixture fixture) {
    return fixture != Fixture.V0_WITHOUT_SERVER_ID && fixture != Fixture.V0_WITHOUT_FTS;
  }

  @ParameterizedTest
  @EnumSource(Fixture.class)
  void everyRowIsKeptWithEveryColumnAsItWas(Fixture fixture) throws SQLException {
    Path file = fixture(fixture);
    String columns = String.join(", ", RawDatabase.columnNames(file, "memories"));
    String query = "SELECT " + columns + " FROM memories ORDER BY id";
    List<List<String>> before = RawDatabase.rows(file, query);

    openAndClose(file);

    assertThat(before).hasSize(6);
    assertThat(RawDatabase.rows(file, query)).isEqualTo(before);
  }

  @ParameterizedTest
  @EnumSource(Fixture.class)
  void everyRowReadsBackThroughTheStore(Fixture fixture) {
    Path file = fixture(fixture);

    try (SqliteMemoryStore store = SqliteMemoryStore.open(file)) {
      Memory plain = store.find(new MemoryId(1)).orElseThrow();
      assertThat(plain.content()).isEqualTo("The deploy pipeline runs on Woodpecker CI");
      assertThat(plain.category().name()).isEqualTo("projects");
      assertThat(plain.tags()).isEqualTo("ci,deploy");
      assertThat(plain.expandedKeywords())
          .isEqualTo("pipeline build continuous integration woodpecker");
      assertThat(plain.importance()).isEqualTo(0.7);
      assertThat(plain.sensitive()).isFalse();
      assertThat(plain.createdAt()).isEqualTo("2025-03-02T10:11:12.345678+00:00");

      Memory secret = store.find(new MemoryId(2)).orElseThrow();
      assertThat(secret.sensitive()).isTrue();
      assertThat(secret.content()).isEqualTo("staging postgres password=hunter2");

      Memory nulls = store.find(new MemoryId(4)).orElseThrow();
      assertThat(nulls.category().name()).isEqualTo("facts");
      assertThat(nulls.tags()).isEmpty();
      assertThat(nulls.expandedKeywords()).isEmpty();
      assertThat(nulls.importance()).isEqualTo(0.5);

      assertThat(store.find(new MemoryId(5)).orElseThrow().category().name()).isEqualTo("general");
      assertThat(store.find(new MemoryId(6)).orElseThrow().content())
          .isEqualTo("Café in 東京 serves matcha 🍵");
      assertThat(store.find(new MemoryId(3)).orElseThrow().updatedAt())
          .isEqualTo("2025-03-05T07:30:00.000001+00:00");

      if (hasServerIdColumn(fixture)) {
        assertThat(plain.serverId()).hasValueSatisfying(id -> assertThat(id.value()).isEqualTo(101));
        assertThat(secret.serverId()).hasValueSatisfying(id -> assertThat(id.value()).isEqualTo(102));
      } else {
        assertThat(plain.serverId()).isEmpty();
      }
      assertThat(nulls.serverId()).isEmpty();
      assertThat(store.counts().total()).isEqualTo(6);
    }
  }

  @ParameterizedTest
  @EnumSource(Fixture.class)
  void recallFindsTheOldRowsAndTheSensitiveOneOnlyByItsOpenColumns(Fixture fixture) {
    Path file = fixture(fixture);

    try (SqliteMemoryStore store = SqliteMemoryStore.open(file)) {
      assertThat(search(store, "woodpecker")).containsExactly(1L);
      assertThat(search(store, "espresso")).containsExactly(3L);
      assertThat(search(store, "zanzibar gateway")).containsExactly(4L);
      assertThat(search(store, "standup")).containsExactly(5L);
      assertThat(search(store, "東京")).containsExactly(6L);
      assertThat(search(store, "matcha")).containsExactly(6L);
      // the Python version indexed the secret's content too: only its keywords find it
      assertThat(search(store, "hunter2")).isEmpty();
      assertThat(search(store, "password")).isEmpty();
      assertThat(search(store, "postgres")).containsExactly(2L);
      assertThat(store.recent(Optional.empty(), 10))
          .extracting(memory -> memory.id().value())
          .containsExactly(6L, 5L, 4L, 3L, 2L, 1L);
    }
  }

  @ParameterizedTest
  @EnumSource(Fixture.class)
  void theFullTextIndexMatchesTheRowsAfterwards(Fixture fixture) throws SQLException {
    Path file = fixture(fixture);

    openAndClose(file);

    // raises "database disk image is malformed" when index and rows disagree
    RawDatabase.execute(
        file, "INSERT INTO memories_fts(memories_fts, rank) VALUES('integrity-check', 1)");
    assertThat(RawDatabase.rows(file, "SELECT count(*) FROM memories_fts_docsize"))
        .containsExactly(List.of("6"));
  }

  @ParameterizedTest
  @EnumSource(Fixture.class)
  void pendingOpsAndTheSyncCursorAreKept(Fixture fixture) throws SQLException {
    Path file = fixture(fixture);
    List<String> tables = tables(file);
    List<List<String>> opsBefore =
        tables.contains("pending_ops")
            ? RawDatabase.rows(
                file, "SELECT id, op_type, payload, created_at FROM pending_ops ORDER BY id")
            : List.of();
    List<List<String>> metaBefore =
        tables.contains("sync_meta")
            ? RawDatabase.rows(file, "SELECT key, value FROM sync_meta ORDER BY key")
            : List.of();

    openAndClose(file);

    assertThat(
            RawDatabase.rows(
                file, "SELECT id, op_type, payload, created_at FROM pending_ops ORDER BY id"))
        .isEqualTo(opsBefore);
    assertThat(RawDatabase.rows(file, "SELECT key, value FROM sync_meta ORDER BY key"))
        .isEqualTo(metaBefore);
    if (fixture == Fixture.V2) {
      assertThat(metaBefore)
          .containsExactly(List.of("last_sync_ts", "2025-03-08T16:00:01.123456+00:00"));
      assertThat(RawDatabase.rows(file, "SELECT retry_count FROM pending_ops ORDER BY id"))
          .containsExactly(List.of("0"), List.of("3"));
    }
    if (fixture == Fixture.V1 || fixture == Fixture.V0_SERVER_ID_WITHOUT_INDEX) {
      assertThat(opsBefore).extracting(row -> row.get(1)).containsExactly("store", "delete");
      assertThat(RawDatabase.rows(file, "SELECT retry_count FROM pending_ops ORDER BY id"))
          .containsExactly(List.of("0"), List.of("0"));
    }
  }

  @ParameterizedTest
  @EnumSource(Fixture.class)
  void userVersionIsLeftAsThePythonVersionSetIt(Fixture fixture) throws SQLException {
    Path file = fixture(fixture);

    openAndClose(file);

    assertThat(RawDatabase.userVersion(file)).isEqualTo(fixture.userVersion());
  }

  @ParameterizedTest
  @EnumSource(Fixture.class)
  void theSchemaIsCompletedWhereverSomethingWasMissing(Fixture fixture) throws SQLException {
    Path file = fixture(fixture);

    openAndClose(file);

    assertThat(RawDatabase.columnNames(file, "memories")).contains("server_id");
    assertThat(RawDatabase.columnNames(file, "pending_ops")).contains("retry_count");
    assertThat(RawDatabase.columnNames(file, "sync_meta")).containsExactly("key", "value");
    assertThat(RawDatabase.rows(file, "PRAGMA index_list(memories)"))
        .anySatisfy(
            index -> {
              assertThat(index.get(1)).isEqualTo("idx_memories_server_id");
              assertThat(index.get(2)).isEqualTo("1");
            });
    assertThat(tables(file)).contains("memories_fts", "memories_ai", "memories_ad", "memories_au");
    assertThat(RawDatabase.rows(file, "SELECT version FROM flyway_schema_history ORDER BY installed_rank"))
        .containsExactly(List.of("0"), List.of("1"), List.of("2"), List.of("3"), List.of("4"), List.of("5"), List.of("6"), List.of("7"), List.of("8"), List.of("9"), List.of("10"), List.of("11"));
  }

  @ParameterizedTest
  @EnumSource(Fixture.class)
  void thePythonVersionCanStillOpenAndWriteTheMigratedFile(Fixture fixture) throws SQLException {
    Path file = fixture(fixture);
    openAndClose(file);
    List<String> schema = RawDatabase.schema(file);

    PythonDatabases.run(file, PythonDatabases.script(PythonDatabases.PYTHON_STARTUP));
    RawDatabase.execute(
        file,
        "INSERT INTO memories (content, category, tags, expanded_keywords, importance,"
            + " is_sensitive, created_at, updated_at)"
            + " VALUES ('Python wrote this about the pangolin', 'facts', '', 'animal scales', 0.5,"
            + " 0, '2026-01-01T00:00:00.000001+00:00', '2026-01-01T00:00:00.000001+00:00')");
    RawDatabase.execute(file, "UPDATE memories SET content = 'Woodpecker moved to the armadillo' WHERE id = 1");
    RawDatabase.execute(file, "DELETE FROM memories WHERE id = 5");
    RawDatabase.execute(
        file,
        "INSERT INTO pending_ops (op_type, payload, created_at)"
            + " VALUES ('delete', '{\"server_id\": 7}', '2026-01-01T00:00:00+00:00')");
    RawDatabase.execute(
        file,
        "INSERT OR REPLACE INTO sync_meta (key, value)"
            + " VALUES ('last_sync_ts', '2026-01-01T00:00:00+00:00')");

    assertThat(RawDatabase.schema(file)).isEqualTo(schema);
    try (SqliteMemoryStore store = SqliteMemoryStore.open(file)) {
      assertThat(search(store, "pangolin")).hasSize(1);
      assertThat(search(store, "armadillo")).containsExactly(1L);
      assertThat(search(store, "pipeline runs")).isEmpty();
      assertThat(search(store, "standup")).isEmpty();
      assertThat(store.counts().total()).isEqualTo(6);
    }
    assertThat(RawDatabase.rows(file, "SELECT retry_count FROM pending_ops WHERE payload LIKE '%7}'"))
        .containsExactly(List.of("0"));
  }

  @Test
  void anIndexThatMissesRowsIsRebuilt() throws SQLException {
    Path file = fixture(Fixture.V0_WITHOUT_SERVER_ID);
    // a row written while the insert trigger was missing never reached the index
    RawDatabase.execute(file, "DROP TRIGGER memories_ai");
    RawDatabase.execute(
        file,
        "INSERT INTO memories (content, created_at, updated_at)"
            + " VALUES ('unindexed capybara', '2025-04-01T00:00:00+00:00', '2025-04-01T00:00:00+00:00')");

    try (SqliteMemoryStore store = SqliteMemoryStore.open(file)) {
      assertThat(search(store, "capybara")).containsExactly(7L);
    }
  }

  @Test
  void sharedServerIdsKeepEveryRowAndGoWithoutTheUniqueIndex() throws SQLException {
    Path file = fixture(Fixture.V0_SERVER_ID_WITHOUT_INDEX);
    RawDatabase.execute(file, "UPDATE memories SET server_id = 101 WHERE id = 3");
    String query = "SELECT " + String.join(", ", RawDatabase.columnNames(file, "memories")) + " FROM memories ORDER BY id";
    List<List<String>> before = RawDatabase.rows(file, query);

    try (SqliteMemoryStore store = SqliteMemoryStore.open(file)) {
      assertThat(store.counts().total()).isEqualTo(6);
    }

    assertThat(RawDatabase.rows(file, query)).isEqualTo(before);
    assertThat(RawDatabase.rows(file, "PRAGMA index_list(memories)"))
        .noneSatisfy(index -> assertThat(index.get(1)).isEqualTo("idx_memories_server_id"));
  }

  private static List<String> tables(Path file) throws SQLException {
    List<String> names = new ArrayList<>();
    for (List<String> row : RawDatabase.rows(file, "SELECT name FROM sqlite_master")) {
      names.add(row.get(0));
    }
    return names;
  }
}
