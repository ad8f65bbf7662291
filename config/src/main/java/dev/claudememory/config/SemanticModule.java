package dev.claudememory.config;

import dagger.Module;
import dagger.Provides;
import dev.claudememory.core.port.MemoryStore;
import dev.claudememory.core.recall.SemanticIndex;
import dev.claudememory.onnx.MiniLmModel;
import java.time.Clock;
import jakarta.inject.Singleton;

/**
 * Recall by meaning: the embedding model in a long-lived process, loaded in the background once
 * the service is made (after the MCP handshake), never in a short-lived command.
 */
@Module
final class SemanticModule {
  private SemanticModule() {}

  @Provides
  @Singleton
  static SemanticIndex semanticIndex(Settings settings, SyncRole role, MemoryStore store, Clock clock) {
    if (!settings.semantic()) {
      return SemanticIndex.off("recall by meaning is off (" + SettingsParser.SEMANTIC + "=off)");
    }
    if (role != SyncRole.BACKGROUND) {
      return SemanticIndex.off("the command line searches by words; the MCP server searches by meaning too");
    }
    SemanticIndex index =
        new SemanticIndex(
            store,
            new MiniLmModel(settings.home()),
            clock,
            settings.semanticUnloadAfter(),
            runnable -> {
              Thread thread = new Thread(runnable, "memory-meaning");
              thread.setDaemon(true);
              thread.setPriority(Thread.MIN_PRIORITY);
              return thread;
            });
    index.start();
    return index;
  }
}
