package dev.claudememory.config;

import dagger.Module;
import dagger.Provides;
import dev.claudememory.core.port.MemoryStore;
import dev.claudememory.core.service.LocalFirstMemoryService;
import dev.claudememory.core.service.MemoryService;
import dev.claudememory.core.sync.BackgroundSync;
import jakarta.inject.Singleton;
import java.lang.System.Logger.Level;
import java.time.Clock;

/** The memory service the settings' mode calls for. */
@Module
final class MemoryServiceModule {
  private static final System.Logger LOG = System.getLogger(MemoryServiceModule.class.getName());

  private MemoryServiceModule() {}

  @Provides
  @Singleton
  static MemoryService memoryService(
      Settings settings, MemoryStore store, Clock clock, BackgroundSync sync) {
    if (settings.mode() == Mode.REMOTE_ONLY) {
      // There is no remote-only service yet; serving from the local database keeps every write,
      // and the warning tells the user their setting is not honoured rather than hiding it.
      LOG.log(
          Level.WARNING,
          "MEMORY_SYNC_DISABLE=1 asks for remote-only mode, which this version does not offer yet;"
              + " memories are kept in the local database {0}",
          settings.database());
    }
    return new LocalFirstMemoryService(store, clock, sync);
  }
}
