package dev.claudememory.core.port;

import dev.claudememory.core.maintenance.BackupResult;
import dev.claudememory.core.maintenance.RestoreResult;
import java.nio.file.Path;

/**
 * Backups of the local database file and their restoring. A backup is a complete, checked database
 * even while other processes write to the file; a restore never replaces a file another process has
 * open, and keeps the file it replaces.
 *
 * <p>Files are created owner-only (0600, missing folders 0700). Thread-safe; each call is
 * independent of the others.
 */
public interface DatabaseBackups {

  /**
   * Writes a backup to {@code target}, which must not exist yet.
   *
   * @throws dev.claudememory.core.InvalidInputException when {@code target} already exists
   * @throws dev.claudememory.core.StorageException when there is no database, it cannot be read, or
   *     the backup cannot be written (no partial file is left)
   */
  BackupResult backup(Path target);

  /**
   * Writes a backup into the backups folder, named for the time it was taken.
   *
   * @throws dev.claudememory.core.StorageException as {@link #backup(Path)}
   */
  BackupResult backup();

  /**
   * Replaces the database with the backup's content, after checking the backup; the replaced
   * database is kept in the backups folder first.
   *
   * @throws dev.claudememory.core.StorageException when the files cannot be written
   */
  RestoreResult restore(Path backup);
}
