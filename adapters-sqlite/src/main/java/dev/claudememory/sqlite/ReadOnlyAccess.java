package dev.claudememory.sqlite;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Why this process may only read a database file: the file is read-only for its user, or its
 * folder is, where SQLite must create the write-ahead log to write.
 *
 * @param reason what is read-only, as the end of a sentence about the file
 * @param toMakeWritable the file or folder (or both) whose permissions stand in the way
 */
record ReadOnlyAccess(String reason, List<Path> toMakeWritable) {

  ReadOnlyAccess {
    requireNonNull(reason, "reason");
    toMakeWritable = List.copyOf(toMakeWritable);
  }

  /** Why the file cannot be written by this process, or empty when it can. */
  static Optional<ReadOnlyAccess> of(Path file) {
    boolean fileReadOnly = !Files.isWritable(file);
    Path folder = file.getParent();
    boolean folderReadOnly = folder != null && !Files.isWritable(folder);
    List<Path> toMakeWritable = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    if (fileReadOnly) {
      toMakeWritable.add(file);
      reasons.add("the file is read-only for this user");
    }
    if (folderReadOnly) {
      toMakeWritable.add(folder);
      reasons.add(
          "its folder " + folder + " is read-only for this user (SQLite must create files there"
              + " to write)");
    }
    if (toMakeWritable.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ReadOnlyAccess(String.join(", and ", reasons), toMakeWritable));
  }

  /** What the user can do about it. */
  String advice() {
    String paths = toMakeWritable.stream().map(Path::toString).collect(Collectors.joining(" "));
    return "Make "
        + toMakeWritable.stream().map(Path::toString).collect(Collectors.joining(" and "))
        + " writable for this user (for example chmod u+w "
        + paths
        + ") and start again, or set MEMORY_DB to another file";
  }
}
