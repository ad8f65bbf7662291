package dev.claudememory.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.config.ClaudeMemory;
import dev.claudememory.config.Settings;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.recall.ListQuery;
import dev.claudememory.core.recall.RecallQuery;
import dev.claudememory.core.service.MemoryService;
import dev.claudememory.core.service.StoreResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another JVM product embedding claude-memory, as the README shows it: outside the project's
 * packages, so only public API compiles here, and nothing but {@link ClaudeMemory}, {@link
 * Settings} and core types is used (no Dagger, no environment variables).
 */
class EmbeddingExampleTest {
  @TempDir Path dir;

  @Test
  void aProductStoresRecallsAndListsThroughTheEntryPointAndFindsItAllAfterReopening() {
    Path database = dir.resolve("app-data").resolve("memory.db");

    try (MemoryService memory = ClaudeMemory.open(Settings.local(database))) {
      StoreResult stored =
          memory.store(NewMemory.of("The release branch is cut on Tuesdays", "release schedule git cadence"));
      StoreResult again = memory.store(NewMemory.of("the release branch is cut  on TUESDAYS", ""));
      List<Memory> found = memory.recall(RecallQuery.of("release branch", "schedule")).memories();

      assertThat(stored.alreadyStored()).isFalse();
      assertThat(again.alreadyStored()).isTrue();
      assertThat(again.memory().id()).isEqualTo(stored.memory().id());
      assertThat(found).extracting(Memory::content).containsExactly("The release branch is cut on Tuesdays");
    }

    assertThat(Files.isRegularFile(database)).isTrue();
    try (MemoryService memory = ClaudeMemory.open(Settings.local(database))) {
      assertThat(memory.list(new ListQuery(Optional.empty(), 10))).hasSize(1);
      assertThat(memory.syncStatus()).isEmpty();
    }
  }

  @Test
  void settingsBuiltInCodeCanStoreTheSameContentTwice() {
    Settings settings = Settings.local(dir.resolve("memory.db")).withDuplicatesAllowed(true);

    try (MemoryService memory = ClaudeMemory.open(settings)) {
      memory.store(NewMemory.of("Kestrel deploys run on Fridays", "deploy"));
      StoreResult second = memory.store(NewMemory.of("Kestrel deploys run on Fridays", "deploy"));

      assertThat(second.alreadyStored()).isFalse();
      assertThat(memory.count().total()).isEqualTo(2);
    }
  }
}
