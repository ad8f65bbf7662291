package dev.claudememory.core.sync;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.memory.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How far the server's clock is ahead of ours, read from a sync answer's {@code server_time}: the
 * server read its clock after we asked and before its answer came, so it is ahead by at least
 * {@code server_time} minus when the answer came, and at most {@code server_time} minus when we
 * asked.
 *
 * @param aheadAtLeast absent when the server's time could not be read
 * @param aheadAtMost absent exactly when {@code aheadAtLeast} is
 */
record ServerClock(Optional<Duration> aheadAtLeast, Optional<Duration> aheadAtMost) {
  ServerClock {
    requireNonNull(aheadAtLeast, "aheadAtLeast");
    requireNonNull(aheadAtMost, "aheadAtMost");
    if (aheadAtLeast.isPresent() != aheadAtMost.isPresent()
        || aheadAtLeast.filter(least -> least.compareTo(aheadAtMost.orElseThrow()) > 0).isPresent()) {
      throw new IllegalArgumentException("not a range: " + aheadAtLeast + " to " + aheadAtMost);
    }
  }

  /** The server's clock as {@code serverTime} shows it, in an answer asked for and received then. */
  static ServerClock read(String serverTime, Instant asked, Instant answered) {
    Optional<Instant> server = Timestamps.parse(serverTime);
    return new ServerClock(
        server.map(at -> Duration.between(answered.isBefore(asked) ? asked : answered, at)),
        server.map(at -> Duration.between(asked, at)));
  }

  /** The earliest the server's clock can have shown at our moment {@code ours}; absent if unknown. */
  Optional<Instant> earliest(Instant ours) {
    return aheadAtLeast.map(ours::plus);
  }

  /** The latest the server's clock can have shown at our moment {@code ours}; absent if unknown. */
  Optional<Instant> latest(Instant ours) {
    return aheadAtMost.map(ours::plus);
  }
}
