package dev.claudememory.sqlite;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.InvalidInputException;
import dev.claudememory.core.StorageException;
import dev.claudememory.core.maintenance.BackupNames;
import dev.claudememory.core.maintenance.BackupResult;
import dev.claudememory.core.maintenance.RestoreResult;
import dev.claudememory.core.port.DatabaseBackups;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Backups of one SQLite database file with {@code VACUUM INTO}, and restores that replace the file
 * only when no process has it open ({@link DatabaseLock}).
 *
 * <p>A restore checks the backup on a copy written next to the database (so the backup itself is
 * only read), keeps the replaced file in the backups folder as {@code pre-restore-<time>.db},
 * removes the old file's write-ahead log and journal (they would be applied to the new file), and
 * puts the copy in place with one atomic rename.
 */
public final class SqliteBackups implements DatabaseBackups {
  private static final System.Logger LOG = System.getLogger(SqliteBackups.class.getName());
  private static final String MEMORIES = "memories";
  private static final List<String> SIDE_FILES = List.of("-wal", "-shm", "-journal");

  private final Path database;
  private final BackupFolder folder;

  /**
   * @param database the database file
   * @param backupFolder where backups go by default, and replaced files are kept
   * @param clock names backups by the time they are taken
   */
  public SqliteBackups(Path database, Path backupFolder, Clock clock) {
    this.database = requireNonNull(database, "database").toAbsolutePath().normalize();
    this.folder =
        new BackupFolder(
            requireNonNull(backupFolder, "backupFolder"), requireNonNull(clock, "clock"));
  }

