package dev.claudememory.sqlite;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How the writer retries a transaction that found the database locked by another process, after
 * SQLite's own busy timeout has already waited: exponential backoff with jitter, a bounded number
 * of attempts and a bounded total time.
 *
 * @param maxAttempts attempts in all, the first included
 * @param firstDelay the delay ceiling after the first failed attempt; it doubles after each one
 * @param maxDelay the largest delay ceiling
 * @param budget no retry starts once this much time has passed since the first attempt began
 */
record WriteRetry(int maxAttempts, Duration firstDelay, Duration maxDelay, Duration budget) {

  /** Ten attempts, 20 ms doubling to at most 1 s, within 30 s (plus one busy timeout). */
  static final WriteRetry DEFAULT =
      new WriteRetry(10, Duration.ofMillis(20), Duration.ofSeconds(1), Duration.ofSeconds(30));

  WriteRetry {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1; got " + maxAttempts);
    }
    if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0 || budget.isNegative()) {
      throw new IllegalArgumentException(
          "delays must satisfy 0 <= firstDelay <= maxDelay and budget >= 0");
    }
  }

  /**
   * The pause before the next attempt, or empty when the attempts or the time are used up. Equal
   * jitter (half the ceiling fixed, half random) spreads processes that collided apart without
   * ever retrying at once.
   *
   * @param failedAttempts attempts made so far, all failed
   * @param elapsed time since the first attempt began
   */
  Optional<Duration> delayAfter(int failedAttempts, Duration elapsed, RandomGenerator random) {
    if (failedAttempts >= maxAttempts) {
      return Optional.empty();
    }
    long ceiling = firstDelay.toNanos();
    for (int i = 1; i < failedAttempts && ceiling < maxDelay.toNanos(); i++) {
      ceiling *= 2;
    }
    ceiling = Math.min(ceiling, maxDelay.toNanos());
    long half = ceiling / 2;
    Duration delay = Duration.ofNanos(half + random.nextLong(ceiling - half + 1));
    if (elapsed.plus(delay).compareTo(budget) > 0) {
      return Optional.empty();
    }
    return Optional.of(delay);
  }
}
