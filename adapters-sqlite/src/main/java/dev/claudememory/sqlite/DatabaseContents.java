package dev.claudememory.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** What backups, restores and {@code doctor} check in a database before they trust it. */
final class DatabaseContents {
  /** SQLite's integrity check stops after this many messages; more would not help a person. */
  private static final int MAX_PROBLEMS = 10;

  private DatabaseContents() {}

  /** What {@code PRAGMA integrity_check} found; empty when it found nothing wrong. */
  static List<String> integrityProblems(Connection connection) throws SQLException {
    List<String> messages = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA integrity_check(" + MAX_PROBLEMS + ")")) {
      while (rows.next()) {
        messages.add(rows.getString(1));
      }
    }
    return messages.equals(List.of("ok")) ? List.of() : messages;
  }

  static boolean hasTable(Connection connection, String table) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?")) {
      statement.setString(1, table);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() && rows.getLong(1) > 0;
      }
    }
  }

  static boolean hasColumn(Connection connection, String table, String column)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT count(*) FROM pragma_table_info(?) WHERE name = ?")) {
      statement.setString(1, table);
      statement.setString(2, column);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() && rows.getLong(1) > 0;
      }
    }
  }

  /** How many rows one of the schema's tables holds (the name is never user input). */
  static long count(Connection connection, String table) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
