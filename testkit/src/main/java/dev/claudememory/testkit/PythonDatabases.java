package dev.claudememory.testkit;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Database files in the shapes the Python version left on users' disks (SPEC §5), built from the
 * SQL scripts under {@code python-fixtures/} with plain JDBC, so tests can open them as this
 * project would and check that every row survives.
 *
 * <p>Every fixture holds the same six memories, by local id:
 *
 * <ol>
 *   <li>plain, {@code projects}, found by {@code woodpecker} (server id 101 where the column exists)
 *   <li>sensitive ({@code is_sensitive = 1}), {@code infrastructure}, contains {@code hunter2}
 *       (server id 102)
 *   <li>plain, {@code preferences}, found by {@code coffee} (server id 103)
 *   <li>NULL category, tags, expanded keywords and importance, found by {@code zanzibar}
 *   <li>category {@code general} (not one of the API's), found by {@code standup}
 *   <li>non-ASCII, found by {@code 東京} and {@code matcha}
 * </ol>
 */
public final class PythonDatabases {

  /** The Python-era shapes, each one script. */
  public enum Fixture {
    /** user_version 0: FTS and triggers, no server_id, no pending_ops, no sync_meta. */
    V0_WITHOUT_SERVER_ID("v0-without-server-id.sql", 0),
    /** user_version 0: server_id without its unique index, pending_ops without retry_count. */
    V0_SERVER_ID_WITHOUT_INDEX("v0-server-id-without-index.sql", 0),
    /** user_version 0: rows but no memories_fts, no triggers, no server_id. */
    V0_WITHOUT_FTS("v0-without-fts.sql", 0),
    /** user_version 1: server_id and index, FTS, pending_ops without retry_count, no sync_meta. */
    V1("v1.sql", 1),
    /** user_version 2: the full layout, sync_meta holding last_sync_ts. */
    V2("v2.sql", 2);

    private final String script;
    private final int userVersion;

    Fixture(String script, int userVersion) {
      this.script = script;
      this.userVersion = userVersion;
    }

    /** The script's resource name under {@code python-fixtures/}. */
    public String script() {
      return script;
    }

    /** The {@code PRAGMA user_version} the script leaves. */
    public int userVersion() {
      return userVersion;
    }
  }

  /** The statements the Python version runs at every start against an existing file. */
  public static final String PYTHON_STARTUP = "python-startup.sql";

  private PythonDatabases() {}

  /** Writes a new database file in the fixture's shape; the file must not exist yet. */
  public static Path create(Path file, Fixture fixture) {
    requireNonNull(fixture, "fixture");
    run(file, script(fixture.script()));
    return file;
  }

  /** Runs a script of SQL statements against the file with plain JDBC, as the Python version would. */
  public static void run(Path file, String sql) {
    requireNonNull(file, "file");
    requireNonNull(sql, "sql");
    try (Connection connection = open(file);
        Statement statement = connection.createStatement()) {
      // sqlite-jdbc runs every statement of a script given to executeUpdate, like executescript
      statement.executeUpdate(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("could not run a fixture script against " + file, e);
    }
  }

  /** A plain JDBC connection with no pragmas, like Python's {@code sqlite3.connect}. */
  public static Connection open(Path file) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
  }

  /** The text of a script under {@code python-fixtures/}. */
  public static String script(String name) {
    String resource = "/python-fixtures/" + name;
    try (InputStream in = PythonDatabases.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture script " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + resource, e);
    }
  }
}
