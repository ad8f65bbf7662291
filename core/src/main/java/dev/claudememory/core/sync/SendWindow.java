package dev.claudememory.core.sync;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a create whose answer never came may have made its copy on the server, on our clock: not
 * before it was sent, and not after its answer came back (an error) or the request must have
 * landed since the answer was given up on; with no end while the attempt's outcome is not known
 * (the process stopped during the call).
 */
public record SendWindow(Instant sentAt, Optional<Instant> landedBy) {
  /**
   * Room for the server's {@code created_at} and {@code server_time} coming from clocks a little
   * apart (the database's and the API's): a copy of this create missed for it is sent again, a
   * duplicate rather than a loss; a wider room would take more of other machines' copies made
   * just after.
   */
  private static final Duration CLOCK_SLACK = Duration.ofMillis(100);

  public SendWindow {
    requireNonNull(sentAt, "sentAt");
    requireNonNull(landedBy, "landedBy");
  }

  static SendWindow opened(Instant sentAt) {
    return new SendWindow(sentAt, Optional.empty());
  }

  SendWindow closedAt(Instant at) {
    return new SendWindow(sentAt, Optional.of(at));
  }

  /**
   * Whether a copy created at {@code created} on the server's clock cannot be this create's; false
   * when the server's clock is not known.
   */
  boolean excludes(Instant created, ServerClock serverClock) {
    Optional<Instant> from = serverClock.earliest(sentAt).map(at -> at.minus(CLOCK_SLACK));
    Optional<Instant> until = landedBy.flatMap(serverClock::latest).map(at -> at.plus(CLOCK_SLACK));
    return from.filter(created::isBefore).isPresent() || until.filter(created::isAfter).isPresent();
  }
}
