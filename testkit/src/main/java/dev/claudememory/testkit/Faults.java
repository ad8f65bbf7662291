package dev.claudememory.testkit;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The faults armed for the next requests. Each setter replaces the previous setting of its kind
 * (0 disarms it); each {@code take} consumes one use.
 *
 * <p>Thread-safe.
 */
final class Faults {
  private int resets;
  private int failures;
  private int failureStatus;
  private int drops;
  private int delays;
  private Duration delay = Duration.ZERO;
  private int unauthorized;
  private boolean alwaysUnauthorized;
  private boolean unauthorizedWindow;
  // System.nanoTime(), not the server's Clock: tests may stop that one
  private long unauthorizedUntil;
  private boolean crash;

  synchronized void resetConnections(int n) {
    resets = requireCount(n);
  }

  synchronized void failNext(int n, int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be an error, 400..599: " + status);
    }
    failures = requireCount(n);
    failureStatus = status;
  }

  synchronized void dropAnswersAfterCommit(int n) {
    drops = requireCount(n);
  }

  synchronized void delayAnswers(Duration by, int n) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative: " + by);
    }
    delays = requireCount(n);
    delay = by;
  }

  synchronized void answer401For(int n) {
    unauthorized = requireCount(n);
  }

  synchronized void setAnswer401(boolean on) {
    alwaysUnauthorized = on;
  }

  synchronized void answer401During(Duration window) {
    if (window.isNegative()) {
      throw new IllegalArgumentException("window must not be negative: " + window);
    }
    unauthorizedWindow = !window.isZero();
    unauthorizedUntil = System.nanoTime() + window.toNanos();
  }

  synchronized void crashAfterNextCommit() {
    crash = true;
  }

  synchronized boolean takeReset() {
    if (resets == 0) {
      return false;
    }
    resets--;
    return true;
  }

  synchronized OptionalInt takeFailure() {
    if (failures == 0) {
      return OptionalInt.empty();
    }
    failures--;
    return OptionalInt.of(failureStatus);
  }

  synchronized boolean takeDrop() {
    if (drops == 0) {
      return false;
    }
    drops--;
    return true;
  }

  synchronized boolean takeCrash() {
    boolean armed = crash;
    crash = false;
    return armed;
  }

  synchronized Optional<Duration> takeDelay() {
    if (delays == 0) {
      return Optional.empty();
    }
    delays--;
    return Optional.of(delay);
  }

  synchronized boolean takeUnauthorized() {
    if (alwaysUnauthorized) {
      return true;
    }
    if (unauthorizedWindow && System.nanoTime() - unauthorizedUntil < 0) {
      return true;
    }
    if (unauthorized == 0) {
      return false;
    }
    unauthorized--;
    return true;
  }

  private static int requireCount(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("count must not be negative: " + n);
    }
    return n;
  }
}
