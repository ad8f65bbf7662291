package dev.claudememory.bench.corpus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that moves on by a fixed step at every reading, so memories stored through it are dated
 * apart over months, as a real history is, and the same on every build.
 */
final class SteppingClock extends Clock {
  private final Duration step;
  private Instant next;

  SteppingClock(Instant start, Duration step) {
    this.next = start;
    this.step = step;
  }

  @Override
  public synchronized Instant instant() {
    Instant now = next;
    next = next.plus(step);
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a stepping clock is UTC only");
  }
}
