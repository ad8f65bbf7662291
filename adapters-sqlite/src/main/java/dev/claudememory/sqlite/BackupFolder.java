package dev.claudememory.sqlite;

import dev.claudememory.core.maintenance.BackupNames;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The backups folder: owner-only, files named by kind and time, automatic kinds rotated. */
final class BackupFolder {
  private static final System.Logger LOG = System.getLogger(BackupFolder.class.getName());

  private final Path folder;
  private final Clock clock;

  BackupFolder(Path folder, Clock clock) {
    this.folder = folder.toAbsolutePath().normalize();
    this.clock = clock;
  }

  Path path() {
    return folder;
  }

  /** Where a backup of this kind taken now goes; creates the folder (0700) when missing. */
  Path newFile(String kind) throws IOException {
    DatabaseFile.createFolders(folder);
    return folder.resolve(BackupNames.name(kind, clock.instant()));
  }

  /** Deletes the backups of this kind beyond the newest {@link BackupNames#KEPT}. */
  void rotate(String kind) {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      entries.forEach(entry -> names.add(entry.getFileName().toString()));
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Could not list " + folder + " to remove old backups", e);
      return;
    }
    for (String name : BackupNames.outdated(kind, names, BackupNames.KEPT)) {
      try {
        Files.deleteIfExists(folder.resolve(name));
      } catch (IOException e) {
        LOG.log(Level.WARNING, "Could not remove the old backup " + folder.resolve(name), e);
      }
    }
  }
}
