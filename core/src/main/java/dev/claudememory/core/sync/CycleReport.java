package dev.claudememory.core.sync;

/**
 * What one sync cycle did.
 *
 * @param ran false when another process holds the lease or the key is refused
 * @param pulled whether the pull succeeded
 * @param full whether it was a full resync
 */
public record CycleReport(boolean ran, PushReport push, boolean pulled, boolean full) {
  static final CycleReport NOT_LEASE_HOLDER = new CycleReport(false, PushReport.NONE, false, false);
  static final CycleReport AUTH_FAILED = new CycleReport(false, PushReport.NONE, false, false);
}
