package dev.claudememory.mcp;

import dev.claudememory.core.MemoryException;
import dev.claudememory.mcp.tools.Services;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The memory service, opened in the background so the handshake never waits for the database;
 * the first tool call waits for it. The open starts {@link AfterHandshake}. An open that failed is
 * tried again by the next call, so a file that was locked, unreadable or missing its folder at
 * first is used once it is fine, without a restart.
 */
final class ServiceHandle implements AutoCloseable {
  /** Looked up when first needed: logging starts up slowly and the handshake needs none. */
  private static System.Logger log() {
    return System.getLogger(ServiceHandle.class.getName());
  }

  private final Supplier<Services> opener;
  private final Duration openTimeout;
  private final AfterHandshake start;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Object lock = new Object();
  /** The latest open: under way, done, or failed (then replaced by the next call's). */
  private CompletableFuture<Services> opening;

  private ServiceHandle(Supplier<Services> opener, Duration openTimeout, AfterHandshake start) {
    this.opener = opener;
    this.openTimeout = openTimeout;
    this.start = start;
  }

  /** Opens the service on a background thread of its own, when {@code start} lets it. */
  static ServiceHandle openInBackground(
      Supplier<Services> opener, Duration openTimeout, AfterHandshake start) {
    ServiceHandle handle = new ServiceHandle(opener, openTimeout, start);
    synchronized (handle.lock) {
      handle.opening = handle.open();
    }
    return handle;
  }

  private CompletableFuture<Services> open() {
    CompletableFuture<Services> attempt = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                start.await();
                attempt.complete(opener.get());
              } catch (RuntimeException | Error e) {
                attempt.completeExceptionally(e);
              }
            },
            "memory-open");
    thread.setDaemon(true);
    thread.start();
    return attempt;
  }

  /**
   * The open service; when the last open failed, it is opened again first.
   *
   * @throws MemoryException when it could not be opened (the message says why) or took too long
   */
  Services await() {
    start.release(); // a call before the handshake's end: open now
    CompletableFuture<Services> attempt;
    synchronized (lock) {
      if (opening.isCompletedExceptionally()) {
        opening = open();
      }
      attempt = opening;
    }
    try {
      return attempt.get(openTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof MemoryException) {
        throw (MemoryException) e.getCause();
      }
      throw new MemoryException("the memory database could not be opened: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new MemoryException(
          "the memory database is still opening after " + openTimeout.toSeconds() + " s; try again");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MemoryException("interrupted while the memory database was opening", e);
    }
  }

  /**
   * Closes the service once it is open; an open still under way is waited for first. Closing again
   * does nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    CompletableFuture<Services> attempt;
    synchronized (lock) {
      attempt = opening;
    }
    try {
      Services service = attempt.get(openTimeout.toMillis(), TimeUnit.MILLISECONDS);
      service.close();
    } catch (ExecutionException e) {
      // it never opened: nothing to close
    } catch (TimeoutException e) {
      log().log(System.Logger.Level.WARNING, "the memory database was still opening at shutdown");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
