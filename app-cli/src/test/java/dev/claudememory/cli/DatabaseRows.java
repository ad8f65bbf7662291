package dev.claudememory.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;

/** A database file's rows as SQLite itself holds them, read or changed while no command runs. */
final class DatabaseRows {
  private DatabaseRows() {}

  /** Every column of a memory row, as stored. */
  record Row(
      long id,
      Long serverId,
      String content,
      String category,
      String tags,
      String expandedKeywords,
      double importance,
      int sensitive,
      String createdAt,
      String updatedAt) {

    /** The row as another database would hold it after an import: no server id. */
    Row imported() {
      return new Row(id, null, content, category, tags, expandedKeywords, importance, sensitive, createdAt, updatedAt);
    }
  }

  static List<Row> memories(Path database) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Connection connection = readOnly(database);
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT id, server_id, content, category, tags, expanded_keywords, importance, is_sensitive,"
                    + " created_at, updated_at FROM memories ORDER BY id")) {
      while (result.next()) {
        long storedServerId = result.getLong(2);
        // wasNull() tells about the last column read, so it is asked before any other is
        Long serverId = result.wasNull() ? null : storedServerId;
        rows.add(
            new Row(
                result.getLong(1),
                serverId,
                result.getString(3),
                result.getString(4),
                result.getString(5),
                result.getString(6),
                result.getDouble(7),
                result.getInt(8),
                result.getString(9),
                result.getString(10)));
      }
    }
    return rows;
  }

  /** The memory ids of the queued creates, oldest first. */
  static List<Long> queuedCreates(Path database) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Connection connection = readOnly(database);
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery("SELECT memory_id FROM sync_outbox WHERE kind = 'create' ORDER BY id")) {
      while (result.next()) {
        ids.add(result.getLong(1));
      }
    }
    return ids;
  }

  /** Changes rows as no command can: as sync or an older version would have left them. */
  static void change(Path database, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(sql);
    }
  }

  private static Connection readOnly(Path database) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(5_000);
    return DriverManager.getConnection("jdbc:sqlite:" + database, config.toProperties());
  }
}
