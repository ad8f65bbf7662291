package dev.claudememory.sqlite;

import dev.claudememory.core.memory.NewMemory;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A second process for {@link SqliteBackupsTest}: opens the database as a server does, stores N
 * memories, says it is ready, and keeps the database open until it is killed (it never closes it,
 * so it leaves a write-ahead log behind, as a crashed server does).
 *
 * <p>Arguments: database file, count, ready file to create.
 */
final class HoldOpenMain {
  private static final System.Logger LOG = System.getLogger(HoldOpenMain.class.getName());

  private HoldOpenMain() {}

  public static void main(String[] args) throws InterruptedException {
    try {
      SqliteMemoryStore store = SqliteMemoryStore.open(Path.of(args[0]));
      Instant now = Instant.parse("2026-02-01T00:00:00Z");
      for (int i = 0; i < Integer.parseInt(args[1]); i++) {
        String content = "held memory " + i;
        store.write(writer -> writer.insert(NewMemory.of(content, "held"), now));
      }
      Files.createFile(Path.of(args[2]));
    } catch (Exception e) {
      LOG.log(Level.ERROR, "holding the database failed", e);
      System.exit(1);
    }
    Thread.sleep(Long.MAX_VALUE);
  }
}
