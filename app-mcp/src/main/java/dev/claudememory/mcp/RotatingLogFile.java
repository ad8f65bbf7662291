package dev.claudememory.mcp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The server's log file under {@code MEMORY_HOME/logs}: owner-only, rolled over to {@code .1},
 * {@code .2}, … when it grows past a size, so a long-lived server never fills the disk.
 *
 * <p>Hand-written rather than a logging framework's appender: slf4j-simple, which the apps use for
 * its start-up cost, writes to one stream only; this stream is teed with stderr.
 */
final class RotatingLogFile extends OutputStream {
  private final Path file;
  private final long maxBytes;
  private final int keep;
  private OutputStream out;
  private long size;

  private RotatingLogFile(Path file, long maxBytes, int keep) throws IOException {
    this.file = file;
    this.maxBytes = maxBytes;
    this.keep = keep;
    open();
  }

  static RotatingLogFile in(Path folder, String name, long maxBytes, int keep) throws IOException {
    createOwnerOnly(folder.getParent());
    createOwnerOnly(folder);
    return new RotatingLogFile(folder.resolve(name), maxBytes, keep);
  }

  private static void createOwnerOnly(Path folder) throws IOException {
    if (folder != null && !Files.isDirectory(folder)) {
      Files.createDirectories(folder);
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    }
  }

  private void open() throws IOException {
    if (!Files.exists(file)) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    out = Files.newOutputStream(file, StandardOpenOption.APPEND);
    size = Files.size(file);
  }

  @Override
  public synchronized void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
    if (size + length > maxBytes && size > 0) {
      rollOver();
    }
    out.write(bytes, offset, length);
    size += length;
  }

  @Override
  public synchronized void flush() throws IOException {
    out.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }

  private void rollOver() throws IOException {
    out.close();
    for (int index = keep - 1; index >= 1; index--) {
      Path older = file.resolveSibling(file.getFileName() + "." + index);
      if (Files.exists(older)) {
        Files.move(older, file.resolveSibling(file.getFileName() + "." + (index + 1)), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
    open();
  }
}
