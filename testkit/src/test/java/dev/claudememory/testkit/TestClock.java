package dev.claudememory.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands still until moved, and can run an action inside its next reading (to put a
 * write between the server's reading of the time and what it does next).
 */
final class TestClock extends Clock {
  private Instant now;
  private Runnable duringNextRead;

  TestClock(Instant start) {
    this.now = start;
  }

  synchronized void advance(Duration by) {
    now = now.plus(by);
  }

  synchronized void set(Instant instant) {
    now = instant;
  }

  /**
   * Runs {@code action} during the next reading, after the value to answer is taken and with the
   * clock moved one second on, so what the action stamps is later than that reading.
   */
  synchronized void duringNextRead(Runnable action) {
    duringNextRead = action;
  }

  @Override
  public Instant instant() {
    Instant reading;
    Runnable action;
    synchronized (this) {
      reading = now;
      action = duringNextRead;
      duringNextRead = null;
      if (action != null) {
        now = now.plusSeconds(1);
      }
    }
    if (action != null) {
      action.run();
    }
    return reading;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the fake server reads instants only");
  }
}
