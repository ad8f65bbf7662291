package dev.claudememory.sqlite;

import dev.claudememory.testkit.PythonDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Looks at a database file with plain JDBC, behind the store's back, as a test oracle. */
final class RawDatabase {
  private RawDatabase() {}

  /** Every row of a query, each value as SQLite's text for it (NULL as null). */
  static List<List<String>> rows(Path file, String sql) throws SQLException {
    try (Connection connection = PythonDatabases.open(file);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      int columns = rows.getMetaData().getColumnCount();
      List<List<String>> result = new ArrayList<>();
      while (rows.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rows.getString(i));
        }
        result.add(row);
      }
      return result;
    }
  }

  /** The schema: type, name and SQL of every table, index and trigger, in a stable order. */
  static List<String> schema(Path file) throws SQLException {
    List<String> schema = new ArrayList<>();
    for (List<String> row :
        rows(file, "SELECT type, name, sql FROM sqlite_master ORDER BY type, name")) {
      schema.add(String.join(" | ", String.valueOf(row.get(0)), row.get(1), String.valueOf(row.get(2))));
    }
    return schema;
  }

  static int userVersion(Path file) throws SQLException {
    return Integer.parseInt(rows(file, "PRAGMA user_version").get(0).get(0));
  }

  static List<String> columnNames(Path file, String table) throws SQLException {
    List<String> names = new ArrayList<>();
    for (List<String> row : rows(file, "PRAGMA table_info(" + table + ")")) {
      names.add(row.get(1));
    }
    return names;
  }

  static void execute(Path file, String sql) throws SQLException {
    try (Connection connection = PythonDatabases.open(file);
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(sql);
    }
  }
}
