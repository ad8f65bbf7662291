package dev.claudememory.sqlite;

import static dev.claudememory.sqlite.Memories.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.memory.Content;
import dev.claudememory.core.memory.ContentKey;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.MemoryPatch;
import dev.claudememory.core.port.DuplicateGroup;
import dev.claudememory.testkit.PythonDatabases;
import dev.claudememory.testkit.PythonDatabases.Fixture;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Content keys (V4) on real files, including rows the Python version writes without one. */
class ContentKeysOnSqliteTest {
  private static final String WOODPECKER = "The deploy pipeline runs on Woodpecker CI";

  @TempDir Path dir;

  private Path migratedPythonFile() {
    Path file = PythonDatabases.create(dir.resolve("memory.db"), Fixture.V2);
    SqliteMemoryStore.open(file).close();
    return file;
  }

  @ParameterizedTest
  @EnumSource(Fixture.class)
  void migratingAPythonFileKeepsEveryRowAndGivesEachTheKeyOfItsContent(Fixture fixture)
      throws SQLException {
    Path file = PythonDatabases.create(dir.resolve("memory.db"), fixture);
    String query = "SELECT " + String.join(", ", RawDatabase.columnNames(file, "memories")) + " FROM memories ORDER BY id";
    List<List<String>> before = RawDatabase.rows(file, query);

    SqliteMemoryStore.open(file).close();

    assertThat(RawDatabase.rows(file, query)).hasSize(6).isEqualTo(before);
    List<List<String>> keyed = RawDatabase.rows(file, "SELECT content, content_key FROM memories");
    assertThat(keyed).hasSize(6);
    for (List<String> row : keyed) {
      assertThat(row.get(1)).as(row.get(0)).isEqualTo(ContentKey.of(row.get(0)).value());
    }
    // V4 sets the full-text trigger aside and puts it back; V6 then narrows it to indexed columns
    assertThat(RawDatabase.rows(file, "SELECT sql FROM sqlite_master WHERE name = 'memories_au'"))
        .singleElement()
        .satisfies(sql -> assertThat(sql.get(0)).contains("AFTER UPDATE OF content, category, tags, expanded_keywords"));
    assertThat(RawDatabase.rows(file, "PRAGMA index_list(memories)"))
        .anySatisfy(index -> assertThat(index.get(1)).isEqualTo("idx_memories_content_key"));
  }

  @Test
  void aRowThePythonVersionInsertsLaterIsFoundWithoutItsKeyAndGivenOneByAWrite()
      throws SQLException {
    Path file = migratedPythonFile();
    RawDatabase.execute(
        file,
        "INSERT INTO memories (content, category, tags, expanded_keywords, importance,"
            + " is_sensitive, created_at, updated_at)"
            + " VALUES ('Python wrote this about the Pangolin', 'facts', '', '', 0.5, 0,"
            + " '2026-01-01T00:00:00.000001+00:00', '2026-01-01T00:00:00.000001+00:00')");
    long pangolin = newestId(file);
    ContentKey key = ContentKey.of("python wrote this  about the pangolin");

    try (SqliteMemoryStore store = SqliteMemoryStore.open(file)) {
      Optional<Memory> read = store.read(reader -> reader.findByContentKey(key));
      assertThat(read).map(memory -> memory.id().value()).contains(pangolin);
      assertThat(keyOf(file, pangolin)).isNull();

      Optional<Memory> written = store.write(writer -> writer.findByContentKey(key));
      assertThat(written).isEqualTo(read);
      assertThat(keyOf(file, pangolin)).isEqualTo(key.value());
    }
  }

  @Test
  void aRowThePythonVersionEditsIsFoundByItsNewContentOnly() throws SQLException {
    Path file = migratedPythonFile();
    RawDatabase.execute(file, "UPDATE memories SET content = 'Woodpecker moved to the armadillo' WHERE id = 1");

    assertThat(keyOf(file, 1)).isNull();
    try (SqliteMemoryStore store = SqliteMemoryStore.open(file)) {
      assertThat(sameAs(store, WOODPECKER)).isEmpty();
      assertThat(sameAs(store, "woodpecker moved to the ARMADILLO")).contains(new MemoryId(1));
    }
  }

  @Test
  void anEditThatOnlyChangesCaseKeepsTheMemoryFindable() throws SQLException {
    Path file = migratedPythonFile();

    try (SqliteMemoryStore store = SqliteMemoryStore.open(file)) {
      store.write(
          writer ->
              writer.update(
                  new MemoryId(1),
                  new MemoryPatch(
                      Optional.of(new Content(WOODPECKER.toUpperCase(Locale.ROOT))),
                      Optional.empty(),
                      Optional.empty(),
                      Optional.empty(),
                      Optional.empty()),
                  T0));

      Optional<Memory> read = store.read(reader -> reader.findByContentKey(ContentKey.of(WOODPECKER)));
      assertThat(read).map(Memory::id).contains(new MemoryId(1));
      assertThat(sameAs(store, WOODPECKER)).contains(new MemoryId(1));
    }
    assertThat(keyOf(file, 1)).isEqualTo(ContentKey.of(WOODPECKER).value());
  }

  @Test
  void nearDuplicatesCountRowsWithoutAKey() throws SQLException {
    Path file = migratedPythonFile();
    RawDatabase.execute(
        file,
        "INSERT INTO memories (content, created_at, updated_at) VALUES"
            + " ('the deploy pipeline runs on woodpecker ci', '2026-01-01T00:00:00+00:00',"
            + " '2026-01-01T00:00:00+00:00')");
    long keyless = newestId(file);

    try (SqliteMemoryStore store = SqliteMemoryStore.open(file)) {
      Memory keyed = store.write(writer -> writer.insert(Memories.memory(" THE deploy pipeline runs on Woodpecker CI"), T0));

      assertThat(store.nearDuplicates(5))
          .containsExactly(new DuplicateGroup(List.of(new MemoryId(1), new MemoryId(keyless), keyed.id())));
    }
    assertThat(keyOf(file, keyless)).isNull();
  }

  @Test
  void aLookupByKeySearchesTheIndex() throws SQLException {
    Path file = migratedPythonFile();

    assertThat(
            RawDatabase.rows(
                file,
                "EXPLAIN QUERY PLAN SELECT id FROM memories WHERE content_key = 'k' OR content_key IS NULL"))
        .allSatisfy(step -> assertThat(step.get(3)).doesNotStartWith("SCAN"))
        .anySatisfy(step -> assertThat(step.get(3)).contains("idx_memories_content_key"));
  }

  private static Optional<MemoryId> sameAs(SqliteMemoryStore store, String content) {
    return store.write(writer -> writer.findByContentKey(ContentKey.of(content))).map(Memory::id);
  }

  private static long newestId(Path file) throws SQLException {
    return Long.parseLong(RawDatabase.rows(file, "SELECT max(id) FROM memories").get(0).get(0));
  }

  private static String keyOf(Path file, long id) throws SQLException {
    return RawDatabase.rows(file, "SELECT content_key FROM memories WHERE id = " + id).get(0).get(0);
  }
}
