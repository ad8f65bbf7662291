package dev.claudememory.core.sync;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How long a failed push waits before its next attempt: exponential in the attempts, capped, with
 * jitter so that many queued ops (or many clients) do not retry in step.
 */
public final class Backoff {
  private final Duration base;
  private final Duration cap;
  private final DoubleSupplier random;

  /** @param random uniform in [0, 1), for the jitter */
  public Backoff(Duration base, Duration cap, DoubleSupplier random) {
    this.base = base;
    this.cap = cap;
    this.random = random;
  }

  /** The wait after the {@code attempts}-th failed attempt: between half and all of the step. */
  public Duration delayAfter(int attempts) {
    int exponent = Math.max(0, Math.min(attempts - 1, 30));
    long step = Math.min(cap.toMillis(), base.toMillis() << exponent);
    long half = step / 2;
    return Duration.ofMillis(half + (long) (random.getAsDouble() * (step - half)));
  }
}
