package dev.claudememory.sqlite;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.StorageException;
import dev.claudememory.core.maintenance.BackupNames;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

/**
 * Where a database that already holds data is copied before a migration changes it: {@code
 * pre-migration-<UTC time>.db} in a backups folder, the newest {@link BackupNames#KEPT} kept. A
 * new, empty file is never copied, nor one that is up to date.
 */
public final class PreMigrationBackups {
  private static final System.Logger LOG = System.getLogger(PreMigrationBackups.class.getName());

  private final BackupFolder folder;

  private PreMigrationBackups(BackupFolder folder) {
    this.folder = folder;
  }

  /** Backups in {@code folder} (created owner-only when first needed), named by {@code clock}. */
  public static PreMigrationBackups in(Path folder, Clock clock) {
    return new PreMigrationBackups(
        new BackupFolder(requireNonNull(folder, "folder"), requireNonNull(clock, "clock")));
  }

  /** A {@code backups} folder beside the database file. */
  static PreMigrationBackups beside(Path file) {
    return in(file.toAbsolutePath().resolveSibling("backups"), Clock.systemUTC());
  }

  /**
   * Copies the file as it is now, consistently even while another process writes to it, then
   * rotates. A copy another process took at the same instant is enough.
   *
   * @throws StorageException when no copy could be made: the migration must not go ahead
   */
  void take(Path file) {
    Path target = null;
    try (Connection connection = FileConnections.plain(file)) {
      target = folder.newFile(BackupNames.PRE_MIGRATION);
      VacuumInto.copy(connection, target);
      LOG.log(Level.INFO, "Backed up {0} to {1} before migrating it", file, target);
    } catch (FileAlreadyExistsException e) {
      LOG.log(Level.DEBUG, "Another process backed up {0} at the same instant", file);
    } catch (SQLException | IOException | StorageException e) {
      String reason = e instanceof StorageException ? e.getMessage() : SqliteErrors.describe(e);
      throw new StorageException(
          "Could not back up the memory database "
              + file
              + " to "
              + (target == null ? folder.path() : target)
              + " before migrating it, so it was left"
              + " as it is ("
              + reason
              + "). Free some space or fix the backups folder, then start"
              + " again",
          e);
    }
    folder.rotate(BackupNames.PRE_MIGRATION);
  }
}
