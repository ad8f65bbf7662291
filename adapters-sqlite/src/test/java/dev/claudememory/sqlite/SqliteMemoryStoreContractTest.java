package dev.claudememory.sqlite;

import dev.claudememory.core.port.MemoryStore;
import dev.claudememory.core.port.MemoryStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The {@link MemoryStore} contract on a real SQLite file. */
class SqliteMemoryStoreContractTest extends MemoryStoreContract {
  @TempDir Path dir;

  @Override
  protected MemoryStore openStore() {
    return SqliteMemoryStore.open(dir.resolve("memory.db"));
  }

  @Override
  protected MemoryStore reopen(MemoryStore store) {
    store.close();
    return SqliteMemoryStore.open(dir.resolve("memory.db"));
  }
}
