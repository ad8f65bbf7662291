package dev.claudememory.mcp;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * A database file as SQLite itself sees it: read after the servers using it have ended, or
 * read-only while one is running (the file is in WAL mode, so reading never blocks its writer).
 */
final class SqliteFile {
  private SqliteFile() {}

  /** A memory row; {@code serverId} is empty until the memory reached the server. */
  record LocalMemory(long id, Optional<Long> serverId, String content) {}

  /** An op waiting in the sync queue; {@code attempts} counts pushes tried. */
  record QueuedOp(Optional<Long> memoryId, String kind, int attempts) {}

  /** What {@code PRAGMA integrity_check} says: {@code ok} for a sound file. */
  static String integrityCheck(Path database) throws SQLException {
    return queryText(database, "PRAGMA integrity_check");
  }

  static long memoryRows(Path database) throws SQLException {
    return Long.parseLong(queryText(database, "SELECT count(*) FROM memories"));
  }

  /** Every memory row, by local id, read without writing anything. */
  static List<LocalMemory> memories(Path database) throws SQLException {
    List<LocalMemory> memories = new ArrayList<>();
    try (Connection connection = readOnly(database);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id, server_id, content FROM memories ORDER BY id")) {
      while (rows.next()) {
        long serverId = rows.getLong(2);
        memories.add(
            new LocalMemory(
                rows.getLong(1), rows.wasNull() ? Optional.empty() : Optional.of(serverId), rows.getString(3)));
      }
    }
    return memories;
  }

  /** Every op in the sync queue, parked ones too, read without writing anything. */
  static List<QueuedOp> syncQueue(Path database) throws SQLException {
    List<QueuedOp> ops = new ArrayList<>();
    try (Connection connection = readOnly(database);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT memory_id, kind, attempts FROM sync_outbox ORDER BY id")) {
      while (rows.next()) {
        long memoryId = rows.getLong(1);
        ops.add(
            new QueuedOp(
                rows.wasNull() ? Optional.empty() : Optional.of(memoryId), rows.getString(2), rows.getInt(3)));
      }
    }
    return ops;
  }

  private static Connection readOnly(Path database) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(5_000);
    return DriverManager.getConnection("jdbc:sqlite:" + database, config.toProperties());
  }

  private static String queryText(Path database, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
