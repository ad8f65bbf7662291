package dev.claudememory.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.memory.Timestamps;
import dev.claudememory.core.recall.RecallQuery;
import dev.claudememory.core.service.MemoryService;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wired product on a real SQLite file, as an embedder or an app gets it. */
final class MemoryComponentTest {
  private static final String KEY = "sk-test-KEY-DO-NOT-LEAK-123";

  @TempDir Path home;

  private static NewMemory stagingDatabase() {
    return NewMemory.of(
        "The staging database runs PostgreSQL 16 on port 5433",
        "staging postgres postgresql database port environment");
  }

  @Test
  void componentOnATempHomeStoresAndRecallsAMemoryInARealSqliteFile() {
    Settings settings = SettingsParser.parse(Map.of(), home);

    try (MemoryService service = DaggerMemoryComponent.factory().create(settings, SyncRole.BACKGROUND).memoryService()) {
      Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
      Memory stored = service.store(stagingDatabase()).memory();
      Instant after = Instant.now();
      List<Memory> found = service.recall(RecallQuery.of("staging database", "postgres port")).memories();

      // the wired clock is the real one, in UTC as every stored timestamp is
      assertThat(stored.createdAt()).endsWith("+00:00");
      assertThat(Timestamps.parse(stored.createdAt()))
          .hasValueSatisfying(createdAt -> assertThat(createdAt).isBetween(before, after));

      assertThat(found).extracting(Memory::id).containsExactly(stored.id());
      assertThat(found.get(0).content())
          .isEqualTo("The staging database runs PostgreSQL 16 on port 5433");
    }
    assertThat(home.resolve(".claude/claude-memory/memory/memory.db")).isNotEmptyFile();
  }

  @Test
  void aHybridServiceSyncsInTheBackgroundOnlyWhenAskedTo() {
    // a closed loopback port: any sync attempt is refused at once
    Settings hybrid =
        SettingsParser.parse(
            Map.of("MEMORY_API_KEY", "sk-test-role-KEY", "MEMORY_API_URL", "http://127.0.0.1:1"), home);

    try (MemoryService queueOnly = ClaudeMemory.open(hybrid, SyncRole.QUEUE_ONLY)) {
      queueOnly.store(stagingDatabase());
      assertThat(queueOnly.syncStatus()).isEmpty();
    }
    try (MemoryService background = ClaudeMemory.open(hybrid, SyncRole.BACKGROUND)) {
      assertThat(background.syncStatus())
          .hasValueSatisfying(status -> assertThat(status.unsyncedMemories()).isEqualTo(1));
    }
  }

  @Test
  void memoryServiceIsOneInstancePerComponent() {
    MemoryComponent component =
        DaggerMemoryComponent.factory().create(SettingsParser.parse(Map.of(), home), SyncRole.BACKGROUND);

    try (MemoryService service = component.memoryService()) {
      assertThat(component.memoryService()).isSameAs(service);
    }
  }

  @Test
  void memoriesStoredThroughClaudeMemorySurviveReopeningTheDatabase() {
    Settings settings =
        SettingsParser.parse(Map.of("MEMORY_DB", home.resolve("x/my.db").toString()), home);
    Memory stored;
    try (MemoryService service = ClaudeMemory.open(settings)) {
      stored = service.store(stagingDatabase()).memory();
    }

    try (MemoryService reopened = ClaudeMemory.open(settings)) {
      assertThat(reopened.get(stored.id())).map(Memory::content).contains(stored.content());
    }
    assertThat(home.resolve("x/my.db")).isNotEmptyFile();
  }

  @Test
  void hybridSettingsKeepEveryMemoryInTheLocalDatabase() {
    Settings settings = SettingsParser.parse(Map.of("MEMORY_API_KEY", KEY), home);

    try (MemoryService service = ClaudeMemory.open(settings)) {
      Memory stored = service.store(stagingDatabase()).memory();

      assertThat(service.get(stored.id())).isPresent();
      assertThat(service.count().total()).isEqualTo(1);
    }
  }

  @Test
  void remoteOnlyModeNeverOpensTheLocalDatabaseAndOffersSharing() {
    Settings settings =
        SettingsParser.parse(Map.of("MEMORY_API_KEY", KEY, "MEMORY_SYNC_DISABLE", "1"), home);

    MemoryComponent component = ClaudeMemory.openComponent(settings, SyncRole.BACKGROUND);
    try (MemoryService service = component.memoryService()) {
      assertThat(service.isRemoteOnly()).isTrue();
      assertThat(service.syncStatus()).isEmpty();
      assertThat(component.sharing()).isPresent();
    }
    assertThat(settings.database()).doesNotExist();
  }
}
