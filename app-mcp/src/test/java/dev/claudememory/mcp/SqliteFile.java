package dev.claudememory.mcp;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A database file as SQLite itself sees it, read after the servers using it have ended. */
final class SqliteFile {
  private SqliteFile() {}

  /** What {@code PRAGMA integrity_check} says: {@code ok} for a sound file. */
  static String integrityCheck(Path database) throws SQLException {
    return queryText(database, "PRAGMA integrity_check");
  }

  static long memoryRows(Path database) throws SQLException {
    return Long.parseLong(queryText(database, "SELECT count(*) FROM memories"));
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
