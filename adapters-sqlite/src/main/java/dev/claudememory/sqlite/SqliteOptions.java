package dev.claudememory.sqlite;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.sqlite.SQLiteConfig;

/**
 * How a database file is opened. Production uses {@link #DEFAULT}; tests shorten the waits.
 *
 * @param busyTimeout how long SQLite itself waits for a lock held by another connection
 * @param readConnections how many read connections serve concurrent readers
 * @param readWait how long a reader waits for a free read connection
 * @param writeRetry how a write retries when the busy timeout was not enough
 */
record SqliteOptions(
    Duration busyTimeout, int readConnections, Duration readWait, WriteRetry writeRetry) {

  static final SqliteOptions DEFAULT =
      new SqliteOptions(Duration.ofSeconds(5), 2, Duration.ofSeconds(30), WriteRetry.DEFAULT);

  SqliteOptions {
    requireNonNull(busyTimeout, "busyTimeout");
    requireNonNull(readWait, "readWait");
    requireNonNull(writeRetry, "writeRetry");
    if (readConnections < 1) {
      throw new IllegalArgumentException("readConnections must be at least 1");
    }
  }

  /**
   * The settings applied at every open of every connection: WAL so readers and the writer do not
   * block each other, a busy timeout, and synchronous=NORMAL (durable across process crashes in
   * WAL mode). They are connection settings, never part of a migration: {@code journal_mode}
   * cannot change inside the transaction Flyway runs a migration in.
   */
  SQLiteConfig connectionConfig() {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setBusyTimeout(Math.toIntExact(busyTimeout.toMillis()));
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    return config;
  }

  /**
   * The settings of connections to a file this process may only read: opened read-only, with the
   * busy timeout, and no journal mode to set (that would be a write).
   */
  SQLiteConfig readOnlyConfig() {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(Math.toIntExact(busyTimeout.toMillis()));
    return config;
  }
}
