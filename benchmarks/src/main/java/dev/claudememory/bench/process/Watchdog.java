package dev.claudememory.bench.process;

import java.time.Duration;

/**
 * Bounds every wait on a server: while armed, a server that has not answered by the deadline is
 * killed, which ends the blocked read with end-of-stream. Arming and disarming are two volatile
 * writes, so the bound costs a round trip nothing measurable.
 */
final class Watchdog {
  private static final long IDLE = Long.MAX_VALUE;
  private static final long CHECK_EVERY_MILLIS = 50;

  private final Process process;
  private volatile long deadline = IDLE;
  private volatile boolean fired;

  Watchdog(Process process) {
    this.process = process;
    Thread thread = new Thread(this::watch, "watchdog-" + process.pid());
    thread.setDaemon(true);
    thread.start();
  }

  void arm(Duration bound) {
    deadline = System.nanoTime() + bound.toNanos();
  }

  void disarm() {
    deadline = IDLE;
  }

  /** Whether the server was killed for missing a deadline. */
  boolean fired() {
    return fired;
  }

  private void watch() {
    try {
      while (process.isAlive()) {
        Thread.sleep(CHECK_EVERY_MILLIS);
        long due = deadline;
        if (due != IDLE && System.nanoTime() - due > 0) {
          fired = true;
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
