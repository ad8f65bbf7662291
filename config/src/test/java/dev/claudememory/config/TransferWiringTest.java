package dev.claudememory.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.memory.ImportedMemory;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.service.MemoryService;
import dev.claudememory.core.transfer.ImportProgress;
import dev.claudememory.core.transfer.ImportRecord;
import dev.claudememory.core.transfer.ImportReport;
import dev.claudememory.core.transfer.MemoryTransfer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export and import as the wired product offers them, on a real SQLite file. */
final class TransferWiringTest {
  private static final String KEY = "sk-test-transfer-KEY-DO-NOT-LEAK";
  // a closed loopback port: any request is refused at once
  private static final String UNREACHABLE = "http://127.0.0.1:1";

  @TempDir Path home;

  private MemoryComponent open(Map<String, String> environment) {
    return ClaudeMemory.openComponent(SettingsParser.parse(environment, home), SyncRole.QUEUE_ONLY);
  }

  @Test
  void transferIsOfferedWhereverThereIsALocalDatabase() {
    MemoryComponent localOnly = open(Map.of());
    try (MemoryService service = localOnly.memoryService()) {
      assertThat(localOnly.transfer()).isPresent();
    }
    MemoryComponent remoteOnly =
        open(Map.of("MEMORY_API_KEY", KEY, "MEMORY_API_URL", UNREACHABLE, "MEMORY_SYNC_DISABLE", "1"));
    try (MemoryService service = remoteOnly.memoryService()) {
      assertThat(remoteOnly.transfer()).isEmpty();
    }
  }

  @Test
  void importedMemoriesAreInTheServicesDatabaseAndQueuedForSync() {
    MemoryComponent hybrid = open(Map.of("MEMORY_API_KEY", KEY, "MEMORY_API_URL", UNREACHABLE));
    try (MemoryService service = hybrid.memoryService()) {
      MemoryTransfer transfer = hybrid.transfer().orElseThrow();
      ImportRecord record = ImportRecord.of(ImportedMemory.of(NewMemory.of("imported through the wiring", "wiring")));

      ImportReport report = transfer.importAll(List.of(record), ImportProgress.NONE);

      assertThat(report).isEqualTo(new ImportReport(1, 0));
      assertThat(service.count().total()).isEqualTo(1);
      assertThat(transfer.export(false).memories()).extracting(memory -> memory.content())
          .containsExactly("imported through the wiring");
      assertThat(hybrid.syncControl().orElseThrow().status().pendingOps()).isEqualTo(1);
    }
  }
}
