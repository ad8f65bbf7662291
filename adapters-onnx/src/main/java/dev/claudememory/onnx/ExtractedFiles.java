package dev.claudememory.onnx;

import dev.claudememory.core.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;

/**
 * Files shipped inside the jar (the model, ONNX Runtime's native libraries) copied out once into a
 * folder of ours, {@code <folder>/<name>-<the files' checksums>}, and used from there by every later
 * start: nothing is left in the temporary folder. The checksums (CRC-32) are the jar's own, read
 * from its directory without unpacking anything; a copy whose size or checksum does not match
 * (another version, a damaged file) is written again before it is used. A copy is written beside
 * its place and renamed into it, so processes starting together never see half a file.
 */
final class ExtractedFiles {
  private ExtractedFiles() {}

  /** One file in the jar: where it is, its size and checksum. */
  private record Shipped(String resource, long size, long crc) {
    String fileName() {
      return resource.substring(resource.lastIndexOf('/') + 1);
    }
  }

  /**
   * The folder holding {@code resources} (paths inside the jar) under their own names.
   *
   * @throws StorageException when a resource is missing or the folder cannot be written
   */
  static Path extract(Path parent, String name, List<String> resources) {
    try {
      List<Shipped> shipped = new ArrayList<>();
      long combined = 17;
      for (String resource : resources) {
        Shipped file = shipped(resource);
        shipped.add(file);
        combined = combined * 31 + file.crc() * 131 + file.size();
      }
      Path folder = parent.resolve(name + "-" + Long.toHexString(combined));
      Files.createDirectories(folder);
      restrict(parent);
      restrict(folder);
      for (Shipped file : shipped) {
        Path target = folder.resolve(file.fileName());
        if (!matches(target, file)) {
          copy(file.resource(), target);
        }
      }
      return folder;
    } catch (IOException e) {
      throw new StorageException("Could not copy the embedding model's files to " + parent + ": " + e.getMessage(), e);
    }
  }

  private static Shipped shipped(String resource) throws IOException {
    URL url = ExtractedFiles.class.getResource(resource);
    if (url == null) {
      throw new IOException(resource + " is not in this build");
    }
    URLConnection connection = url.openConnection();
    if (connection instanceof JarURLConnection) {
      connection.setUseCaches(false);
      JarEntry entry = ((JarURLConnection) connection).getJarEntry();
      if (entry.getCrc() >= 0 && entry.getSize() >= 0) {
        ((JarURLConnection) connection).getJarFile().close();
        return new Shipped(resource, entry.getSize(), entry.getCrc());
      }
    }
    // not in a jar (a test's classes folder): the bytes are read once to checksum them
    try (InputStream in = url.openStream()) {
      CRC32 crc = new CRC32();
      long size = 0;
      byte[] buffer = new byte[1 << 16];
      for (int read; (read = in.read(buffer)) >= 0; size += read) {
        crc.update(buffer, 0, read);
      }
      return new Shipped(resource, size, crc.getValue());
    }
  }

  private static boolean matches(Path file, Shipped shipped) throws IOException {
    if (!Files.isRegularFile(file) || Files.size(file) != shipped.size()) {
      return false;
    }
    CRC32 crc = new CRC32();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int read; (read = in.read(buffer)) >= 0; ) {
        crc.update(buffer, 0, read);
      }
    }
    return crc.getValue() == shipped.crc();
  }

  private static void copy(String resource, Path target) throws IOException {
    Path partial = target.resolveSibling(target.getFileName() + ".part-" + ProcessHandle.current().pid());
    try {
      try (InputStream in = ExtractedFiles.class.getResourceAsStream(resource);
          OutputStream out = Files.newOutputStream(partial)) {
        in.transferTo(out);
      }
      try {
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      // each start has a name of its own for its copy: one left behind would stay for good
      try {
        Files.deleteIfExists(partial);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /** Owner-only, where the file system has POSIX modes. */
  private static void restrict(Path folder) throws IOException {
    try {
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system (Windows): the user's profile folder is private already
    }
  }
}
