package dev.claudememory.mcp;

import java.time.Duration;

/** Waiting, bounded, for something other processes bring about. */
final class Eventually {
  private static final Duration POLL = Duration.ofMillis(50);

  /** A check that may not hold yet. */
  interface Check {
    void run() throws Exception;
  }

  private Eventually() {}

  /** Repeats {@code check} until it passes; fails with its last failure after {@code bound}. */
  static void await(String what, Duration bound, Check check) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (true) {
      try {
        check.run();
        return;
      } catch (AssertionError | Exception notYet) {
        if (System.nanoTime() - deadline > 0) {
          throw new AssertionError("not within " + bound + ": " + what, notYet);
        }
      }
      Thread.sleep(POLL.toMillis());
    }
  }
}
