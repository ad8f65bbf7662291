package dev.claudememory.config;

import dagger.BindsInstance;
import dagger.Component;
import dev.claudememory.core.service.MemoryService;
import dev.claudememory.core.service.SharingService;
import dev.claudememory.core.sync.SyncControl;
import dev.claudememory.core.transfer.MemoryTransfer;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The object graph of one running product: settings in, the memory service out. One component owns
 * one database; closing its {@link MemoryService} closes the database.
 */
@Singleton
@Component(
    modules = {
      CoreModule.class,
      LocalStoreModule.class,
      SyncModule.class,
      SyncControlModule.class,
      TransferModule.class,
      SemanticModule.class,
      MemoryServiceModule.class
    })
public interface MemoryComponent {

  /** The memory service for the settings' mode; the same instance on every call. */
  MemoryService memoryService();

  /** Sharing with other users of the memory API; present when an API key is set. */
  Optional<SharingService> sharing();

  /** Sync diagnostics and control (sync now, parked ops); present in hybrid mode. */
  Optional<SyncControl> syncControl();

  /** Export and import of the local database; present unless in remote-only mode. */
  Optional<MemoryTransfer> transfer();

  /** Builds a component from settings. */
  @Component.Factory
  interface Factory {
    MemoryComponent create(@BindsInstance Settings settings, @BindsInstance SyncRole role);
  }
}
