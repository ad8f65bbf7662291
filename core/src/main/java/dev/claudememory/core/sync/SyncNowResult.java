package dev.claudememory.core.sync;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** What a sync on demand ({@link SyncControl#syncNow}) did. */
public sealed interface SyncNowResult {

  /**
   * The cycle ran.
   *
   * @param pushed changes the server took
   * @param failed changes that failed for now and wait for a later attempt (after the first,
   *     the rest of the queue waits too)
   * @param parked changes the server refused for good in this cycle
   * @param pulled whether the pull succeeded
   * @param fullResync whether the pull was a full one
   * @param problem why a push failed or the pull did not succeed, when one of them did not
   */
  record Synced(
      int pushed, int failed, int parked, boolean pulled, boolean fullResync, Optional<String> problem)
      implements SyncNowResult {
    public Synced {
      requireNonNull(problem, "problem");
    }
  }

  /**
   * Another process holds the sync lease and pushes within its own interval; nothing was sent.
   *
   * @param holder that process as the lease names it, for example {@code pid 1234 <uuid>}
   */
  record LeaseHeldElsewhere(String holder) implements SyncNowResult {
    public LeaseHeldElsewhere {
      requireNonNull(holder, "holder");
    }

    /** The holder without the unique suffix that tells processes of one pid apart. */
    public String process() {
      return holder.replaceFirst(" [0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$", "");
    }
  }

  /** The API refused the key; queued changes wait until it accepts one. */
  record KeyRefused(String reason) implements SyncNowResult {
    public KeyRefused {
      requireNonNull(reason, "reason");
    }
  }
}
