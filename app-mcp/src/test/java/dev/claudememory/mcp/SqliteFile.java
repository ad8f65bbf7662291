package dev.claudememory.mcp;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
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

  /**
   * An op waiting in the sync queue; {@code attempts} counts pushes tried; {@code unanswered} when
   * it was sent and no answer came, so the API may hold what it created.
   */
  record QueuedOp(Optional<Long> memoryId, String kind, int attempts, boolean unanswered) {}

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
        // wasNull() speaks of the column read last: ask it before reading another
        Optional<Long> synced = rows.wasNull() ? Optional.empty() : Optional.of(serverId);
        memories.add(new LocalMemory(rows.getLong(1), synced, rows.getString(3)));
      }
    }
    return memories;
  }

  /** The memory row with this local id, read without writing anything. */
  static Optional<LocalMemory> memory(Path database, long id) throws SQLException {
    return oneMemory(database, "SELECT id, server_id, content FROM memories WHERE id = ?", id);
  }

  /** The memory row linked to this server id, read without writing anything. */
  static Optional<LocalMemory> memoryWithServerId(Path database, long serverId) throws SQLException {
    return oneMemory(database, "SELECT id, server_id, content FROM memories WHERE server_id = ?", serverId);
  }

  /** How many ops in the sync queue, parked ones too, concern this memory. */
  static int queuedOpsFor(Path database, long memoryId) throws SQLException {
    try (Connection connection = readOnly(database);
        PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM sync_outbox WHERE memory_id = ?")) {
      statement.setLong(1, memoryId);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  /** Every op in the sync queue, parked ones too, read without writing anything. */
  static List<QueuedOp> syncQueue(Path database) throws SQLException {
    List<QueuedOp> ops = new ArrayList<>();
    try (Connection connection = readOnly(database);
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT memory_id, kind, attempts, unconfirmed_content IS NOT NULL FROM sync_outbox ORDER BY id")) {
      while (rows.next()) {
        long memoryId = rows.getLong(1);
        Optional<Long> memory = rows.wasNull() ? Optional.empty() : Optional.of(memoryId);
        ops.add(new QueuedOp(memory, rows.getString(2), rows.getInt(3), rows.getBoolean(4)));
      }
    }
    return ops;
  }

  /**
   * A digest of every column of every memory row up to {@code lastId}, in id order: equal digests
   * mean those rows are unchanged.
   */
  static String memoriesChecksum(Path database, long lastId) throws SQLException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    try (Connection connection = readOnly(database);
        PreparedStatement statement = connection.prepareStatement("SELECT * FROM memories WHERE id <= ? ORDER BY id")) {
      statement.setLong(1, lastId);
      try (ResultSet rows = statement.executeQuery()) {
        int columns = rows.getMetaData().getColumnCount();
        while (rows.next()) {
          for (int column = 1; column <= columns; column++) {
            String value = rows.getString(column);
            // a length before each value, so no two different rows can read as the same bytes
            String field = value == null ? "-1:" : value.length() + ":" + value;
            digest.update(field.getBytes(StandardCharsets.UTF_8));
          }
        }
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * Every row of every table (the full-text index's own tables too), each as the text of its
   * columns, table by table in name order and row by row in rowid order: equal answers mean the
   * database holds the same rows.
   */
  static java.util.SortedMap<String, List<String>> everyRow(Path database) throws SQLException {
    java.util.SortedMap<String, List<String>> tables = new java.util.TreeMap<>();
    try (Connection connection = readOnly(database);
        Statement statement = connection.createStatement()) {
      List<String> names = new ArrayList<>();
      try (ResultSet rows =
          statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")) {
        while (rows.next()) {
          names.add(rows.getString(1));
        }
      }
      for (String name : names) {
        List<String> content = new ArrayList<>();
        String order = name.startsWith("sqlite_") || isWithoutRowid(connection, name) ? "" : " ORDER BY rowid";
        try (ResultSet rows = statement.executeQuery("SELECT * FROM \"" + name + "\"" + order)) {
          int columns = rows.getMetaData().getColumnCount();
          while (rows.next()) {
            StringBuilder row = new StringBuilder();
            for (int column = 1; column <= columns; column++) {
              String value = rows.getString(column);
              row.append(value == null ? "-1:" : value.length() + ":" + value).append('|');
            }
            content.add(row.toString());
          }
        }
        if (order.isEmpty()) {
          content.sort(null); // no rowid to order by: the rows as a set
        }
        tables.put(name, content);
      }
    }
    return tables;
  }

  private static boolean isWithoutRowid(Connection connection, String table) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT sql FROM sqlite_master WHERE name = ?")) {
      statement.setString(1, table);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() && rows.getString(1) != null && rows.getString(1).toUpperCase(java.util.Locale.ROOT).contains("WITHOUT ROWID");
      }
    }
  }

  /** The ids of the memory rows after {@code lastId}, in order. */
  static List<Long> memoryIdsAfter(Path database, long lastId) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Connection connection = readOnly(database);
        PreparedStatement statement = connection.prepareStatement("SELECT id FROM memories WHERE id > ? ORDER BY id")) {
      statement.setLong(1, lastId);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getLong(1));
        }
      }
    }
    return ids;
  }

  static long lastMemoryId(Path database) throws SQLException {
    try (Connection connection = readOnly(database);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT coalesce(max(id), 0) FROM memories")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static Optional<LocalMemory> oneMemory(Path database, String sql, long key) throws SQLException {
    try (Connection connection = readOnly(database);
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, key);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        long serverId = rows.getLong(2);
        Optional<Long> synced = rows.wasNull() ? Optional.empty() : Optional.of(serverId);
        return Optional.of(new LocalMemory(rows.getLong(1), synced, rows.getString(3)));
      }
    }
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
