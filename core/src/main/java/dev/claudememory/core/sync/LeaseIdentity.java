package dev.claudememory.core.sync;

import static java.util.Objects.requireNonNull;

/**
 * A process's name in the sync lease, and how it tells that the process named in someone else's
 * lease has ended. A process killed while holding the lease never gives it up; without this, the
 * others on its database would wait the whole lease out before syncing again.
 */
public interface LeaseIdentity {
  /** This process's name in the lease, unique among processes. */
  String name();

  /**
   * Whether the process named {@code holder} has certainly ended. False whenever that cannot be
   * told: then its lease runs out by itself.
   */
  boolean hasEnded(String holder);

  /** A name that never judges another holder ended: their leases always run out by themselves. */
  static LeaseIdentity named(String name) {
    requireNonNull(name, "name");
    return new LeaseIdentity() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean hasEnded(String holder) {
        return false;
      }
    };
  }
}
