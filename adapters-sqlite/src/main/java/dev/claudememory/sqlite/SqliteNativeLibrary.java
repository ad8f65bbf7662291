package dev.claudememory.sqlite;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * sqlite-jdbc's native library, kept in a folder of ours. Left to itself, sqlite-jdbc writes the
 * library into {@code java.io.tmpdir} at every start and reads it back byte by byte, so a full or
 * read-only temporary folder breaks every command, reads included. Here it is extracted once, into
 * {@code <folder>/<checksum>/}, checked against the jar's checksum of it (CRC-32, kept in the jar's
 * index, so checking costs one read of the file) before each use, and replaced when it does not
 * match; sqlite-jdbc is then pointed at it.
 */
public final class SqliteNativeLibrary {
  private static final String LIB_PATH = "org.sqlite.lib.path";
  private static final String LIB_NAME = "org.sqlite.lib.name";
  /** Where sqlite-jdbc looks for leftovers of its own extractions at start. */
  private static final String TMPDIR = "org.sqlite.tmpdir";

  private SqliteNativeLibrary() {}

  /**
   * Points sqlite-jdbc at its native library in {@code folder}, extracting it there first when it
   * is missing or damaged. Nothing changes when the process chose a library itself ({@code
   * org.sqlite.lib.path}), and anything that goes wrong (a folder this user cannot write) leaves
   * sqlite-jdbc to its own way. Takes effect only before the first database is opened.
   */
  public static void useFolder(Path folder) {
    requireNonNull(folder, "folder");
    if (System.getProperty(LIB_PATH) != null) {
      return;
    }
    Optional<Path> library;
    try {
      library = prepare(folder);
    } catch (IOException | RuntimeException e) {
      log().log(Level.DEBUG, () -> "the SQLite library could not be kept in " + folder + ": " + e);
      return;
    }
    library.ifPresent(
        file -> {
          System.setProperty(LIB_PATH, file.getParent().toString());
          System.setProperty(LIB_NAME, file.getFileName().toString());
          System.setProperty(TMPDIR, folder.toString());
        });
  }

  /**
   * The native library for this platform in {@code folder}: checked, and extracted when missing or
   * not what the jar holds. Empty when the jar has no library for this platform.
   *
   * @throws IOException when the folder or the file cannot be written
   */
  static Optional<Path> prepare(Path folder) throws IOException {
    String name = LibraryLoaderUtil.getNativeLibName();
    String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
    URL url = SQLiteJDBCLoader.class.getClassLoader().getResource(resource.substring(1));
    if (url == null) {
      return Optional.empty();
    }
    Checksum expected = checksumOf(url);
    Path target = folder.resolve(expected.folderName()).resolve(name);
    if (Files.isRegularFile(target) && Checksum.of(target).equals(expected)) {
      return Optional.of(target);
    }
    extract(url, target, expected);
    return Optional.of(target);
  }

  /** The jar's own record of the library, else (classes in a folder) its bytes read once. */
  private static Checksum checksumOf(URL url) throws IOException {
    URLConnection connection = url.openConnection();
    if (connection instanceof JarURLConnection) {
      JarEntry entry = ((JarURLConnection) connection).getJarEntry();
      if (entry.getCrc() >= 0 && entry.getSize() >= 0) {
        return new Checksum(entry.getCrc(), entry.getSize());
      }
    }
    try (InputStream in = url.openStream()) {
      return Checksum.of(in.readAllBytes());
    }
  }

  /**
   * Writes the library beside its place and moves it there once checked, so no process ever loads
   * half a file; several processes extracting at once each put a whole copy in place.
   */
  private static void extract(URL url, Path target, Checksum expected) throws IOException {
    Path folder = target.getParent();
    Files.createDirectories(folder, ownerOnly("rwx------"));
    Path partial = Files.createTempFile(folder, ".extracting-", ".tmp", ownerOnly("rw-------"));
    try {
      // written into the file created owner-only: Files.copy would make a new one with the umask's mode
      try (InputStream in = url.openStream();
          OutputStream out = Files.newOutputStream(partial)) {
        in.transferTo(out);
      }
      Checksum written = Checksum.of(partial);
      if (!written.equals(expected)) {
        throw new IOException(partial + " does not hold the library the jar has (" + written + " instead of " + expected + ")");
      }
      try {
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  private static FileAttribute<?>[] ownerOnly(String permissions) {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))}
        : new FileAttribute<?>[0];
  }

  private static System.Logger log() {
    return System.getLogger(SqliteNativeLibrary.class.getName());
  }

  /** A library's CRC-32 and length, which name its folder. */
  private record Checksum(long crc, long size) {
    static Checksum of(Path file) throws IOException {
      return of(Files.readAllBytes(file));
    }

    static Checksum of(byte[] bytes) {
      CRC32 crc = new CRC32();
      crc.update(bytes, 0, bytes.length);
      return new Checksum(crc.getValue(), bytes.length);
    }

    String folderName() {
      String hex = Long.toHexString(crc);
      return "00000000".substring(hex.length()) + hex + "-" + size;
    }

    @Override
    public String toString() {
      return "CRC-32 " + folderName();
    }
  }
}
