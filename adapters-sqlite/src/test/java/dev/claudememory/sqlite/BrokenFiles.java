package dev.claudememory.sqlite;

import static dev.claudememory.sqlite.Memories.T0;
import static dev.claudememory.sqlite.Memories.memory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/** Files that look like a memory database and are not one, as disks and people leave them. */
final class BrokenFiles {
  private static final int PAGE = 4096;

  private BrokenFiles() {}

  /** Text where the database should be. */
  static Path notADatabase(Path file) throws IOException {
    return Files.writeString(
        file, "these are my notes, not a database\n".repeat(200), StandardCharsets.UTF_8);
  }

  /**
   * A real memory database, then every page after the first (the header and schema) overwritten
   * with a pattern: SQLite opens it and finds it damaged.
   */
  static Path damaged(Path file) throws IOException {
    try (SqliteMemoryStore store = SqliteMemoryStore.open(file)) {
      for (int i = 0; i < 200; i++) {
        String content = "a memory long enough to fill pages " + i + " " + "x".repeat(200);
        store.write(writer -> writer.insert(memory(content), T0));
      }
    }
    byte[] garbage = new byte[PAGE];
    Arrays.fill(garbage, (byte) 0x5a);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      for (long page = 1; page * PAGE < channel.size(); page++) {
        channel.write(ByteBuffer.wrap(garbage), page * PAGE);
      }
    }
    return file;
  }
}
