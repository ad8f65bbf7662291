package dev.claudememory.config;

import dagger.Lazy;
import dagger.Module;
import dagger.Provides;
import dev.claudememory.core.port.MemoryStore;
import dev.claudememory.core.sync.BackgroundSync;
import dev.claudememory.core.transfer.MemoryTransfer;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;

/** Export and import, over the local database the memory service uses. */
@Module
final class TransferModule {
  private TransferModule() {}

  /** Present whenever there is a local database: not in remote-only mode. */
  @Provides
  @Singleton
  static Optional<MemoryTransfer> memoryTransfer(
      Settings settings, Lazy<MemoryStore> store, Clock clock, Lazy<BackgroundSync> sync) {
    if (settings.mode() == Mode.REMOTE_ONLY) {
      return Optional.empty();
    }
    return Optional.of(new MemoryTransfer(store.get(), clock, sync.get()));
  }
}
