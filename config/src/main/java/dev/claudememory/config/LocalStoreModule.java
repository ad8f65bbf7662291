package dev.claudememory.config;

import dagger.Module;
import dagger.Provides;
import dev.claudememory.core.port.MemoryStore;
import dev.claudememory.sqlite.SqliteMemoryStore;
import jakarta.inject.Singleton;

/** The local database: one store per component, since it owns the file's single writer. */
@Module
final class LocalStoreModule {
  private LocalStoreModule() {}

  /** Creates the file, or adopts a Python-version one, and migrates it (SPEC §5). */
  @Provides
  @Singleton
  static MemoryStore memoryStore(Settings settings) {
    return SqliteMemoryStore.open(settings.database());
  }
}
