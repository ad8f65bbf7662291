package dev.claudememory.sqlite;

import dev.claudememory.core.StorageException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.sqlite.SQLiteConfig;

/**
 * The one writer of a database file in this process: one long-lived connection owned by one
 * thread. Callers hand it work and wait for the result, so writes in this process never compete
 * for SQLite's write lock. Work is run in {@code BEGIN IMMEDIATE} transactions, which take that
 * lock up front and so also exclude writers in other processes; when another process holds the
 * lock beyond the busy timeout, the transaction is retried per {@link WriteRetry}.
 *
 * <p>Group commit: work that arrives while a transaction runs waits in a queue, and the next
 * transaction runs all of it (up to {@value #MAX_GROUP}) before one commit. Each caller still gets
 * its result only after that commit. Work that fails is rolled back alone: the group is rolled
 * back and run again without it. When the disk fills up within a group, or its commit fails, no
 * piece can be blamed (the group as a whole needed the room), so each piece is run again in a
 * transaction of its own and gets the answer it gets alone: those that fit are stored, the others
 * fail. So a piece of work may run more than once, and must only act on the database.
 */
final class SerialWriter implements DatabaseWriter {
  private static final System.Logger LOG = System.getLogger(SerialWriter.class.getName());
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);
  /** Bounds one transaction's length, so a long queue still commits in steps. */
  static final int MAX_GROUP = 64;

  private final Path file;
  private final WriteRetry retry;
  private final BlockingQueue<Write<?>> queue = new LinkedBlockingQueue<>();
  private final CompletableFuture<Connection> opened = new CompletableFuture<>();
  private final Thread thread;
  private final SQLiteConfig config;
  /** Guards {@link #closed} with the queue: no write is queued after the thread's last look. */
  private final Object gate = new Object();
  private boolean closed;
  private Connection connection;
  private Session session;

  /** One caller's work and the promise of its result. */
  private static final class Write<T> {
    final Function<Session, T> work;
    final CompletableFuture<T> result = new CompletableFuture<>();
    T value;

    Write(Function<Session, T> work) {
      this.work = work;
    }

    void run(Session session) {
      value = work.apply(session);
    }

    void succeed() {
      result.complete(value);
    }
  }

  /** Tells the thread to stop once the work queued before it is done. */
  private static final Write<Void> STOP = new Write<>(session -> null);

  private SerialWriter(Path file, SQLiteConfig config, WriteRetry retry) {
    this.file = file;
    this.config = config;
    this.retry = retry;
    this.thread = new Thread(this::serve, "memory-db-writer " + file.getFileName());
    // a store someone forgot to close must not keep the JVM alive
    thread.setDaemon(true);
  }

  /** Starts the writer thread and opens its connection on it. */
  static SerialWriter start(Path file, SQLiteConfig config, WriteRetry retry) {
    SerialWriter writer = new SerialWriter(file, config, retry);
    writer.thread.start();
    try {
      writer.opened.get(CLOSE_WAIT.toSeconds(), TimeUnit.SECONDS);
      return writer;
    } catch (InterruptedException e) {
      writer.close();
      Thread.currentThread().interrupt();
      throw new StorageException("Interrupted while opening the memory database " + file, e);
    } catch (ExecutionException | TimeoutException e) {
      writer.close();
      throw SqliteErrors.storage("open", file, e.getCause() == null ? e : e.getCause());
    }
  }

  /**
   * Runs {@code work} in a write transaction on the writer thread and waits for its result, which
   * is committed by then. The work may run more than once (see the class comment).
   */
  @Override
  public <T> T write(Function<Session, T> work) {
    if (Thread.currentThread() == thread) {
      // the writer would wait for itself forever
      throw new IllegalStateException(
          "a write transaction cannot start another write: do all of it in the first one");
    }
    Write<T> write = new Write<>(work);
    synchronized (gate) {
      if (closed) {
        throw closedException();
      }
      queue.add(write);
    }
    try {
      return write.result.get();
    } catch (InterruptedException e) {
      // if it has not started it never will; if it has, it runs to its end
      write.result.cancel(false);
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
      throw SqliteErrors.writeFailure(file, cause);
    }
  }

  private StorageException closedException() {
    return new StorageException("The memory database " + file + " is closed");
  }

  private void serve() {
    try {
      connection = config.createConnection("jdbc:sqlite:" + file);
      session = new Session(connection);
      opened.complete(connection);
    } catch (SQLException | RuntimeException e) {
      synchronized (gate) {
        closed = true;
      }
      opened.completeExceptionally(e);
      return;
    }
    try {
      List<Write<?>> group = new ArrayList<>(MAX_GROUP);
      boolean stopping = false;
      while (!stopping) {
        group.add(queue.take());
        queue.drainTo(group, MAX_GROUP - 1);
        stopping = group.remove(STOP);
        group.removeIf(write -> write.result.isCancelled());
        if (!group.isEmpty()) {
          runGroup(group);
        }
        group.clear();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      synchronized (gate) {
        closed = true;
      }
      closeConnection();
      for (Write<?> left; (left = queue.poll()) != null; ) {
        left.result.completeExceptionally(closedException());
      }
    }
  }

  /** Commits the group's work; a failing piece is taken out and the rest run again. */
  private void runGroup(List<Write<?>> group) {
    List<Write<?>> remaining = new ArrayList<>(group);
    long started = System.nanoTime();
    int attempt = 1;
    while (!remaining.isEmpty()) {
      try {
        Optional<Write<?>> failed = attempt(remaining);
        if (failed.isEmpty()) {
          remaining.forEach(Write::succeed);
          return;
        }
        remaining.remove(failed.get());
      } catch (BusyException e) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        Optional<Duration> delay = retry.delayAfter(attempt, elapsed, ThreadLocalRandom.current());
        if (delay.isEmpty()) {
          StorageException locked =
              new StorageException(
                  "Could not write to the memory database " + file + ": another process kept it"
                      + " locked through " + attempt + " attempts over " + elapsed.toMillis() + " ms",
                  e.getCause());
          remaining.forEach(write -> write.result.completeExceptionally(locked));
          return;
        }
        LOG.log(
            Level.DEBUG,
            "Memory database {0} is locked by another process; retrying in {1} ms (attempt {2})",
            file,
            delay.get().toMillis(),
            attempt + 1);
        attempt++;
        if (!pause(delay.get())) {
          StorageException interrupted =
              new StorageException("Interrupted while waiting to retry a write to " + file);
          remaining.forEach(write -> write.result.completeExceptionally(interrupted));
          Thread.currentThread().interrupt();
          return;
        }
      } catch (RuntimeException e) {
        // BEGIN or COMMIT itself failed for good (a full disk, a read-only file), or the disk
        // filled up: alone, a write may still fit
        if (remaining.size() > 1) {
          runEachAlone(remaining);
          return;
        }
        RuntimeException failure = SqliteErrors.translateWrite(file, e);
        remaining.forEach(write -> write.result.completeExceptionally(failure));
        return;
      }
    }
  }

  private void runEachAlone(List<Write<?>> writes) {
    LOG.log(
        Level.DEBUG,
        "A group of {0} writes to {1} did not commit; running each alone",
        writes.size(),
        file);
    for (Write<?> write : writes) {
      runGroup(new ArrayList<>(List.of(write)));
    }
  }

  /** The disk filled up while the group ran: no one piece of work is to blame. */
  private static final class GroupFullException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GroupFullException(RuntimeException cause) {
      super(cause);
    }
  }

  /** The lock is held by another process: the whole transaction is tried again later. */
  private static final class BusyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BusyException(RuntimeException cause) {
      super(cause);
    }
  }

  /**
   * Runs the work in one transaction and commits it; or rolls back at the first piece that
   * fails, fails that piece and names it. A full disk in a group of several is thrown as {@link
   * GroupFullException}.
   */
  private Optional<Write<?>> attempt(List<Write<?>> group) {
    execute("BEGIN IMMEDIATE");
    boolean committed = false;
    try {
      for (Write<?> write : group) {
        try {
          write.run(session);
        } catch (RuntimeException e) {
          if (SqliteErrors.isBusy(e)) {
            throw new BusyException(e);
          }
          if (group.size() > 1 && SqliteErrors.isFull(e)) {
            throw new GroupFullException(e);
          }
          write.result.completeExceptionally(SqliteErrors.translateWrite(file, e));
          return Optional.of(write);
        } catch (Error e) {
          write.result.completeExceptionally(e);
          return Optional.of(write);
        }
      }
      execute("COMMIT");
      committed = true;
      return Optional.empty();
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
      RuntimeException failure = SqliteErrors.writeFailure(file, e);
      throw SqliteErrors.isBusy(e) ? new BusyException(failure) : failure;
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

  /** Waits; false when interrupted. */
  private static boolean pause(Duration delay) {
    try {
      Thread.sleep(delay.toMillis(), (int) (delay.toNanos() % 1_000_000));
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }

  /** Lets queued writes finish (bounded), then closes the connection and the thread. */
  @Override
  public void close() {
    synchronized (gate) {
      if (closed && !thread.isAlive()) {
        return;
      }
      closed = true;
      queue.add(STOP);
    }
    try {
      thread.join(CLOSE_WAIT.toMillis());
      if (thread.isAlive()) {
        LOG.log(Level.WARNING, "Writes to {0} did not finish in time; stopping them", file);
        thread.interrupt();
        thread.join(CLOSE_WAIT.toMillis());
      }
    } catch (InterruptedException e) {
      thread.interrupt();
      Thread.currentThread().interrupt();
    }
  }

  private void closeConnection() {
    if (connection == null) {
      return;
    }
    if (session != null) {
      session.close();
    }
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "Could not close the write connection to " + file, e);
    }
  }
}
