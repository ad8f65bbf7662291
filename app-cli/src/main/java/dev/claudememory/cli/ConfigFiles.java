package dev.claudememory.cli;

import dev.claudememory.core.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Safe changes to a config file another program owns: read as strict UTF-8 (so writing it back
 * cannot alter a byte we did not mean to), a timestamped owner-only copy beside it first (the
 * newest three kept), then an atomic
 * replace (a temporary file in the same folder, flushed to disk, given the file's mode, renamed
 * over it). A symlinked file is changed at its target, so the link stays a link.
 */
final class ConfigFiles {
  private static final String BACKUP_INFIX = ".claude-memory-";
  private static final String BACKUP_SUFFIX = ".bak";
  private static final DateTimeFormatter BACKUP_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  /** How many backups of a file are kept: enough to undo the last few changes, not a pile of old keys. */
  static final int BACKUPS_KEPT = 3;

  private ConfigFiles() {}

  /** The file that is changed: the target of a symlink, else the file itself. */
  static Path target(Path file) throws IOException {
    return Files.isSymbolicLink(file) && Files.exists(file) ? file.toRealPath() : file.toAbsolutePath();
  }

  /** The text, when the file exists. */
  static Optional<String> read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    return Optional.of(decode(Files.readAllBytes(file), file));
  }

  static String decode(byte[] bytes, Path file) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidInputException("config", file + " is not UTF-8 text; it was left as it is");
    }
  }

  /**
   * Copies the file beside itself as {@code <name>.claude-memory-<UTC time>.bak}, owner-only
   * whatever the file's mode (it may hold API keys, ours or other servers'), and keeps only the
   * newest {@value #BACKUPS_KEPT} such copies, each owner-only.
   */
  static Path backUp(Path file, Instant now) throws IOException {
    byte[] content = Files.readAllBytes(file);
    String stem = file.getFileName() + BACKUP_INFIX + BACKUP_TIME.format(now);
    Path backup;
    for (int attempt = 0; ; attempt++) {
      // '_' sorts after '.', so a second backup in the same millisecond still sorts as newer
      Path candidate = file.resolveSibling(stem + (attempt == 0 ? "" : "_" + attempt) + BACKUP_SUFFIX);
      try {
        createOwnerOnly(candidate);
        backup = candidate;
        break;
      } catch (FileAlreadyExistsException e) {
        // another backup in the same millisecond: take the next name
      }
    }
    try (FileChannel channel = FileChannel.open(backup, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    keepNewest(file);
    return backup;
  }

  /** Created empty and owner-only from the start, so no other user can open it in between. */
  private static void createOwnerOnly(Path file) throws IOException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      // the umask may have taken bits away, never added any; set the mode exactly all the same
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    } else {
      Files.createFile(file);
    }
  }

  /**
   * Deletes all but the newest backups of the file, and makes the kept ones owner-only (earlier
   * versions gave them the file's mode).
   */
  private static void keepNewest(Path file) throws IOException {
    List<Path> backups = backups(file);
    boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
    for (int index = 0; index < backups.size(); index++) {
      Path backup = backups.get(index);
      if (index >= BACKUPS_KEPT) {
        Files.deleteIfExists(backup);
      } else if (posix) {
        Files.setPosixFilePermissions(backup, OWNER_ONLY);
      }
    }
  }

  /** The backups {@link #backUp} made of this file, newest first. */
  static List<Path> backups(Path file) throws IOException {
    Path folder = file.getParent();
    String prefix = file.getFileName() + BACKUP_INFIX;
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(folder)) {
      return entries
          .filter(path -> path.getFileName().toString().startsWith(prefix))
          .filter(path -> path.getFileName().toString().endsWith(BACKUP_SUFFIX))
          .filter(Files::isRegularFile)
          .sorted(Comparator.comparing((Path path) -> path.getFileName().toString()).reversed())
          .toList();
    }
  }

  /** Replaces the file's content at once: readers see the old bytes or the new, never a mix. */
  static void replace(Path file, byte[] content) throws IOException {
    Path folder = file.getParent();
    Files.createDirectories(folder);
    boolean posix = folder.getFileSystem().supportedFileAttributeViews().contains("posix");
    // A new file may come to hold an API key: owner-only, like the database
    Set<PosixFilePermission> mode =
        posix && Files.exists(file) ? Files.getPosixFilePermissions(file) : OWNER_ONLY;
    Path temporary =
        posix
            ? Files.createTempFile(folder, "." + file.getFileName() + ".", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
            : Files.createTempFile(folder, "." + file.getFileName() + ".", ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      if (posix) {
        Files.setPosixFilePermissions(temporary, mode);
      }
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
    syncFolder(folder);
  }

  /** Makes a rename durable; a file system that cannot open a folder for it keeps it anyway, later. */
  private static void syncFolder(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // not every platform lets a folder be opened; the rename itself is already atomic
    }
  }

  /** Whether anyone but the owner may read the file. */
  static boolean readableByOthers(Path file) throws IOException {
    if (!file.getFileSystem().supportedFileAttributeViews().contains("posix") || !Files.exists(file)) {
      return false;
    }
    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
    return mode.contains(PosixFilePermission.GROUP_READ) || mode.contains(PosixFilePermission.OTHERS_READ);
  }
}
