package dev.claudememory.config;

import dagger.Module;
import dagger.Provides;
import dev.claudememory.core.port.MemoryStore;
import dev.claudememory.sqlite.PreMigrationBackups;
import dev.claudememory.sqlite.SqliteMemoryStore;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The local database: one store per component, since it owns the file's single writer. */
@Module
final class LocalStoreModule {
  private LocalStoreModule() {}

  /**
   * Creates the file, or adopts a Python-version one, and migrates it (SPEC §5); a file with data
   * is copied to {@code MEMORY_HOME/backups} before a migration changes it.
   */
  @Provides
  @Singleton
  static MemoryStore memoryStore(Settings settings, Clock clock) {
    return SqliteMemoryStore.open(
        settings.database(), PreMigrationBackups.in(Maintenance.backupFolder(settings), clock));
  }
}
