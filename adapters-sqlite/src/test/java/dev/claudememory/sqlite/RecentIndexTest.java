package dev.claudememory.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class RecentIndexTest {
  @TempDir Path dir;

  @Test
  void theNewestMemoriesAreReadFromTheIndexWithoutSortingTheTable() throws SQLException {
    Path file = dir.resolve("memory.db");
    SqliteMemoryStore.open(file).close();

    List<List<String>> plan =
        RawDatabase.rows(
            file,
            "EXPLAIN QUERY PLAN SELECT id FROM memories WHERE coalesce(is_sensitive, 0) = 0"
                + " ORDER BY created_at DESC, id DESC LIMIT 20");

    assertThat(plan)
        .anySatisfy(step -> assertThat(step.get(3)).contains("USING INDEX idx_memories_recent"))
        .noneSatisfy(step -> assertThat(step.get(3)).contains("TEMP B-TREE"));
  }
}
