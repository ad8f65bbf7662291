package dev.claudememory.sqlite;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Completes the Python-era shapes V1's {@code IF NOT EXISTS} statements left as they were (SPEC
 * §5): a user_version says little about what a Python-era file really holds, so this looks.
 *
 * <ul>
 *   <li>{@code memories.server_id} and its unique index, where missing;
 *   <li>{@code pending_ops.retry_count}, where missing;
 *   <li>a full FTS index: where V1 had to create {@code memories_fts} over existing rows (or the
 *       index has drifted), it is rebuilt from {@code memories}.
 * </ul>
 *
 * <p>Everything is additive, so the Python version can still open the file; {@code user_version}
 * is left as it is.
 */
final class V2__AdoptPythonShapes extends BaseJavaMigration {
  private static final System.Logger LOG = System.getLogger(V2__AdoptPythonShapes.class.getName());

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    try (Statement statement = connection.createStatement()) {
      if (!columns(statement, "memories").contains("server_id")) {
        statement.execute("ALTER TABLE memories ADD COLUMN server_id INTEGER");
      }
      indexServerIds(connection, statement);
      if (!columns(statement, "pending_ops").contains("retry_count")) {
        statement.execute("ALTER TABLE pending_ops ADD COLUMN retry_count INTEGER DEFAULT 0");
      }
      if (ftsIndexMissesRows(connection, statement)) {
        statement.execute("INSERT INTO memories_fts(memories_fts) VALUES('rebuild')");
        LOG.log(Level.INFO, "Rebuilt the full-text index so that older memories can be recalled");
      }
    }
  }

  private static Set<String> columns(Statement statement, String table) throws SQLException {
    Set<String> names = new HashSet<>();
    try (ResultSet rows = statement.executeQuery("PRAGMA table_info(" + table + ")")) {
      while (rows.next()) {
        names.add(rows.getString("name"));
      }
    }
    return names;
  }

  /**
   * A Python-era file may hold one server id on two rows (it once had no index to stop that). A
   * unique index cannot be built over them, and dropping either row or id would lose data, so the
   * index is then left out and the duplicates are logged for a person to look at.
   */
  private static void indexServerIds(Connection connection, Statement statement)
      throws SQLException {
    if (exists(connection, "index", "idx_memories_server_id")) {
      return;
    }
    List<Long> duplicated = new ArrayList<>();
    try (ResultSet rows =
        statement.executeQuery(
            "SELECT server_id FROM memories WHERE server_id IS NOT NULL"
                + " GROUP BY server_id HAVING count(*) > 1 LIMIT 20")) {
      while (rows.next()) {
        duplicated.add(rows.getLong(1));
      }
    }
    if (duplicated.isEmpty()) {
      statement.execute(
          "CREATE UNIQUE INDEX IF NOT EXISTS idx_memories_server_id ON memories(server_id)");
    } else {
      LOG.log(
          Level.WARNING,
          "Several memories share the server ids {0}; left memories.server_id without its unique"
              + " index so that no memory is lost",
          duplicated);
    }
  }

  /**
   * Whether the FTS index holds fewer (or more) documents than {@code memories} has rows: true
   * where V1 created the index over existing rows. Two counts, so cheap on every size of file;
   * {@code memories_fts_docsize} has one row per indexed document.
   */
  private static boolean ftsIndexMissesRows(Connection connection, Statement statement)
      throws SQLException {
    long rows = count(statement, "SELECT count(*) FROM memories");
    if (!exists(connection, "table", "memories_fts_docsize")) {
      // an index made without docsize cannot be counted; rebuilding is always correct
      return rows > 0;
    }
    return rows != count(statement, "SELECT count(*) FROM memories_fts_docsize");
  }

  private static boolean exists(Connection connection, String type, String name)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT count(*) FROM sqlite_master WHERE type = ? AND name = ?")) {
      query.setString(1, type);
      query.setString(2, name);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() && rows.getLong(1) > 0;
      }
    }
  }

  private static long count(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
