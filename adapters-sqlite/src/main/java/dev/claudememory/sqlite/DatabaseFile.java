package dev.claudememory.sqlite;

import dev.claudememory.core.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;

/**
 * Gets the database file ready before SQLite first opens it: folders created owner-only (0700),
 * a new file created owner-only (0600) so the process umask never exposes it, an adopted file
 * narrowed to 0600 (the Python version left 0644), and anything that is not an SQLite database
 * refused before SQLite can touch it.
 */
final class DatabaseFile {
  private static final System.Logger LOG = System.getLogger(DatabaseFile.class.getName());
  private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
  private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");

  private DatabaseFile() {}

  /**
   * Returns the absolute path of a file SQLite may open: created owner-only with its missing
   * folders, or an existing file that starts like an SQLite database (or is empty).
   */
  static Path prepare(Path file) {
    Path path = file.toAbsolutePath().normalize();
    boolean posix = isPosix();
    try {
      createFolders(path.getParent(), posix);
      if (!createDatabase(path, posix)) {
        checkIsSqlite(path);
      }
      return path;
    } catch (IOException e) {
      throw permissionProblem(path, e)
          .orElseGet(
              () ->
                  new StorageException(
                      "Could not prepare the memory database " + path + ": " + describe(e), e));
    }
  }

  /**
   * The failure as a permission problem, when it was one: a file this user may not create (its
   * folder is read-only for them) or may not read. The reason the system gives differs (permission
   * denied, or not permitted for an immutable file), so the permissions are looked at instead.
   */
  private static Optional<StorageException> permissionProblem(Path database, IOException failure) {
    if (!(failure instanceof FileSystemException)
        || ((FileSystemException) failure).getFile() == null) {
      return Optional.empty();
    }
    Path denied = Path.of(((FileSystemException) failure).getFile());
    boolean creating = !Files.exists(denied);
    Path toCheck = creating && denied.getParent() != null ? denied.getParent() : denied;
    boolean permitted = creating ? Files.isWritable(toCheck) : Files.isReadable(denied);
    if (permitted) {
      return Optional.empty();
    }
    return Optional.of(
        new StorageException(
            "Could not prepare the memory database "
                + database
                + ": this user may not "
                + (creating ? "create " : "read ")
                + denied
                + " ("
                + reason(failure)
                + "). Check the owner and permissions of "
                + toCheck
                + ", or set MEMORY_DB to a file this user may read and write",
            failure));
  }

  /** Whether the write-ahead log of the file exists, holding changes not yet in the file. */
  static boolean hasWriteAheadLog(Path path) {
    return Files.exists(path.resolveSibling(path.getFileName() + "-wal"));
  }

  /**
   * Narrows an adopted file, and any -wal/-shm left beside it, to owner-only. Called once SQLite
   * has read the file, so a damaged file is left exactly as it was found, and only for a file this
   * process may write, so a file made read-only stays so.
   */
  static void restrictToOwner(Path path) {
    if (!isPosix()) {
      return;
    }
    try {
      restrict(path);
      // SQLite gives new -wal/-shm files the main file's mode, but ones left over keep theirs
      restrictIfPresent(path.resolveSibling(path.getFileName() + "-wal"));
      restrictIfPresent(path.resolveSibling(path.getFileName() + "-shm"));
    } catch (IOException e) {
      // not fatal: the database still works, only less private than it should be
      LOG.log(
          Level.WARNING,
          "Could not restrict {0} to owner-only access: {1}",
          path,
          describe(e));
    }
  }

  static boolean isPosix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  /** Creates the missing folders of {@code folder}, each owner-only (0700); existing ones stay. */
  static void createFolders(Path folder) throws IOException {
    createFolders(folder, isPosix());
  }

  /** Creates a new owner-only (0600) file; fails when it exists. */
  static void createNewFile(Path path) throws IOException {
    if (!createFile(path, isPosix())) {
      throw new FileAlreadyExistsException(path.toString());
    }
  }