  @Override
  public BackupResult backup() {
    requireDatabase();
    try {
      return backup(folder.newFile(BackupNames.ON_REQUEST));
    } catch (IOException e) {
      throw new StorageException(
          "Could not create the backups folder " + folder.path() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public BackupResult backup(Path target) {
    Path to = requireNonNull(target, "target").toAbsolutePath().normalize();
    if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
      throw exists(to);
    }
    requireDatabase();
    try {
      DatabaseFile.createFolders(to.getParent());
      try (Connection connection = FileConnections.plain(database)) {
        VacuumInto.copy(connection, to);
      }
      long memories = checkedBackup(to);
      return new BackupResult(to, memories, Files.size(to));
    } catch (FileAlreadyExistsException e) {
      throw exists(to);
    } catch (SQLException e) {
      throw SqliteErrors.storage("back up", database, e);
    } catch (IOException e) {
      throw new StorageException("Could not write the backup " + to + ": " + e.getMessage(), e);
    }
  }

  /** The backup's memory count once SQLite's integrity check passed it; deleted otherwise. */
  private static long checkedBackup(Path backup) throws SQLException, IOException {
    try (Connection connection = FileConnections.readOnly(backup)) {
      List<String> problems = DatabaseContents.integrityProblems(connection);
      if (!problems.isEmpty()) {
        throw new StorageException(
            "The backup "
                + backup
                + " failed SQLite's integrity check ("
                + problems.get(0)
                + ") and was removed; check the disk, then back up again");
      }
      return DatabaseContents.hasTable(connection, MEMORIES)
          ? DatabaseContents.count(connection, MEMORIES)
          : 0;
    } catch (SQLException | RuntimeException e) {
      Files.deleteIfExists(backup);
      throw e;
    }
  }

  private void requireDatabase() {
    if (!Files.isRegularFile(database)) {
      throw new StorageException(
          "There is no memory database at " + database + ", so there is nothing to back up");
    }
  }

  private static InvalidInputException exists(Path target) {
    return new InvalidInputException(
        "FILE", target + " already exists; name a new file, or move that one away");
  }

  @Override
  public RestoreResult restore(Path backup) {
    Path from = requireNonNull(backup, "backup").toAbsolutePath().normalize();
    Optional<String> unusable = unusableFile(from);
    if (unusable.isPresent()) {
      return new RestoreResult.Unusable(from + " " + unusable.get());
    }
    Path staged = sibling(database, ".restoring");
    try {
      DatabaseFile.createFolders(database.getParent());
      Files.deleteIfExists(staged); // left behind by an interrupted restore
      try (Connection source = FileConnections.readOnly(from)) {
        VacuumInto.copy(source, staged);
      } catch (SQLException e) {
        return new RestoreResult.Unusable(
            from + " cannot be read as a database (" + SqliteErrors.rootMessage(e) + ")");
      }
      long memories;
      try (Connection copy = FileConnections.plain(staged)) {
        Optional<String> problem = problemOf(copy);
        if (problem.isPresent()) {
          return new RestoreResult.Unusable(from + " " + problem.get());
        }
        memories = DatabaseContents.count(copy, MEMORIES);
      }
      forceToDisk(staged);
      return replaceDatabase(staged, memories);
    } catch (SQLException | IOException e) {
      throw new StorageException(
          "Could not restore " + from + " to " + database + ": " + SqliteErrors.describe(e), e);
    } finally {
      deleteQuietly(staged);
    }
  }

  private Optional<String> unusableFile(Path from) {
    if (from.equals(database)) {
      return Optional.of("is the memory database itself");
    }
    if (!Files.exists(from)) {
      return Optional.of("does not exist");
    }
    if (!Files.isRegularFile(from)) {
      return Optional.of("is not a file");
    }
    try {
      return DatabaseFile.hasSqliteHeader(from)
          ? Optional.empty()
          : Optional.of("is not an SQLite database");
    } catch (IOException e) {
      return Optional.of("cannot be read (" + e.getMessage() + ")");
    }
  }

  private static Optional<String> problemOf(Connection copy) throws SQLException {
    List<String> problems = DatabaseContents.integrityProblems(copy);
    if (!problems.isEmpty()) {
      return Optional.of("failed SQLite's integrity check (" + problems.get(0) + ")");
    }
    if (!DatabaseContents.hasTable(copy, MEMORIES)) {
      return Optional.of("is not a memory database: it has no memories table");
    }
    return Optional.empty();
  }

  private RestoreResult replaceDatabase(Path staged, long memories)
      throws IOException, SQLException {
    if (!Files.exists(database)) {
      moveInPlace(staged);
      return new RestoreResult.Restored(database, memories, Optional.empty());
    }
    Optional<DatabaseLock> lock = DatabaseLock.tryExclusive(database);
    if (lock.isEmpty()) {
      return new RestoreResult.InUse(
          database
              + " is open in another process (an MCP server, or a claude-memory command"
              + " still running); end it (close the assistant session), then restore again");
    }
    try (DatabaseLock held = lock.get()) {
      Path kept = keepCurrent();
      for (String suffix : SIDE_FILES) {
        Files.deleteIfExists(sibling(database, suffix));
      }
      moveInPlace(staged);
      return new RestoreResult.Restored(database, memories, Optional.of(kept));
    }
  }

  /**
   * Copies the database about to be replaced, with its write-ahead log or journal, into the backups
   * folder, then lets SQLite fold them into the copy so the kept backup is one file. Opening the
   * copy is safe under the lock: it is another file.
   */
  private Path keepCurrent() throws IOException {
    Path kept = folder.newFile(BackupNames.PRE_RESTORE);
    copyOwnerOnly(database, kept);
    boolean sideFiles = false;
    for (String suffix : List.of("-wal", "-journal")) {
      Path side = sibling(database, suffix);
      if (Files.isRegularFile(side)) {
        copyOwnerOnly(side, sibling(kept, suffix));
        sideFiles = true;
      }
    }
    if (sideFiles) {
      try (Connection connection = FileConnections.plain(kept);
          Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA journal_mode=DELETE");
      } catch (SQLException e) {
        LOG.log(
            Level.WARNING,
            "Kept the replaced database as "
                + kept
                + " with its log files beside it: "
                + e.getMessage());
      }
    }
    folder.rotate(BackupNames.PRE_RESTORE);
    return kept;
  }

  private static void copyOwnerOnly(Path from, Path to) throws IOException {
    DatabaseFile.createNewFile(to);
    try (var out = Files.newOutputStream(to, StandardOpenOption.TRUNCATE_EXISTING)) {
      Files.copy(from, out);
    }
  }

  private void moveInPlace(Path staged) throws IOException {
    Files.move(
        staged, database, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel folderChannel =
        FileChannel.open(database.getParent(), StandardOpenOption.READ)) {
      folderChannel.force(true); // the rename itself survives a power loss
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "Could not sync the folder " + database.getParent(), e);
    }
  }

  private static void forceToDisk(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  private static Path sibling(Path file, String suffix) {
    return file.resolveSibling(file.getFileName() + suffix);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Could not remove " + file, e);
    }
  }
}
