package dev.claudememory.sqlite;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.StorageException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.sqlite.SQLiteConfig;

/**
 * One local database file, opened as production opens it: the file and its folder owner-only,
 * WAL, migrated to the current schema (a Python-era file is adopted in place), with the one
 * serialized writer of this process and separate read connections.
 *
 * <p>Thread safety: every method may be called from any thread. Writes run one at a time on the
 * writer's own thread, each as one {@code BEGIN IMMEDIATE} transaction; reads use their own
 * connections and never wait behind a write. The adapters of this package share one instance.
 *
 * <p>A file this process may only read (it, or its folder, is read-only for the user) is opened
 * for reading alone: reads are served, and every write fails at once with a {@link
 * StorageException} that says why and changes nothing.
 *
 * <p>Failures of the file or the database surface as {@link StorageException} naming the file.
 */
public final class SqliteDatabase implements AutoCloseable {
  private final Path file;
  private final DatabaseWriter writer;
  private final ReadConnections readers;

  private SqliteDatabase(Path file, DatabaseWriter writer, ReadConnections readers) {
    this.file = file;
    this.writer = writer;
    this.readers = readers;
  }

  /**
   * Opens (creating it when missing) and migrates the database file, first copying a file that
   * holds data into a {@code backups} folder beside it when a migration is to change it.
   *
   * @throws StorageException when the file cannot be created or opened, is not an SQLite database
   *     or is damaged (such a file is left untouched), or cannot be backed up or migrated (a
   *     read-only file that needs a migration included)
   */
  public static SqliteDatabase open(Path file) {
    return open(file, PreMigrationBackups.beside(file));
  }

  /**
   * Opens (creating it when missing) and migrates the database file, first copying a file that
   * holds data to {@code backups} when a migration is to change it.
   *
   * @throws StorageException as {@link #open(Path)}
   */
  public static SqliteDatabase open(Path file, PreMigrationBackups backups) {
    return open(file, SqliteOptions.DEFAULT, backups);
  }

  static SqliteDatabase open(Path file, SqliteOptions options) {
    return open(file, options, PreMigrationBackups.beside(file));
  }

  static SqliteDatabase open(Path file, SqliteOptions options, PreMigrationBackups backups) {
    requireNonNull(file, "file");
    requireNonNull(options, "options");
    requireNonNull(backups, "backups");
    Jooq.quiet();
    Path path = DatabaseFile.prepare(file);
    Optional<ReadOnlyAccess> readOnly = ReadOnlyAccess.of(path);
    if (readOnly.isPresent()) {
      return openForReading(path, options, readOnly.get());
    }
    if (probe(path, "jdbc:sqlite:" + path, FileConnections.plainConfig())
        .migrationChangesExistingData()) {
      backups.take(path);
    }
    DatabaseFile.restrictToOwner(path);
    SQLiteConfig config = options.connectionConfig();
    Migrations.migrate(path, config, options.writeRetry());
    SerialWriter writer = SerialWriter.start(path, config, options.writeRetry());
    try {
      ReadConnections readers =
          ReadConnections.open(
              path, "jdbc:sqlite:" + path, config, options.readConnections(), options.readWait());
      return new SqliteDatabase(path, writer, readers);
    } catch (RuntimeException e) {
      writer.close();
      throw e;
    }
  }

  /**
   * Opens a file this process may not write for reading alone, changing nothing: no backup, no
   * migration, no change of permissions or journal mode, and no files left beside it. Without a
   * write-ahead log SQLite is told the file cannot change ({@code immutable}): otherwise it would
   * create a log and its index beside the file (impossible in a read-only folder) and leave them
   * there. A log already there holds committed changes, so the file is then read as usual.
   */
  private static SqliteDatabase openForReading(
      Path path, SqliteOptions options, ReadOnlyAccess access) {
    String url =
        DatabaseFile.hasWriteAheadLog(path)
            ? "jdbc:sqlite:" + path
            : "jdbc:sqlite:" + path.toUri() + "?immutable=1";
    SQLiteConfig config = options.readOnlyConfig();
    List<String> pending = probe(path, url, config).pending();
    if (!pending.isEmpty()) {
      throw new StorageException(
          "Could not open the memory database "
              + path
              + ": "
              + access.reason()
              + ", and this version must first bring its tables up to date (migrations "
              + String.join(", ", pending)
              + "), which writes to it. It was left as it is. "
              + access.advice());
    }
    ReadConnections readers =
        ReadConnections.open(path, url, config, options.readConnections(), options.readWait());
    return new SqliteDatabase(path, new ReadOnlyWriter(path, access), readers);
  }

  /**
   * Reads the schema with a connection that sets no pragma but a busy timeout (and, for a
   * read-only file, opens it read-only), so that a damaged file is reported, and a file with data
   * backed up, before anything (switching it to WAL, a migration) could write to it.
   */
  private static SchemaHistory probe(Path path, String url, SQLiteConfig config) {
    try (Connection connection = config.createConnection(url)) {
      return SchemaHistory.read(connection);
    } catch (SQLException e) {
      throw SqliteErrors.storage("open", path, e);
    }
  }

  /** The absolute path of the database file. */
  public Path file() {
    return file;
  }

  /**
   * Runs {@code work} in one write transaction on the writer thread and returns its result:
   * committed when it returns, rolled back when it throws. The work may run again when another
   * process held the database, so it must have no effect outside the transaction. It must not
   * start another write.
   */
  <T> T write(Function<Session, T> work) {
    return writer.write(requireNonNull(work, "work"));
  }

  /** Runs {@code work} on a read connection; it sees the last committed state. */
  <T> T read(Function<Session, T> work) {
    return readers.read(requireNonNull(work, "work"));
  }

  /**
   * Runs both on read connections at the same time and returns their results in order; for one
   * read split in two, when the machine has a core to spare for the second half.
   */
  <T> List<T> readBoth(Function<Session, T> first, Function<Session, T> second) {
    return readers.readBoth(requireNonNull(first, "first"), requireNonNull(second, "second"));
  }

  /** Finishes queued writes, then closes every connection; later calls fail. Idempotent. */
  @Override
  public void close() {
    try {
      writer.close();
    } finally {
      readers.close();
    }
  }

  @Override
  public String toString() {
    return "SqliteDatabase[" + file + "]";
  }
}