  private static void createFolders(Path folder, boolean posix) throws IOException {
    if (folder == null) {
      return;
    }
    Deque<Path> missing = new ArrayDeque<>();
    for (Path p = folder; p != null && !Files.isDirectory(p); p = p.getParent()) {
      missing.push(p);
    }
    while (!missing.isEmpty()) {
      Path next = missing.pop();
      try {
        if (posix) {
          Files.createDirectory(next, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
          // the umask may have narrowed the mode further than asked; set it exactly
          Files.setPosixFilePermissions(next, OWNER_ONLY_FOLDER);
        } else {
          Files.createDirectory(next);
        }
      } catch (FileAlreadyExistsException e) {
        if (!Files.isDirectory(next)) {
          throw new StorageException(
              "Could not create the folder " + next + " for the memory database: a file of that"
                  + " name is in the way", e);
        }
        // another process created it at the same moment: theirs to set up
      }
    }
  }

  /**
   * Creates the database file owner-only, as a copy of the {@link NewDatabaseTemplate} when the
   * build shipped one; false when it exists already. The copy is written aside and linked into
   * place, which fails when the file exists: a process starting beside this one never sees half of
   * it.
   */
  private static boolean createDatabase(Path path, boolean posix) throws IOException {
    // read only for a file to create: an existing database is opened at every start
    Optional<byte[]> template = Files.notExists(path) ? NewDatabaseTemplate.bytes() : Optional.empty();
    if (template.isPresent()) {
      Path staged = null;
      try {
        staged =
            posix
                ? Files.createTempFile(path.getParent(), ".new-", ".db", PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE))
                : Files.createTempFile(path.getParent(), ".new-", ".db");
        Files.write(staged, template.get());
        Files.createLink(path, staged);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      } catch (IOException | UnsupportedOperationException e) {
        // no room for the copy, or no hard links here: an empty file as before, which Flyway
        // migrates (and whose creation names the file in any error)
      } finally {
        if (staged != null) {
          Files.deleteIfExists(staged);
        }
      }
    }
    return createFile(path, posix);
  }

  /** Creates an empty owner-only file; false when it exists already. */
  private static boolean createFile(Path path, boolean posix) throws IOException {
    try {
      if (posix) {
        Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        Files.setPosixFilePermissions(path, OWNER_ONLY_FILE);
      } else {
        Files.createFile(path);
      }
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    }
  }

  private static void checkIsSqlite(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      throw new StorageException(
          "Could not open the memory database " + path + ": it is a folder, not a file. Set"
              + " MEMORY_DB to a file path");
    }
    if (Files.size(path) == 0) {
      // SQLite treats an empty file as a new database
      return;
    }
    if (!hasSqliteHeader(path)) {
      throw new StorageException(
          "Could not open the memory database " + path + ": the file is not an SQLite database."
              + " It was left as it is: move it away or set MEMORY_DB to another file");
    }
  }

  /** Whether the file starts as every SQLite database does. */
  static boolean hasSqliteHeader(Path path) throws IOException {
    byte[] start = new byte[SQLITE_HEADER.length];
    int read;
    try (InputStream in = Files.newInputStream(path)) {
      read = in.readNBytes(start, 0, start.length);
    }
    return read == start.length && Arrays.equals(start, SQLITE_HEADER);
  }

  private static void restrictIfPresent(Path path) throws IOException {
    if (Files.isRegularFile(path)) {
      restrict(path);
    }
  }

  private static void restrict(Path path) throws IOException {
    Set<PosixFilePermission> current = Files.getPosixFilePermissions(path);
    if (current.equals(OWNER_ONLY_FILE)) {
      return;
    }
    Files.setPosixFilePermissions(path, OWNER_ONLY_FILE);
    LOG.log(
        Level.INFO,
        "Restricted {0} to owner-only access (it was {1})",
        path,
        PosixFilePermissions.toString(current));
  }

  /** What went wrong with which file, in words. */
  private static String describe(IOException failure) {
    if (failure instanceof FileSystemException
        && ((FileSystemException) failure).getFile() != null) {
      return ((FileSystemException) failure).getFile() + ": " + reason(failure);
    }
    return String.valueOf(failure.getMessage());
  }

  /** What went wrong: the JDK leaves some reasons to the exception's class name. */
  private static String reason(IOException failure) {
    if (failure instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (failure instanceof FileSystemException
        && ((FileSystemException) failure).getReason() != null) {
      return ((FileSystemException) failure).getReason();
    }
    return String.valueOf(failure.getMessage());
  }
}
