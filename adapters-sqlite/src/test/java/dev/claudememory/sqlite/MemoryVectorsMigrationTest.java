package dev.claudememory.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.QuantizedVector;
import dev.claudememory.core.memory.StoredVector;
import dev.claudememory.testkit.PythonDatabases;
import dev.claudememory.testkit.PythonDatabases.Fixture;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * V8: the table of vectors arrives on every database shape the Python version left, and a vector
 * follows its memory whichever program writes the row: the triggers drop it when the memory goes
 * or its text changes, even when the Python version, which knows nothing of vectors, makes the
 * change. The Python version still opens and writes the file.
 */
class MemoryVectorsMigrationTest {
  private static final String MODEL = "test-model";

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Fixture.class)
  void theTableOfVectorsAndItsTriggersArriveAndEveryOldMemoryAwaitsItsVector(Fixture fixture) throws SQLException {
    Path file = PythonDatabases.create(dir.resolve("memory.db"), fixture);

    try (SqliteMemoryStore store = SqliteMemoryStore.open(file)) {
      assertThat(idsWithoutVector(store)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
      assertThat(vectorCount(store)).isZero();
    }

    assertThat(RawDatabase.columnNames(file, "memory_vectors"))
        .containsExactly("memory_id", "model", "vector", "scale", "sequence");
    assertThat(names(file, "trigger")).contains("memories_vectors_ad", "memories_vectors_au");
    assertThat(names(file, "index")).contains("idx_memory_vectors_sequence");
    assertThat(RawDatabase.userVersion(file)).isEqualTo(fixture.userVersion());
  }

  @ParameterizedTest
  @EnumSource(Fixture.class)
  void aVectorGoesWithItsMemoryOrItsTextWhenThePythonVersionWritesTheRow(Fixture fixture) throws SQLException {
    Path file = PythonDatabases.create(dir.resolve("memory.db"), fixture);
    Map<Long, QuantizedVector> vectors = new TreeMap<>();
    try (SqliteMemoryStore store = SqliteMemoryStore.open(file)) {
      List<Memory> old = store.read(reader -> reader.withoutVector(MODEL, 0, 100));
      for (Memory memory : old) {
        QuantizedVector vector = vectorFor(memory.id().value());
        vectors.put(memory.id().value(), vector);
        boolean stored = store.write(writer -> writer.putVector(memory.id(), memory.updatedAt(), MODEL, vector));
        assertThat(stored).isTrue();
      }
    }
    List<String> schema = RawDatabase.schema(file);

    PythonDatabases.run(file, PythonDatabases.script(PythonDatabases.PYTHON_STARTUP));
    RawDatabase.execute(file, "UPDATE memories SET content = 'Woodpecker moved to the armadillo' WHERE id = 1");
    RawDatabase.execute(file, "UPDATE memories SET is_sensitive = 0 WHERE id = 2");
    RawDatabase.execute(
        file,
        "UPDATE memories SET importance = 0.9, server_id = 9001,"
            + " updated_at = '2026-01-01T00:00:00.000001+00:00' WHERE id = 3");
    RawDatabase.execute(file, "UPDATE memories SET category = 'projects' WHERE id = 4");
    RawDatabase.execute(file, "DELETE FROM memories WHERE id = 5");
    RawDatabase.execute(
        file,
        "UPDATE memories SET content = content, category = category, tags = tags,"
            + " expanded_keywords = expanded_keywords, is_sensitive = is_sensitive WHERE id = 6");
    RawDatabase.execute(
        file,
        "INSERT INTO memories (content, category, tags, expanded_keywords, importance,"
            + " is_sensitive, created_at, updated_at)"
            + " VALUES ('Python wrote this about the pangolin', 'facts', '', 'animal scales', 0.5,"
            + " 0, '2026-01-01T00:00:00.000001+00:00', '2026-01-01T00:00:00.000001+00:00')");

    assertThat(RawDatabase.schema(file)).isEqualTo(schema);
    try (SqliteMemoryStore store = SqliteMemoryStore.open(file)) {
      assertThat(idsWithoutVector(store)).containsExactly(1L, 2L, 4L, 7L);
      List<StoredVector> kept = store.read(reader -> reader.vectorsAfter(MODEL, 0, 100));
      assertThat(kept).extracting(stored -> stored.memoryId().value()).containsExactlyInAnyOrder(3L, 6L);
      kept.forEach(stored -> assertThat(stored.vector()).isEqualTo(vectors.get(stored.memoryId().value())));
    }

    RawDatabase.execute(file, "UPDATE memories SET tags = 'otters' WHERE id = 3");
    RawDatabase.execute(file, "UPDATE memories SET expanded_keywords = 'tea ceremony' WHERE id = 6");

    try (SqliteMemoryStore store = SqliteMemoryStore.open(file)) {
      assertThat(vectorCount(store)).isZero();
      assertThat(store.counts().total()).isEqualTo(6);
    }
    assertThat(RawDatabase.rows(file, "PRAGMA integrity_check")).containsExactly(List.of("ok"));
  }

  private static List<Long> idsWithoutVector(SqliteMemoryStore store) {
    List<Memory> waiting = store.read(reader -> reader.withoutVector(MODEL, 0, 100));
    List<Long> ids = new ArrayList<>();
    waiting.forEach(memory -> ids.add(memory.id().value()));
    return ids;
  }

  private static long vectorCount(SqliteMemoryStore store) {
    return store.read(reader -> reader.vectorCount(MODEL));
  }

  /** A distinct vector per memory, so a vector landing on the wrong memory shows. */
  private static QuantizedVector vectorFor(long id) {
    float[] vector = new float[384];
    for (int i = 0; i < vector.length; i++) {
      vector[i] = (float) Math.sin(id * 31 + i);
    }
    return QuantizedVector.of(vector);
  }

  private static List<String> names(Path file, String type) throws SQLException {
    List<String> names = new ArrayList<>();
    for (List<String> row : RawDatabase.rows(file, "SELECT name FROM sqlite_master WHERE type = '" + type + "'")) {
      names.add(row.get(0));
    }
    return names;
  }
}
