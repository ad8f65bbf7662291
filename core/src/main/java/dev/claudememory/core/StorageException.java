package dev.claudememory.core;

/** The local database could not do what was asked (locked beyond retries, disk full, corrupt). */
public final class StorageException extends MemoryException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }

  public StorageException(String message) {
    super(message);
  }
}
