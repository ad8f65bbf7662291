package dev.claudememory.core.sync;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What one sync cycle did.
 *
 * @param notRun why the cycle did not run; empty when it ran
 * @param pulled whether the pull succeeded
 * @param full whether it was a full resync
 */
public record CycleReport(Optional<NotRun> notRun, PushReport push, boolean pulled, boolean full) {
  static final CycleReport NOT_LEASE_HOLDER =
      new CycleReport(Optional.of(NotRun.LEASE_HELD_ELSEWHERE), PushReport.NONE, false, false);
  static final CycleReport AUTH_FAILED =
      new CycleReport(Optional.of(NotRun.KEY_REFUSED), PushReport.NONE, false, false);

  /** Why a cycle did not run. */
  public enum NotRun {
    /** Another process holds the sync lease: it syncs this database. */
    LEASE_HELD_ELSEWHERE,
    /** The API still refuses the key. */
    KEY_REFUSED
  }

  public CycleReport {
    requireNonNull(notRun, "notRun");
    requireNonNull(push, "push");
  }

  static CycleReport ran(PushReport push, boolean pulled, boolean full) {
    return new CycleReport(Optional.empty(), push, pulled, full);
  }

  public boolean ran() {
    return notRun.isEmpty();
  }
}
