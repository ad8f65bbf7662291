package dev.claudememory.core.maintenance;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Whether the database, its folder and the other files under {@code MEMORY_HOME} are private to
 * their owner (files 0600, folders 0700) and usable by this user.
 */
public final class FileChecks {
  private static final Set<PosixFilePermission> OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private FileChecks() {}

  /** The database file's mode; empty when there is no file (the database check says so). */
  public static Optional<Check> databaseFile(Path file) {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(file)) {
      return Optional.empty();
    }
    return Optional.of(ownerOnly("database file", file, false));
  }

  /**
   * A folder's mode.
   *
   * @param whenMissing what it means that the folder is not there (an OK line)
   */
  public static Check folder(String name, Path folder, String whenMissing) {
    if (!Files.exists(folder)) {
      return Check.ok(name, folder + " does not exist yet; " + whenMissing);
    }
    if (!Files.isDirectory(folder)) {
      return Check.fail(name, folder + " is a file, not a folder", "move " + folder + " away");
    }
    return ownerOnly(name, folder, true);
  }

  private static Check ownerOnly(String name, Path path, boolean folder) {
    String fix = "chmod " + (folder ? "700 " : "600 ") + path;
    boolean usable =
        Files.isReadable(path) && Files.isWritable(path) && (!folder || Files.isExecutable(path));
    if (!usable) {
      return Check.fail(
          name,
          path
              + " cannot be "
              + (folder ? "listed and written" : "read and written")
              + " by this user",
          "make this user its owner, then " + fix);
    }
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return Check.ok(name, path + " (this file system has no owner-only modes to check)");
    }
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(path);
    } catch (IOException e) {
      return Check.fail(name, path + ": its mode cannot be read (" + e.getMessage() + ")", fix);
    }
    String mode = octal(permissions);
    Set<PosixFilePermission> exposed = EnumSet.noneOf(PosixFilePermission.class);
    exposed.addAll(permissions);
    exposed.retainAll(OTHERS);
    if (!exposed.isEmpty()) {
      return Check.warn(
          name,
          path + " is mode " + mode + ": other users can " + (folder ? "look inside" : "read it"),
          fix);
    }
    return Check.ok(name, path + " (mode " + mode + ")");
  }

  static String octal(Set<PosixFilePermission> permissions) {
    int mode = 0;
    for (PosixFilePermission permission : permissions) {
      // the enum lists owner, group, others, each read, write, execute: bit 8 down to bit 0
      mode |= 1 << (8 - permission.ordinal());
    }
    return String.format("%04o", mode);
  }
}
