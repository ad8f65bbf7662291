package dev.claudememory.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.port.LegacyOp;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Python version's queue in {@code pending_ops}, as sync takes it over. */
class LegacyQueueTest {
  @TempDir Path dir;

  @Test
  void legacyOpsAreTakenInOrderWithOnlyWholeNumberIdsAndTheQueueIsLeftEmpty() throws Exception {
    Path file = dir.resolve("memory.db");
    try (SqliteMemoryStore store = SqliteMemoryStore.open(file)) {
      RawDatabase.execute(
          file,
          "INSERT INTO pending_ops (op_type, payload, created_at) VALUES"
              + " ('store', '{\"local_id\": 7, \"content\": \"x\"}', '2026-01-01'),"
              + " ('delete', '{\"server_id\": 42}', '2026-01-02'),"
              + " ('store', 'not json at all', '2026-01-03'),"
              + " ('delete', '{\"server_id\": \"forty-two\"}', '2026-01-04'),"
              + " ('store', '{\"local_id\": 8.5}', '2026-01-05')");

      List<LegacyOp> taken = store.write(writer -> writer.outbox().takeLegacyOps());
      List<LegacyOp> again = store.write(writer -> writer.outbox().takeLegacyOps());

      assertThat(taken)
          .extracting(LegacyOp::type, LegacyOp::localId, LegacyOp::serverId)
          .containsExactly(
              tuple("store", Optional.of(new MemoryId(7)), Optional.empty()),
              tuple("delete", Optional.empty(), Optional.of(new ServerId(42))),
              tuple("store", Optional.empty(), Optional.empty()),
              tuple("delete", Optional.empty(), Optional.empty()),
              tuple("store", Optional.empty(), Optional.empty()));
      assertThat(taken).extracting(LegacyOp::id).isSorted();
      assertThat(again).isEmpty();
      assertThat(RawDatabase.rows(file, "SELECT count(*) FROM pending_ops")).containsExactly(List.of("0"));
    }
  }
}
