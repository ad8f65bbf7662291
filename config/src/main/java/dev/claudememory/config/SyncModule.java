package dev.claudememory.config;

import dagger.Lazy;
import dagger.Module;
import dagger.Provides;
import dev.claudememory.core.port.MemoryStore;
import dev.claudememory.core.port.RemoteMemoryApi;
import dev.claudememory.core.sync.Backoff;
import dev.claudememory.core.sync.BackgroundSync;
import dev.claudememory.core.sync.ParallelPushes;
import dev.claudememory.core.sync.SyncEngine;
import dev.claudememory.core.sync.SyncOptions;
import dev.claudememory.core.sync.SyncScheduler;
import dev.claudememory.http.HttpRemoteMemoryApi;
import dev.claudememory.http.HttpTimeouts;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The remote API client (with an API key) and, in hybrid mode, the sync engine between it and the
 * local store, run in the background by processes that own that role.
 */
@Module
final class SyncModule {
  /** How often the sync thread looks at the queue between cycles (cheap: one local read). */
  private static final Duration TICK = Duration.ofSeconds(1);
  /** Requests sent at once: as many as the HTTP client keeps connections alive for. */
  private static final int PUSH_LANES = 4;
  /** New memories per import request: a queue of thousands drains in a few dozen requests. */
  private static final int CREATES_PER_IMPORT = 100;

  private SyncModule() {}

  /** The API client; present whenever an API key is set (hybrid and remote-only modes). */
  @Provides
  @Singleton
  static Optional<RemoteMemoryApi> remoteMemoryApi(Settings settings) {
    return settings
        .apiKey()
        .map(
            key ->
                HttpRemoteMemoryApi.create(
                    settings.apiUrl(), key, HttpTimeouts.withRecall(settings.recallTimeout())));
  }

  /** The engine syncing the local database; present in hybrid mode only. */
  @Provides
  @Singleton
  static Optional<SyncEngine> syncEngine(
      Settings settings, Optional<RemoteMemoryApi> api, Lazy<MemoryStore> store, Clock clock) {
    if (settings.mode() != Mode.HYBRID) {
      return Optional.empty();
    }
    return Optional.of(
        new SyncEngine(
            store.get(),
            api.orElseThrow(),
            clock,
            SyncOptions.defaults(settings.syncInterval()),
            new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), () -> ThreadLocalRandom.current().nextDouble()),
            ProcessLeaseIdentity.current(),
            ParallelPushes.onDaemonThreads(PUSH_LANES, CREATES_PER_IMPORT)));
  }

  @Provides
  @Singleton
  static BackgroundSync backgroundSync(
      Settings settings, SyncRole role, Optional<SyncEngine> engine, Clock clock) {
    if (engine.isEmpty() || role != SyncRole.BACKGROUND) {
      return BackgroundSync.NONE;
    }
    SyncScheduler scheduler =
        new SyncScheduler(
            engine.get(),
            clock,
            settings.syncInterval(),
            TICK,
            runnable -> {
              Thread thread = new Thread(runnable, "memory-sync");
              thread.setDaemon(true);
              return thread;
            });
    scheduler.start(); // in the background: start-up never waits on the network
    return scheduler;
  }
}
