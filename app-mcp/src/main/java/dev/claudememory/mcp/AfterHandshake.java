package dev.claudememory.mcp;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * When the background work of start-up (the object mapper, the database) may begin: once the
 * handshake is answered, or a call needs it first, or {@link #AT_THE_LATEST} after launch. Until
 * then the handshake has both cores to itself: the client waits on it, while its first tool call
 * comes later.
 */
final class AfterHandshake {
  static final Duration AT_THE_LATEST = Duration.ofMillis(500);

  private final CountDownLatch released = new CountDownLatch(1);

  /** Lets the background work begin (again a no-op once done). */
  void release() {
    released.countDown();
  }

  /** Waits until released, at most {@link #AT_THE_LATEST}; an interrupt ends it and is kept. */
  void await() {
    try {
      released.await(AT_THE_LATEST.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
