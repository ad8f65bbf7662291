package dev.claudememory.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.testkit.PythonDatabases;
import dev.claudememory.testkit.PythonDatabases.Fixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** V6: the full-text index is re-written when, and only when, an indexed column changes. */
class FtsUpdateTriggerTest {
  private static final String INDEX_PAGES = "SELECT count(*), sum(length(block)) FROM memories_fts_data";

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Fixture.class)
  void updatesOfUnindexedColumnsLeaveTheIndexAloneAndEditsOfIndexedOnesAreFound(Fixture fixture)
      throws Exception {
    Path file = PythonDatabases.create(dir.resolve("memory.db"), fixture);
    SqliteMemoryStore.open(file).close();
    List<List<String>> before = RawDatabase.rows(file, INDEX_PAGES);

    // what sync does: a server id assigned, a pulled copy written over an identical row
    RawDatabase.execute(file, "UPDATE memories SET server_id = 9001, importance = 0.9 WHERE id = 1");
    RawDatabase.execute(
        file,
        "UPDATE memories SET content = content, category = category, tags = tags,"
            + " expanded_keywords = expanded_keywords WHERE id = 2");

    assertThat(RawDatabase.rows(file, INDEX_PAGES)).as("index untouched").isEqualTo(before);

    RawDatabase.execute(file, "UPDATE memories SET content = 'Quokka sightings moved to Rottnest' WHERE id = 1");
    RawDatabase.execute(file, "UPDATE memories SET tags = 'wombat' WHERE id = 2");

    assertThat(matches(file, "quokka")).containsExactly(List.of("1"));
    assertThat(matches(file, "wombat")).containsExactly(List.of("2"));
    // the old text of row 1 is gone from the index, and the index agrees with the rows
    RawDatabase.execute(file, "INSERT INTO memories_fts(memories_fts) VALUES ('integrity-check')");
  }

  private static List<List<String>> matches(Path file, String word) throws Exception {
    return RawDatabase.rows(
        file, "SELECT rowid FROM memories_fts WHERE memories_fts MATCH '" + word + "' ORDER BY rowid");
  }
}
