package dev.claudememory.testkit;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The fake server's time, in the API's resolution (microseconds). Every write is stamped strictly
 * after every earlier stamp and every {@code server_time} already answered, so {@code updated_at}
 * orders writes totally and a pull from an answered {@code server_time} misses nothing, whatever
 * the injected clock does (stand still, jump back).
 *
 * <p>Not thread-safe: {@link MemoryTable} guards it.
 */
final class Timeline {
  private final Clock clock;
  private Instant last = Instant.EPOCH;

  Timeline(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
  }

  /** A stamp for a write: the clock's reading, or one microsecond after the last stamp. */
  Instant stampWrite() {
    Instant now = read();
    last = now.isAfter(last) ? now : last.plus(1, ChronoUnit.MICROS);
    return last;
  }

  /**
   * The server time for a sync answer: the clock's reading, but never before a write already
   * stamped (that write is in the answer, and {@code since} is exclusive). Later writes are stamped
   * after it.
   */
  Instant serverTime() {
    Instant now = read();
    if (now.isAfter(last)) {
      last = now;
    }
    return last;
  }

  /** The clock's reading in the API's resolution, for a stamp set apart from the timeline. */
  Instant now() {
    return read();
  }

  private Instant read() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
