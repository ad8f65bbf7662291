package dev.claudememory.core.sync;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How the sync engine paces itself.
 *
 * @param interval time between full cycles (push then pull)
 * @param fullResyncEvery every n-th cycle pulls everything, deleted memories included, and checks
 *     that the server still holds every memory it confirmed
 * @param pullOverlap how far before the last cursor a pull starts again, to catch rows a
 *     concurrent transaction on the server committed late (upserts are idempotent)
 * @param leaseTtl how long the sync lease lasts unless renewed
 * @param batchSize ops read from the queue at a time
 * @param landingWindow how long a create may still land on the server after it was sent or its
 *     answer was given up on (the request may be on its way when the answer is lost or the process
 *     is killed): it is looked for there only after that
 */
public record SyncOptions(
    Duration interval,
    int fullResyncEvery,
    Duration pullOverlap,
    Duration leaseTtl,
    int batchSize,
    Duration landingWindow) {
  public SyncOptions {
    requireNonNull(interval, "interval");
    requireNonNull(pullOverlap, "pullOverlap");
    requireNonNull(leaseTtl, "leaseTtl");
    requireNonNull(landingWindow, "landingWindow");
    if (fullResyncEvery < 1 || batchSize < 1) {
      throw new IllegalArgumentException("fullResyncEvery and batchSize must be positive");
    }
  }

  /** Options that look for a create on the server as soon as its answer is lost. */
  public SyncOptions(
      Duration interval, int fullResyncEvery, Duration pullOverlap, Duration leaseTtl, int batchSize) {
    this(interval, fullResyncEvery, pullOverlap, leaseTtl, batchSize, Duration.ZERO);
  }

  /**
   * Reads 400 ops at a time: enough for four lanes of imports of a hundred new memories each, so a
   * long queue of new memories goes out four imports at a time. A request still on its way lands
   * within seconds; 5 s leave room for a busy server.
   */
  public static SyncOptions defaults(Duration interval) {
    return new SyncOptions(
        interval, 10, Duration.ofMinutes(2), Duration.ofSeconds(60), 400, Duration.ofSeconds(5));
  }
}
