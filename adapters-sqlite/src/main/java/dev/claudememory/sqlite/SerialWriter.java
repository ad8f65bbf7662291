package dev.claudememory.sqlite;

import dev.claudememory.core.StorageException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.sqlite.SQLiteConfig;

/**
 * The one writer of a database file in this process: one long-lived connection owned by one
 * thread. Callers hand it work and wait for the result, so writes in this process never compete
 * for SQLite's write lock; each runs as one {@code BEGIN IMMEDIATE} transaction, which takes that
 * lock up front and so also excludes writers in other processes. When another process holds the
 * lock beyond the busy timeout, the whole transaction is retried per {@link WriteRetry}.
 */
final class SerialWriter implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(SerialWriter.class.getName());
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

  private final Path file;
  private final WriteRetry retry;
  private final ExecutorService executor;
  private final Thread thread;
  private final Connection connection;
  private final DSLContext dsl;

  private SerialWriter(
      Path file, WriteRetry retry, ExecutorService executor, Thread thread, Connection connection) {
    this.file = file;
    this.retry = retry;
    this.executor = executor;
    this.thread = thread;
    this.connection = connection;
    this.dsl = Jooq.using(connection);
  }

  /** Starts the writer thread and opens its connection on it. */
  static SerialWriter start(Path file, SQLiteConfig config, WriteRetry retry) {
    Thread[] created = new Thread[1];
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "memory-db-writer " + file.getFileName());
              // a store someone forgot to close must not keep the JVM alive
              thread.setDaemon(true);
              created[0] = thread;
              return thread;
            });
    try {
      Future<Connection> opened =
          executor.submit(() -> config.createConnection("jdbc:sqlite:" + file));
      Connection connection = opened.get(CLOSE_WAIT.toSeconds(), TimeUnit.SECONDS);
      return new SerialWriter(file, retry, executor, created[0], connection);
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
      throw new StorageException("Interrupted while opening the memory database " + file, e);
    } catch (ExecutionException | TimeoutException e) {
      executor.shutdownNow();
      throw SqliteErrors.storage("open", file, e.getCause() == null ? e : e.getCause());
    }
  }

  /**
   * Runs {@code work} in one write transaction on the writer thread and waits for its result. The
   * work may run more than once when another process held the lock.
   */
  <T> T write(Function<DSLContext, T> work) {
    if (Thread.currentThread() == thread) {
      // the writer would wait for itself forever
      throw new IllegalStateException(
          "a write transaction cannot start another write: do all of it in the first one");
    }
    Future<T> result;
    try {
      result = executor.submit(() -> inTransaction(work));
    } catch (RejectedExecutionException e) {
      throw new StorageException("The memory database " + file + " is closed", e);
    }
    try {
      return result.get();
    } catch (InterruptedException e) {
      // if it has not started it never will; if it has, it runs to its end
      result.cancel(false);
      Thread.currentThread().interrupt();
      throw new StorageException(
          "Interrupted while waiting for a write to the memory database " + file
              + "; it may still have been made",
          e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw SqliteErrors.storage("write to", file, cause);
    }
  }

  private <T> T inTransaction(Function<DSLContext, T> work) {
    long started = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      try {
        return attempt(work);
      } catch (RuntimeException e) {
        if (!SqliteErrors.isBusy(e)) {
          throw SqliteErrors.translate("write to", file, e);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        Optional<Duration> delay = retry.delayAfter(attempt, elapsed, ThreadLocalRandom.current());
        if (delay.isEmpty()) {
          throw new StorageException(
              "Could not write to the memory database " + file + ": another process kept it locked"
                  + " through " + attempt + " attempts over " + elapsed.toMillis() + " ms",
              e);
        }
        LOG.log(
            Level.DEBUG,
            "Memory database {0} is locked by another process; retrying in {1} ms (attempt {2})",
            file,
            delay.get().toMillis(),
            attempt + 1);
        pause(delay.get());
      }
    }
  }

  private <T> T attempt(Function<DSLContext, T> work) {
    execute("BEGIN IMMEDIATE");
    boolean committed = false;
    try {
      T result = work.apply(dsl);
      execute("COMMIT");
      committed = true;
      return result;
    } finally {
      if (!committed) {
        rollback();
      }
    }
  }

  private void execute(String sql) {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw SqliteErrors.storage("write to", file, e);
    }
  }

  private void rollback() {
    try (Statement statement = connection.createStatement()) {
      statement.execute("ROLLBACK");
    } catch (SQLException e) {
      // "no transaction is active": SQLite already rolled back (or COMMIT failed before starting)
      LOG.log(Level.DEBUG, "Rollback on " + file + " found nothing to roll back", e);
    }
  }

  private void pause(Duration delay) {
    try {
      Thread.sleep(delay.toMillis(), (int) (delay.toNanos() % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException(
          "Interrupted while waiting to retry a write to the memory database " + file, e);
    }
  }

  /** Lets queued writes finish (bounded), then closes the connection and the thread. */
  @Override
  public void close() {
    try {
      executor.submit(this::closeConnection);
    } catch (RejectedExecutionException e) {
      return; // already closed
    }
    executor.shutdown();
    try {
      if (!executor.awaitTermination(CLOSE_WAIT.toSeconds(), TimeUnit.SECONDS)) {
        LOG.log(Level.WARNING, "Writes to {0} did not finish in time; stopping them", file);
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private void closeConnection() {
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "Could not close the write connection to " + file, e);
    }
  }
}
