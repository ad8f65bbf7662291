package dev.claudememory.sqlite;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * One connection as this adapter's code works with it: the statements of the hot paths (every
 * tool call, every queued op) as SQL text prepared once and kept open, and jOOQ's DSL, made on
 * first use, for everything else.
 *
 * <p>Why not jOOQ everywhere: a store ran six statements through jOOQ in about 1 ms, of which
 * SQLite's own work was about 0.2 ms; the rest was rendering each query, preparing it anew and
 * mapping its result. A statement kept prepared costs only its binding and SQLite's steps.
 *
 * <p>Not thread-safe: it belongs to whoever holds its connection (the writer thread, or the reader
 * that borrowed a read connection). Only SQL text from a fixed set may be passed (constants, or
 * one of a few shapes), so the statements kept stay few.
 */
final class Session implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Session.class.getName());

  /** Reads one row of a result; the cursor is on that row. */
  @FunctionalInterface
  interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }

  private final Connection connection;
  private final Map<String, PreparedStatement> prepared = new HashMap<>();
  private DSLContext dsl;

  Session(Connection connection) {
    this.connection = connection;
  }

  /** jOOQ over this connection, for the statements that are not kept prepared. */
  DSLContext dsl() {
    if (dsl == null) {
      dsl = Jooq.using(connection);
    }
    return dsl;
  }

  /** The rows {@code sql} selects with these values bound, in order. */
  <T> List<T> query(String sql, RowReader<T> reader, Object... values) {
    try (ResultSet rows = bind(sql, values).executeQuery()) {
      List<T> read = new ArrayList<>();
      while (rows.next()) {
        read.add(reader.read(rows));
      }
      return read;
    } catch (SQLException e) {
      throw failure(sql, e);
    }
  }

  /** The first row {@code sql} selects, if any. */
  <T> Optional<T> queryFirst(String sql, RowReader<T> reader, Object... values) {
    try (ResultSet rows = bind(sql, values).executeQuery()) {
      return rows.next() ? Optional.of(reader.read(rows)) : Optional.empty();
    } catch (SQLException e) {
      throw failure(sql, e);
    }
  }

  /** Runs an {@code INSERT … RETURNING} of one integer column and returns it. */
  long insertReturningId(String sql, Object... values) {
    return queryFirst(sql, row -> row.getLong(1), values)
        .orElseThrow(() -> new IllegalStateException("no id returned by " + sql));
  }

  /** Runs a statement that returns no rows; returns how many rows it changed. */
  int execute(String sql, Object... values) {
    try {
      return bind(sql, values).executeUpdate();
    } catch (SQLException e) {
      throw failure(sql, e);
    }
  }

  /** Bind values: {@code values} followed by {@code more}. */
  static Object[] values(Object[] values, Object... more) {
    Object[] all = Arrays.copyOf(values, values.length + more.length);
    System.arraycopy(more, 0, all, values.length, more.length);
    return all;
  }

  private PreparedStatement bind(String sql, Object... values) throws SQLException {
    PreparedStatement statement = prepared.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      prepared.put(sql, statement);
    }
    for (int i = 0; i < values.length; i++) {
      statement.setObject(i + 1, values[i]);
    }
    return statement;
  }

  /**
   * Drops the statement that failed (after a failed step sqlite-jdbc may leave it unusable: it
   * answered "statement is not executing" to the next store after a full disk), and returns the
   * failure unchecked, with the SQLite error kept as the cause for {@link SqliteErrors} to read.
   */
  private DataAccessException failure(String sql, SQLException e) {
    PreparedStatement failed = prepared.remove(sql);
    if (failed != null) {
      try {
        failed.close();
      } catch (SQLException closing) {
        e.addSuppressed(closing);
      }
    }
    return new DataAccessException("SQL [" + sql + "]; " + e.getMessage(), e);
  }

  /** Closes the kept statements; the connection stays open (its owner closes it). */
  @Override
  public void close() {
    for (PreparedStatement statement : prepared.values()) {
      try {
        statement.close();
      } catch (SQLException e) {
        LOG.log(Level.DEBUG, "Could not close a prepared statement", e);
      }
    }
    prepared.clear();
  }
}
