package dev.claudememory.sqlite;

import dev.claudememory.core.MemoryException;
import dev.claudememory.core.StorageException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import org.sqlite.SQLiteException;

/** Classifies SQLite failures and turns them into {@link StorageException}s a person can act on. */
final class SqliteErrors {
  private static final int BUSY = 5;
  private static final int LOCKED = 6;
  private static final int FULL = 13;
  private static final int CORRUPT = 11;
  private static final int IOERR = 10;
  private static final int NOTADB = 26;
  private static final int READONLY = 8;
  private static final int PERM = 3;
  private static final int CANTOPEN = 14;

  private SqliteErrors() {}

  /** The primary SQLite result code found in the cause chain, if any. */
  static Optional<Integer> primaryCode(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLiteException) {
        return Optional.of(((SQLiteException) t).getResultCode().code & 0xff);
      }
      if (t instanceof SQLException && ((SQLException) t).getErrorCode() != 0) {
        return Optional.of(((SQLException) t).getErrorCode() & 0xff);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }

  /** Whether another connection held a lock: worth retrying the whole transaction. */
  static boolean isBusy(Throwable failure) {
    return primaryCode(failure).map(code -> code == BUSY || code == LOCKED).orElse(false);
  }

  /** Whether the disk, or the file's size limit, left no room for the write. */
  static boolean isFull(Throwable failure) {
    return primaryCode(failure).map(code -> code == FULL).orElse(false);
  }

  /** Whether SQLite found the file damaged. */
  static boolean isCorrupt(Throwable failure) {
    return primaryCode(failure).map(code -> code == CORRUPT).orElse(false);
  }

  /** Whether the failure came from the database (as opposed to a bug in the caller's work). */
  static boolean isDatabaseFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /**
   * The failure as thrown to callers: our own exceptions as they are, database failures as a
   * {@link StorageException} naming the file, anything else (a bug in the work) unchanged.
   */
  static RuntimeException translate(String action, Path file, RuntimeException failure) {
    if (failure instanceof MemoryException || !isDatabaseFailure(failure)) {
      return failure;
    }
    return storage(action, file, failure);
  }

  /**
   * A failed write as thrown to its caller: as {@link #translate}, and when the disk is full or
   * the file cannot be written, the message says that nothing of it was stored and that what was
   * stored before is kept.
   */
  static RuntimeException translateWrite(Path file, RuntimeException failure) {
    if (failure instanceof MemoryException || !isDatabaseFailure(failure)) {
      return failure;
    }
    return writeFailure(file, failure);
  }

  /** "Could not write to the memory database {file}: {what went wrong, and what was kept}." */
  static StorageException writeFailure(Path file, Throwable cause) {
    Optional<Integer> code = primaryCode(cause);
    String what;
    if (code.isPresent() && code.get() == FULL) {
      what =
          "the disk is full, so nothing of this change was stored; the memories stored before"
              + " are kept and can still be read. Free some space on that disk, then try again";
    } else if (code.isPresent() && isReadOnly(code.get())) {
      what =
          "the file or its folder is read-only for this process ("
              + rootMessage(cause)
              + "), so nothing of this change was stored; the memories stored before can still be"
              + " read. Check the owner and permissions of the file and its folder";
    } else {
      what = describe(cause);
    }
    return new StorageException(
        "Could not write to the memory database " + file + ": " + what, cause);
  }

  /** "Could not {action} the memory database {file}: {what went wrong}." */
  static StorageException storage(String action, Path file, Throwable cause) {
    return new StorageException(
        "Could not " + action + " the memory database " + file + ": " + describe(cause), cause);
  }

  /** What went wrong, in words that suggest what to do. */
  static String describe(Throwable cause) {
    Optional<Integer> code = primaryCode(cause);
    if (code.isPresent()) {
      switch (code.get()) {
        case NOTADB:
          return "the file is not an SQLite database. It was left as it is: move it away or set"
              + " MEMORY_DB to another file";
        case CORRUPT:
          return "the file is damaged (" + rootMessage(cause) + "). It was left as it is: restore"
              + " a backup, move it away to start a new database, or set MEMORY_DB to another"
              + " file";
        case BUSY:
        case LOCKED:
          return "another process kept the database locked for too long";
        case FULL:
          return "the disk is full. Free some space on it, then try again";
        case IOERR:
          return "the disk reported an error (" + rootMessage(cause) + "); check that it has free"
              + " space and is healthy";
        case READONLY:
        case PERM:
        case CANTOPEN:
          return "the file or its folder cannot be opened for writing (" + rootMessage(cause)
              + "); check its owner and permissions";
        default:
          break;
      }
    }
    return rootMessage(cause);
  }

  /** Whether SQLite could not write because the file or its folder may not be written. */
  static boolean isReadOnly(Throwable failure) {
    return primaryCode(failure).map(SqliteErrors::isReadOnly).orElse(false);
  }

  private static boolean isReadOnly(int code) {
    return code == READONLY || code == PERM || code == CANTOPEN;
  }

  /** The innermost message of the failure. */
  static String rootMessage(Throwable cause) {
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }
}
