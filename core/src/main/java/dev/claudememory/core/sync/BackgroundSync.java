package dev.claudememory.core.sync;

import java.util.Optional;

/** The background sync as the memory service sees it: woken by writes, asked for its status. */
public interface BackgroundSync extends SyncTrigger, AutoCloseable {
  /** No sync (local-only mode). */
  BackgroundSync NONE = of(SyncTrigger.NONE);

  /** What people see about sync; empty when there is none. */
  Optional<SyncStatus> status();

  /** Stops syncing; returns when the background work has ended. */
  @Override
  void close();

  /** A sync that is only a trigger, with no status (for tests and embedders). */
  static BackgroundSync of(SyncTrigger trigger) {
    return new BackgroundSync() {
      @Override
      public void wake() {
        trigger.wake();
      }

      @Override
      public Optional<SyncStatus> status() {
        return Optional.empty();
      }

      @Override
      public void close() {}
    };
  }
}
