package dev.claudememory.core.sync;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How the sync engine paces itself.
 *
 * @param interval time between full cycles (push then pull)
 * @param fullResyncEvery every n-th cycle pulls everything and drops what the server lost
 * @param pullOverlap how far before the last cursor a pull starts again, to catch rows a
 *     concurrent transaction on the server committed late (upserts are idempotent)
 * @param leaseTtl how long the sync lease lasts unless renewed
 * @param batchSize ops read from the queue at a time
 */
public record SyncOptions(
    Duration interval, int fullResyncEvery, Duration pullOverlap, Duration leaseTtl, int batchSize) {
  public SyncOptions {
    requireNonNull(interval, "interval");
    requireNonNull(pullOverlap, "pullOverlap");
    requireNonNull(leaseTtl, "leaseTtl");
    if (fullResyncEvery < 1 || batchSize < 1) {
      throw new IllegalArgumentException("fullResyncEvery and batchSize must be positive");
    }
  }

  /**
   * Reads 400 ops at a time: enough for four lanes of imports of a hundred new memories each, so a
   * long queue of new memories goes out four imports at a time.
   */
  public static SyncOptions defaults(Duration interval) {
    return new SyncOptions(interval, 10, Duration.ofMinutes(2), Duration.ofSeconds(60), 400);
  }
}
