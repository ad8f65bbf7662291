package dev.claudememory.sqlite;

import dev.claudememory.core.memory.ContentKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Gives every memory the {@link ContentKey} of its content, in {@code memories.content_key} with an
 * index, so that a store finds a memory already holding its content without reading every row.
 *
 * <ul>
 *   <li>The column is nullable with no default: the Python version's inserts leave it NULL, which
 *       the store reads as "not computed yet" and fills in before it looks a key up.
 *   <li>The trigger {@code memories_content_key_au} sets the key to NULL when an update changes
 *       the content but not the key, as the Python version's updates and pulls do; so a key never
 *       names a content its row no longer holds.
 *   <li>Existing rows get their key here, computed in Java: the normalisation is Unicode-aware,
 *       which SQLite's ASCII-only {@code lower()} is not. The full-text trigger {@code memories_au}
 *       would re-index every row's text for it (four times the work at 100,000 rows) though no
 *       indexed column changes, so it is set aside meanwhile and put back from its own stored
 *       text, as V1 or the Python version wrote it; a failure rolls both back.
 * </ul>
 *
 * <p>Everything is additive, so the Python version can still open the file and write to it.
 */
final class V4__ContentKeys extends BaseJavaMigration {
  private static final int CHUNK = 1_000;

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    try (Statement statement = connection.createStatement()) {
      statement.execute("ALTER TABLE memories ADD COLUMN content_key TEXT");
      statement.execute(
          "CREATE INDEX IF NOT EXISTS idx_memories_content_key ON memories(content_key)");
      statement.execute(
          "CREATE TRIGGER IF NOT EXISTS memories_content_key_au AFTER UPDATE OF content ON memories"
              + " WHEN new.content IS NOT old.content AND new.content_key IS old.content_key BEGIN"
              + " UPDATE memories SET content_key = NULL WHERE id = new.id; END");
      Optional<String> ftsUpdateTrigger = triggerSql(connection, "memories_au");
      if (ftsUpdateTrigger.isPresent()) {
        statement.execute("DROP TRIGGER memories_au");
      }
      backfill(connection);
      if (ftsUpdateTrigger.isPresent()) {
        statement.execute(ftsUpdateTrigger.get());
      }
    }
  }

  private static Optional<String> triggerSql(Connection connection, String name)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?")) {
      query.setString(1, name);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
      }
    }
  }

  /** In chunks by id, each read whole before it is written, so no cursor sees its own updates. */
  private static void backfill(Connection connection) throws SQLException {
    try (PreparedStatement chunk =
            connection.prepareStatement(
                "SELECT id, content FROM memories WHERE id > ? ORDER BY id LIMIT " + CHUNK);
        PreparedStatement update =
            connection.prepareStatement("UPDATE memories SET content_key = ? WHERE id = ?")) {
      long after = Long.MIN_VALUE;
      int read;
      do {
        read = 0;
        chunk.setLong(1, after);
        try (ResultSet rows = chunk.executeQuery()) {
          while (rows.next()) {
            after = rows.getLong(1);
            update.setString(1, ContentKey.of(rows.getString(2)).value());
            update.setLong(2, after);
            update.addBatch();
            read++;
          }
        }
        update.executeBatch();
      } while (read == CHUNK);
    }
  }
}
