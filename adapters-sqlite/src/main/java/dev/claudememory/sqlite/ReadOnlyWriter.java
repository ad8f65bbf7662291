package dev.claudememory.sqlite;

import dev.claudememory.core.StorageException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The writer of a database this process may only read: every write is refused before it starts,
 * saying why, while the read connections keep serving.
 */
final class ReadOnlyWriter implements DatabaseWriter {
  private final Path file;
  private final ReadOnlyAccess access;

  ReadOnlyWriter(Path file, ReadOnlyAccess access) {
    this.file = file;
    this.access = access;
  }

  @Override
  public <T> T write(Function<Session, T> work) {
    throw new StorageException(
        "Could not write to the memory database "
            + file
            + ": "
            + access.reason()
            + ", so nothing was stored; reading it still works. "
            + access.advice());
  }

  @Override
  public void close() {
    // holds no connection
  }
}
