package dev.claudememory.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.service.MemoryService;
import dev.claudememory.core.sync.SyncControl;
import dev.claudememory.core.sync.SyncNowResult;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sync control as the wired product offers it, on a real SQLite file. */
final class SyncControlWiringTest {
  private static final String KEY = "sk-test-control-KEY-DO-NOT-LEAK";
  // a closed loopback port: any request is refused at once
  private static final String UNREACHABLE = "http://127.0.0.1:1";

  @TempDir Path home;

  private MemoryComponent open(Map<String, String> environment, SyncRole role) {
    return ClaudeMemory.openComponent(SettingsParser.parse(environment, home), role);
  }

  @Test
  void syncControlIsOfferedInHybridModeOnlyWhateverTheRole() {
    MemoryComponent localOnly = open(Map.of(), SyncRole.QUEUE_ONLY);
    try (MemoryService service = localOnly.memoryService()) {
      assertThat(localOnly.syncControl()).isEmpty();
    }
    MemoryComponent remoteOnly =
        open(
            Map.of("MEMORY_API_KEY", KEY, "MEMORY_API_URL", UNREACHABLE, "MEMORY_SYNC_DISABLE", "1"),
            SyncRole.QUEUE_ONLY);
    try (MemoryService service = remoteOnly.memoryService()) {
      assertThat(remoteOnly.syncControl()).isEmpty();
    }
    for (SyncRole role : SyncRole.values()) {
      MemoryComponent hybrid = open(Map.of("MEMORY_API_KEY", KEY, "MEMORY_API_URL", UNREACHABLE), role);
      try (MemoryService service = hybrid.memoryService()) {
        assertThat(hybrid.syncControl()).as("role %s", role).isPresent();
      }
    }
  }

  @Test
  void syncNowAgainstAnUnreachableApiKeepsTheQueueAndSaysWhyWithoutTheKey() {
    MemoryComponent hybrid =
        open(Map.of("MEMORY_API_KEY", KEY, "MEMORY_API_URL", UNREACHABLE), SyncRole.QUEUE_ONLY);
    try (MemoryService service = hybrid.memoryService()) {
      service.store(NewMemory.of("kept until the API answers", "queue outage offline retry later"));
      SyncControl control = hybrid.syncControl().orElseThrow();

      SyncNowResult result = control.syncNow();

      assertThat(result).isInstanceOfSatisfying(SyncNowResult.Synced.class, synced -> {
        assertThat(synced.pushed()).isZero();
        assertThat(synced.failed()).isEqualTo(1);
        assertThat(synced.pulled()).isFalse();
        assertThat(synced.problem()).hasValueSatisfying(problem -> assertThat(problem).doesNotContain(KEY));
      });
      assertThat(control.status().pendingOps()).isEqualTo(1);
      assertThat(control.status().unsyncedMemories()).isEqualTo(1);
    }
  }
}
