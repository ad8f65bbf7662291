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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.sqlite.SQLiteConfig;

/**
 * A few long-lived read-only connections, separate from the writer's. In WAL mode a reader sees
 * the last committed state and never waits for the writer, so reads never queue behind writes;
 * they only wait for a free connection when more threads read at once than there are connections.
 */
final class ReadConnections implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ReadConnections.class.getName());

  private record Reader(Connection connection, Session session) {}

  private final Path file;
  private final Duration maxWait;
  private final BlockingQueue<Reader> idle;
  private final Object lock = new Object();
  private boolean closed;
  /** Runs the second half of {@link #readBoth}; started on first use. */
  private ExecutorService helper;

  private ReadConnections(Path file, Duration maxWait, List<Reader> readers) {
    this.file = file;
    this.maxWait = maxWait;
    this.idle = new ArrayBlockingQueue<>(readers.size(), false, readers);
  }

  /** Connections to {@code url}, the JDBC address of {@code file} (named in errors). */
  static ReadConnections open(
      Path file, String url, SQLiteConfig config, int count, Duration maxWait) {
    List<Reader> readers = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        Connection connection = config.createConnection(url);
        readers.add(new Reader(connection, new Session(connection)));
        try (Statement statement = connection.createStatement()) {
          // a read connection that tried to write would be a bug: make SQLite refuse it
          statement.execute("PRAGMA query_only = 1");
        }
      }
      return new ReadConnections(file, maxWait, readers);
    } catch (SQLException e) {
      readers.forEach(reader -> closeQuietly(file, reader));
      throw SqliteErrors.storage("open", file, e);
    }
  }

  <T> T read(Function<Session, T> work) {
    Reader reader = borrow();
    try {
      return work.apply(reader.session());
    } catch (RuntimeException e) {
      throw SqliteErrors.translate("read", file, e);
    } finally {
      release(reader);
    }
  }

  /**
   * Runs both on read connections at once, {@code second} on a helper thread, and returns their
   * results in order. Neither holds a connection while it waits for the other, so reads made this
   * way never wait on each other for good.
   */
  <T> List<T> readBoth(Function<Session, T> first, Function<Session, T> second) {
    CompletableFuture<T> helped = CompletableFuture.supplyAsync(() -> read(second), helper());
    T firstResult;
    try {
      firstResult = read(first);
    } catch (RuntimeException e) {
      helped.cancel(false);
      throw e;
    }
    try {
      return List.of(firstResult, helped.join());
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : e;
    }
  }

  private ExecutorService helper() {
    synchronized (lock) {
      if (closed) {
        throw new StorageException("The memory database " + file + " is closed");
      }
      if (helper == null) {
        helper =
            Executors.newSingleThreadExecutor(
                runnable -> {
                  Thread thread = new Thread(runnable, "memory-db-reader " + file.getFileName());
                  thread.setDaemon(true);
                  return thread;
                });
      }
      return helper;
    }
  }

  private Reader borrow() {
    synchronized (lock) {
      if (closed) {
        throw new StorageException("The memory database " + file + " is closed");
      }
    }
    Reader reader;
    try {
      reader = idle.poll(maxWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("Interrupted while waiting to read the memory database " + file, e);
    }
    if (reader == null) {
      throw new StorageException(
          "Could not read the memory database " + file + ": no read connection came free within "
              + maxWait.toSeconds() + " s");
    }
    synchronized (lock) {
      if (closed) {
        closeQuietly(file, reader);
        throw new StorageException("The memory database " + file + " is closed");
      }
    }
    return reader;
  }

  private void release(Reader reader) {
    synchronized (lock) {
      if (closed) {
        closeQuietly(file, reader);
      } else {
        idle.add(reader);
      }
    }
  }

  /** Closes idle connections now and busy ones when their read ends. */
  @Override
  public void close() {
    List<Reader> drained = new ArrayList<>();
    synchronized (lock) {
      closed = true;
      idle.drainTo(drained);
      if (helper != null) {
        helper.shutdown();
      }
    }
    drained.forEach(reader -> closeQuietly(file, reader));
  }

  private static void closeQuietly(Path file, Reader reader) {
    reader.session().close();
    try {
      reader.connection().close();
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "Could not close a read connection to " + file, e);
    }
  }
}
