package dev.claudememory.mcp;

import dev.claudememory.core.MemoryException;
import dev.claudememory.mcp.tools.Services;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The memory service, opened in the background so the handshake never waits for the database;
 * the first tool call waits for it. The open starts once the handshake is answered (or a tool
 * call comes first, or at the latest after {@link #START_AT_THE_LATEST}), so the handshake has
 * both cores to itself: the client waits on it, while its first tool call comes later.
 */
final class ServiceHandle implements AutoCloseable {
  /** Looked up when first needed: logging starts up slowly and the handshake needs none. */
  private static System.Logger log() {
    return System.getLogger(ServiceHandle.class.getName());
  }

  static final Duration START_AT_THE_LATEST = Duration.ofMillis(500);

  private final CompletableFuture<Services> opening;
  private final Duration openTimeout;
  private final CountDownLatch handshakeAnswered;

  private ServiceHandle(
      CompletableFuture<Services> opening, Duration openTimeout, CountDownLatch handshakeAnswered) {
    this.opening = opening;
    this.openTimeout = openTimeout;
    this.handshakeAnswered = handshakeAnswered;
  }

  /**
   * Opens the service on a background thread of its own once {@code handshakeAnswered} is counted
   * down, or after {@link #START_AT_THE_LATEST}.
   */
  static ServiceHandle openInBackground(
      Supplier<Services> opener, Duration openTimeout, CountDownLatch handshakeAnswered) {
    CompletableFuture<Services> opening = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                awaitQuietly(handshakeAnswered, START_AT_THE_LATEST);
                opening.complete(opener.get());
              } catch (RuntimeException | Error e) {
                opening.completeExceptionally(e);
              }
            },
            "memory-open");
    thread.setDaemon(true);
    thread.start();
    return new ServiceHandle(opening, openTimeout, handshakeAnswered);
  }

  /** Waits for the latch at most {@code bound}; an interrupt ends the wait early, and is kept. */
  static void awaitQuietly(CountDownLatch latch, Duration bound) {
    try {
      latch.await(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The open service.
   *
   * @throws MemoryException when it could not be opened (the message says why) or took too long
   */
  Services await() {
    handshakeAnswered.countDown(); // a call before the handshake's end: open now
    try {
      return opening.get(openTimeout.toMillis(), TimeUnit.MILLISECONDS);
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

  /** Closes the service once it is open; an open still under way is waited for first. */
  @Override
  public void close() {
    try {
      Services service = opening.get(openTimeout.toMillis(), TimeUnit.MILLISECONDS);
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
