package dev.claudememory.config;

import dagger.Lazy;
import dagger.Module;
import dagger.Provides;
import dev.claudememory.core.port.MemoryStore;
import dev.claudememory.core.port.RemoteMemoryApi;
import dev.claudememory.core.recall.SemanticIndex;
import dev.claudememory.core.service.LocalFirstMemoryService;
import dev.claudememory.core.service.MemoryService;
import dev.claudememory.core.service.RemoteOnlyMemoryService;
import dev.claudememory.core.service.RemoteSharingService;
import dev.claudememory.core.service.ServerIds;
import dev.claudememory.core.service.SharingService;
import dev.claudememory.core.sync.BackgroundSync;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;

/**
 * The services the settings' mode calls for. Remote-only mode never opens the local database, so
 * the store is asked for lazily.
 */
@Module
final class MemoryServiceModule {
  private MemoryServiceModule() {}

  @Provides
  @Singleton
  static MemoryService memoryService(
      Settings settings,
      Optional<RemoteMemoryApi> api,
      Lazy<MemoryStore> store,
      Clock clock,
      Lazy<BackgroundSync> sync,
      Lazy<SemanticIndex> semantic) {
    if (settings.mode() == Mode.REMOTE_ONLY) {
      return new RemoteOnlyMemoryService(api.orElseThrow(), clock, settings.recallTimeout());
    }
    return new LocalFirstMemoryService(
        store.get(), clock, sync.get(), settings.duplicateContent(), semantic.get());
  }

  /** Sharing needs the server: present whenever an API key is set. */
  @Provides
  @Singleton
  static Optional<SharingService> sharingService(
      Settings settings, Optional<RemoteMemoryApi> api, Lazy<MemoryStore> store) {
    return api.map(
        remote ->
            new RemoteSharingService(
                remote,
                settings.mode() == Mode.REMOTE_ONLY ? ServerIds.identity() : ServerIds.of(store.get())));
  }
}
