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
    return Optional.of(ownerOnly("database file", file, false, CheckStatus.FAIL));
  }

  /**
   * A folder's mode, or, when it is missing, whether it can be created.
   *
   * @param whenMissing what it means that the folder is not there (an OK line)
   */
  public static Check folder(String name, Path folder, String whenMissing) {
    return folder(name, folder, whenMissing, CheckStatus.FAIL);
  }

  /**
   * A folder's mode, or, when it is missing, whether it can be created.
   *
   * @param whenMissing what it means that the folder is not there (an OK line)
   * @param unusable how a folder this user cannot use (or create) comes out: FAIL when the product
   *     cannot work without it, WARN when only some of it needs the folder
   */
  public static Check folder(String name, Path folder, String whenMissing, CheckStatus unusable) {
    if (!Files.exists(folder)) {
      return creatable(name, folder, unusable).orElseGet(() -> Check.ok(name, folder + " does not exist yet; " + whenMissing));
    }
    if (!Files.isDirectory(folder)) {
      return new Check(name, unusable, folder + " is a file, not a folder", Optional.of("move " + folder + " away"));
    }
    return ownerOnly(name, folder, true, unusable);
  }

  /**
   * {@code MEMORY_HOME}: the log file and the backups are written there, and by default the
   * database too. When this user cannot write it (or create it), that is a FAIL if the database
   * lives under it, since the first store fails; otherwise a WARN.
   */
  public static Check home(Path home, boolean holdsDatabase) {
    String missing =
        holdsDatabase
            ? "it is created (0700) with the database"
            : "it is created (0700) with the first log file or backup";
    Check check = folder("home folder", home, missing, holdsDatabase ? CheckStatus.FAIL : CheckStatus.WARN);
    if (check.status() == CheckStatus.OK) {
      return check;
    }
    String consequence =
        holdsDatabase
            ? ""
            : " (the database is elsewhere; only the MCP server's log file and backups go there)";
    return new Check(
        check.name(),
        check.status(),
        check.detail() + consequence,
        check.advice().map(advice -> advice + ", or set MEMORY_HOME to a folder this user may write"));
  }

  /** Empty when this user may create the missing folder; else why not. */
  private static Optional<Check> creatable(String name, Path folder, CheckStatus unusable) {
    Path existing = folder.toAbsolutePath().getParent();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null || Files.isDirectory(existing) && Files.isWritable(existing) && Files.isExecutable(existing)) {
      return Optional.empty();
    }
    String why = Files.isDirectory(existing) ? existing + " is read-only for this user" : existing + " is a file";
    return Optional.of(
        new Check(
            name,
            unusable,
            folder + " does not exist and cannot be created: " + why,
            Optional.of("create it as this user (mkdir -p -m 700 " + folder + "), or make " + existing
                + " writable for this user (chmod u+w " + existing + ")")));
  }

  private static Check ownerOnly(String name, Path path, boolean folder, CheckStatus unusable) {
    String fix = "chmod " + (folder ? "700 " : "600 ") + path;
    if (!Files.isReadable(path) || folder && !Files.isExecutable(path)) {
      return new Check(
          name,
          unusable,
          path + " cannot be " + (folder ? "listed" : "read") + " by this user",
          Optional.of("make this user its owner, then " + fix));
    }
    if (!Files.isWritable(path)) {
      String consequence =
          folder
              ? "nothing can be created in it"
              : "memories can be read, but nothing can be stored, changed or synced";
      return new Check(
          name,
          unusable,
          path + " is read-only for this user: " + consequence,
          Optional.of("make it writable: chmod u+w " + path + " (as its owner)"));
    }
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return Check.ok(name, path + " (this file system has no owner-only modes to check)");
    }
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(path);
    } catch (IOException e) {
      return new Check(name, unusable, path + ": its mode cannot be read (" + e.getMessage() + ")", Optional.of(fix));
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
