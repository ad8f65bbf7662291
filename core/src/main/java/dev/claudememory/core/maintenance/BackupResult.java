package dev.claudememory.core.maintenance;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A backup that was written and checked.
 *
 * @param file the backup file
 * @param memories how many memories it holds
 * @param bytes its size
 */
public record BackupResult(Path file, long memories, long bytes) {
  public BackupResult {
    requireNonNull(file, "file");
  }
}
