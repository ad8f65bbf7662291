package dev.claudememory.bench.process;

import static java.util.Objects.requireNonNull;

/** How a bounded wait on a server ended. */
sealed interface Waited permits Waited.Reached, Waited.NotReached {
  /** What was waited for happened; {@code at} is the {@link System#nanoTime()} of the answer that said so. */
  record Reached(long at) implements Waited {}

  /** It did not happen, for this reason. */
  record NotReached(String reason) implements Waited {
    public NotReached {
      requireNonNull(reason, "reason");
    }
  }
}
