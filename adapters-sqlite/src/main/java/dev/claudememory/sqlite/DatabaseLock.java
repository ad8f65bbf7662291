package dev.claudememory.sqlite;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Tells whether any process has a database file open, and keeps new ones out while held.
 *
 * <p>Every SQLite connection in WAL mode, idle or not, holds a shared lock on the file's lock bytes
 * (the {@code PENDING_BYTE} range at 1 GiB that SQLite's file format reserves for locking), and the
 * operating system drops a process's locks when it ends, however it ends. So an exclusive lock on
 * that range is granted exactly when no running process has the database open, and while it is
 * held, a process that opens the file waits (and, after its busy timeout, fails) instead of reading
 * it. A rollback-journal connection (the Python version's) locks only while it reads or writes, so
 * it is seen only then.
 *
 * <p>While holding this lock the process must not open and close an SQLite connection to the same
 * file: closing any descriptor of a file drops all of the process's locks on it.
 */
final class DatabaseLock implements AutoCloseable {
  private static final long PENDING_BYTE = 0x4000_0000L;

  /** The pending byte, the reserved byte and the 510 shared bytes. */
  private static final long LOCK_BYTES = 512;

  private final FileChannel channel;
  private final FileLock lock;

  private DatabaseLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock, or empty when another process has the database open. */
  static Optional<DatabaseLock> tryExclusive(Path file) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      FileLock lock = channel.tryLock(PENDING_BYTE, LOCK_BYTES, false);
      if (lock == null) {
        channel.close();
        return Optional.empty();
      }
      return Optional.of(new DatabaseLock(channel, lock));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
