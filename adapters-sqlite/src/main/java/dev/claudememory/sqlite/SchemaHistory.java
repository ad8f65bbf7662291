package dev.claudememory.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a file holds before it is migrated: its tables, and Flyway's history read directly, which
 * costs one query where asking Flyway costs a scan of the migrations at every start.
 *
 * @param tables the names of its tables, SQLite's own excluded
 * @param applied versions applied successfully, in the order they were (the baseline excluded)
 * @param failed versions whose migration failed
 */
record SchemaHistory(Set<String> tables, List<String> applied, List<String> failed) {
  static final String TABLE = "flyway_schema_history";

  SchemaHistory {
    tables = Set.copyOf(tables);
    applied = List.copyOf(applied);
    failed = List.copyOf(failed);
  }

  /** Reads the schema with any connection; reads only. */
  static SchemaHistory read(Connection connection) throws SQLException {
    Set<String> tables = new TreeSet<>();
    List<String> applied = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    try (Statement statement = connection.createStatement()) {
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
      if (tables.contains(TABLE)) {
        try (ResultSet rows =
            statement.executeQuery(
                "SELECT version, success FROM "
                    + TABLE
                    + " WHERE version IS NOT NULL AND type <> 'BASELINE' ORDER BY"
                    + " installed_rank")) {
          while (rows.next()) {
            (rows.getBoolean(2) ? applied : failed).add(rows.getString(1));
          }
        }
      }
    }
    return new SchemaHistory(tables, applied, failed);
  }

  boolean hasTables() {
    return !tables.isEmpty();
  }

  boolean hasHistory() {
    return tables.contains(TABLE);
  }

  /** This version's migrations the file has not had. */
  List<String> pending() {
    List<String> pending = new ArrayList<>(Migrations.VERSIONS);
    pending.removeAll(applied);
    return pending;
  }

  /** Versions applied by a newer version of this product. */
  List<String> unknown() {
    List<String> unknown = new ArrayList<>(applied);
    unknown.removeAll(Migrations.VERSIONS);
    return unknown;
  }

  /** Whether migrating would change a file that already holds data (a new file holds none). */
  boolean migrationChangesExistingData() {
    return hasTables() && !pending().isEmpty();
  }
}
