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
              + " a backup, or move it away to start a new database";
        case BUSY:
        case LOCKED:
          return "another process kept the database locked for too long";
        case FULL:
          return "the disk is full";
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
