package dev.claudememory.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * Short-lived connections for backups and inspection, which must not change a file the way the
 * store's own connections do (switching it to WAL, migrating it), and never create a missing one.
 */
final class FileConnections {
  private static final int BUSY_TIMEOUT_MILLIS = 5_000;

  private FileConnections() {}

  /** Sets nothing but a busy timeout, so a writer in another process is waited for. */
  static Connection plain(Path file) throws SQLException {
    return plainConfig().createConnection("jdbc:sqlite:" + file);
  }

  /**
   * SQLite opens the file read-only: nothing this connection does can write to it. A file this
   * user may not write (or whose folder it may not) is opened as the server opens it then: without
   * a write-ahead log, SQLite is told the file cannot change, or it would try to create the log's
   * index beside it and fail to open it at all.
   */
  static Connection readOnly(Path file) throws SQLException {
    SQLiteConfig config = plainConfig();
    config.setReadOnly(true);
    boolean unchangeable = ReadOnlyAccess.of(file).isPresent() && !DatabaseFile.hasWriteAheadLog(file);
    return config.createConnection(
        unchangeable ? "jdbc:sqlite:" + file.toUri() + "?immutable=1" : "jdbc:sqlite:" + file);
  }

  /** The settings of {@link #plain}: a busy timeout, and never create a missing file. */
  static SQLiteConfig plainConfig() {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    config.resetOpenMode(SQLiteOpenMode.CREATE);
    return config;
  }
}
