package dev.claudememory.config;

import dagger.Module;
import dagger.Provides;
import dev.claudememory.core.port.MemoryStore;
import dev.claudememory.core.port.RemoteMemoryApi;
import dev.claudememory.core.sync.Backoff;
import dev.claudememory.core.sync.BackgroundSync;
import dev.claudememory.core.sync.SyncEngine;
import dev.claudememory.core.sync.SyncOptions;
import dev.claudememory.core.sync.SyncScheduler;
import dev.claudememory.http.HttpRemoteMemoryApi;
import dev.claudememory.http.HttpTimeouts;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** The remote API client and, in hybrid mode, the background sync between it and the store. */
@Module
final class SyncModule {
  /** How often the sync thread looks at the queue between cycles (cheap: one local read). */
  private static final Duration TICK = Duration.ofSeconds(1);

  private SyncModule() {}

  @Provides
  @Singleton
  static BackgroundSync backgroundSync(
      Settings settings, SyncRole role, MemoryStore store, Clock clock) {
    if (settings.mode() != Mode.HYBRID || role != SyncRole.BACKGROUND) {
      return BackgroundSync.NONE;
    }
    RemoteMemoryApi api =
        HttpRemoteMemoryApi.create(
            settings.apiUrl(), settings.apiKey().orElseThrow(), HttpTimeouts.withRecall(settings.recallTimeout()));
    SyncEngine engine =
        new SyncEngine(
            store,
            api,
            clock,
            SyncOptions.defaults(settings.syncInterval()),
            new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), () -> ThreadLocalRandom.current().nextDouble()),
            "pid " + ProcessHandle.current().pid() + " " + UUID.randomUUID());
    SyncScheduler scheduler =
        new SyncScheduler(
            engine,
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
