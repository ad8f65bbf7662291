package dev.claudememory.config;

import dagger.Lazy;
import dagger.Module;
import dagger.Provides;
import dev.claudememory.core.port.MemoryStore;
import dev.claudememory.core.sync.SyncControl;
import dev.claudememory.core.sync.SyncEngine;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;

/**
 * Sync on demand and the dead letters, over the same engine as the background sync (the engine
 * runs one cycle at a time), so a process never competes with itself for the lease.
 */
@Module
final class SyncControlModule {
  private SyncControlModule() {}

  /** Present in hybrid mode, whatever the process's sync role. */
  @Provides
  @Singleton
  static Optional<SyncControl> syncControl(
      Optional<SyncEngine> engine, Lazy<MemoryStore> store, Clock clock) {
    return engine.map(syncEngine -> SyncControl.of(syncEngine, store.get(), clock));
  }
}
