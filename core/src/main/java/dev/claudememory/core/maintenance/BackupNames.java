package dev.claudememory.core.maintenance;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How backup files are named in the backups folder: {@code <kind>-<UTC time>.db}, with a
 * fixed-width time, so that name order is age order and rotation needs no file dates.
 */
public final class BackupNames {
  /** Backups a person asked for ({@code claude-memory backup}); never rotated. */
  public static final String ON_REQUEST = "memory";

  /** Taken automatically before migrating an existing database. */
  public static final String PRE_MIGRATION = "pre-migration";

  /** The database a restore replaced. */
  public static final String PRE_RESTORE = "pre-restore";

  /** How many automatic backups of one kind are kept. */
  public static final int KEPT = 5;

  private static final String SUFFIX = ".db";
  // no colons: the name must be valid on every file system
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH-mm-ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private BackupNames() {}

  /** The file name for a backup of this kind taken at {@code time}. */
  public static String name(String kind, Instant time) {
    requireNonNull(kind, "kind");
    requireNonNull(time, "time");
    return kind + "-" + TIME.format(time) + SUFFIX;
  }

  /** Whether {@code fileName} names a backup of this kind. */
  public static boolean isOfKind(String kind, String fileName) {
    String prefix = kind + "-";
    return fileName.startsWith(prefix)
        && fileName.endsWith(SUFFIX)
        && fileName.length()
            == prefix.length() + TIME.format(Instant.EPOCH).length() + SUFFIX.length();
  }

  /**
   * The backups of this kind beyond the newest {@code keep}, which rotation deletes; names of other
   * kinds and other files are never among them.
   */
  public static List<String> outdated(String kind, List<String> fileNames, int keep) {
    requireNonNull(kind, "kind");
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be at least 1; got " + keep);
    }
    return fileNames.stream()
        .filter(name -> isOfKind(kind, name))
        .sorted(Comparator.reverseOrder())
        .skip(keep)
        .collect(Collectors.toList());
  }
}
