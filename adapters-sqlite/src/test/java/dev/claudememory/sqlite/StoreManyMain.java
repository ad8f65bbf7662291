package dev.claudememory.sqlite;

import dev.claudememory.core.memory.NewMemory;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A second process for {@link ConcurrentWritesTest}: says it is ready, waits for the go signal,
 * stores N memories and exits 0 (1 on any failure). It opens the store before saying it is ready
 * ({@code open-first}) or only on the go signal ({@code open-on-go}, so that several processes
 * create and migrate a new file at the same moment).
 *
 * <p>Arguments: database file, count, label, ready file to create, go file to wait for, mode.
 */
final class StoreManyMain {
  private static final System.Logger LOG = System.getLogger(StoreManyMain.class.getName());
  private static final Duration GO_WAIT = Duration.ofSeconds(120);

  private StoreManyMain() {}

  public static void main(String[] args) {
    try {
      run(
          Path.of(args[0]),
          Integer.parseInt(args[1]),
          args[2],
          Path.of(args[3]),
          Path.of(args[4]),
          "open-on-go".equals(args[5]));
    } catch (Exception | AssertionError e) {
      LOG.log(Level.ERROR, "storing failed", e);
      System.exit(1);
    }
    System.exit(0);
  }

  private static void run(
      Path file, int count, String label, Path ready, Path go, boolean openOnGo) throws Exception {
    if (openOnGo) {
      // load and warm SQLite, Flyway and jOOQ first, so that every process opens at the same moment
      SqliteMemoryStore.open(ready.resolveSibling(ready.getFileName() + "-warm-up.db")).close();
      Files.createFile(ready);
      awaitGo(go);
    }
    try (SqliteMemoryStore store = SqliteMemoryStore.open(file)) {
      if (!openOnGo) {
        Files.createFile(ready);
        awaitGo(go);
      }
      Instant now = Instant.parse("2026-02-01T00:00:00Z");
      for (int i = 0; i < count; i++) {
        String content = label + " memory " + i;
        store.write(writer -> writer.insert(NewMemory.of(content, "concurrency"), now));
      }
    }
  }

  private static void awaitGo(Path go) throws InterruptedException {
    long deadline = System.nanoTime() + GO_WAIT.toNanos();
    while (!Files.exists(go)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no go signal within " + GO_WAIT);
      }
      Thread.sleep(2);
    }
  }
}
