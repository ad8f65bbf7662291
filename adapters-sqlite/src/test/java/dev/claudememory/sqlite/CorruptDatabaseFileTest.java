package dev.claudememory.sqlite;

import static dev.claudememory.sqlite.Memories.T0;
import static dev.claudememory.sqlite.Memories.memory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudememory.core.StorageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Whatever is at the database path that is not a sound SQLite database is refused with a message
 * naming the file, and left byte for byte as it was, with nothing created beside it: no
 * write-ahead log, no journal, no backup.
 */
@Timeout(60)
class CorruptDatabaseFileTest {
  private static final long SEED = 20260301L;
  private static final int PAGE = 4096;

  @TempDir Path dir;

  /** Ways a file at the database path is not a database, or no longer a whole one. */
  enum Kind {
    TEXT_NOTES {
      @Override
      void write(Path file, Path scratch) throws IOException {
        BrokenFiles.notADatabase(file);
      }
    },
    RANDOM_BYTES {
      @Override
      void write(Path file, Path scratch) throws IOException {
        Files.write(file, randomBytes(20_000));
      }
    },
    SQLITE_HEADER_THEN_RANDOM_BYTES {
      @Override
      void write(Path file, Path scratch) throws IOException {
        byte[] bytes = randomBytes(20_000);
        byte[] header = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, bytes, 0, header.length);
        Files.write(file, bytes);
      }
    },
    TRUNCATED_TO_HALF {
      @Override
      void write(Path file, Path scratch) throws IOException {
        byte[] whole = realDatabase(scratch);
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));
      }
    },
    TRUNCATED_WITHIN_ITS_FIRST_PAGE {
      @Override
      void write(Path file, Path scratch) throws IOException {
        Files.write(file, Arrays.copyOf(realDatabase(scratch), 1000));
      }
    },
    EVERY_PAGE_BUT_THE_FIRST_OVERWRITTEN {
      @Override
      void write(Path file, Path scratch) throws IOException {
        BrokenFiles.damaged(file);
      }
    };

    abstract void write(Path file, Path scratch) throws IOException;
  }

  private static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    new Random(SEED).nextBytes(bytes);
    return bytes;
  }

  /** The bytes of a real memory database with a few hundred memories, closed cleanly. */
  private static byte[] realDatabase(Path scratch) throws IOException {
    Path file = scratch.resolve("real.db");
    try (SqliteMemoryStore store = SqliteMemoryStore.open(file)) {
      for (int i = 0; i < 300; i++) {
        String content = "a memory long enough to fill pages " + i + " " + "x".repeat(200);
        store.write(writer -> writer.insert(memory(content), T0));
      }
    }
    return Files.readAllBytes(file);
  }

  private static List<String> namesIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(file -> file.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void isRefusedNamingTheFileAndLeftByteForByteAsItWas(Kind kind) throws Exception {
    Path folder = Files.createDirectories(dir.resolve("memory"));
    Path file = folder.resolve("memory.db");
    kind.write(file, Files.createDirectories(dir.resolve("scratch")));
    byte[] before = Files.readAllBytes(file);

    for (int attempt = 0; attempt < 2; attempt++) {
      assertThatThrownBy(() -> SqliteMemoryStore.open(file))
          .as("opening %s", kind)
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("Could not open the memory database " + file)
          .hasMessageContaining("It was left as it is")
          .hasMessageContaining("MEMORY_DB")
          .satisfies(
              e ->
                  assertThat(e.getMessage())
                      .containsAnyOf("not an SQLite database", "the file is damaged"));
    }

    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(namesIn(folder)).containsExactly("memory.db");
  }

  @Test
  void aDatabaseDamagedBehindItsSchemaFailsReadsAndStoresClearlyAndIsNeverWritten()
      throws Exception {
    Path folder = Files.createDirectories(dir.resolve("memory"));
    Path file = folder.resolve("memory.db");
    byte[] whole = realDatabase(Files.createDirectories(dir.resolve("scratch")));
    // the schema and the tables' first pages come first; the memories fill the second half
    Arrays.fill(whole, whole.length / 2 / PAGE * PAGE, whole.length, (byte) 0x5a);
    Files.write(file, whole);

    try (SqliteMemoryStore store = SqliteMemoryStore.open(file)) {
      assertThatThrownBy(() -> store.recent(Optional.empty(), 1000))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("Could not read the memory database " + file)
          .hasMessageContaining("the file is damaged");
      assertThatThrownBy(() -> store.write(writer -> writer.insert(memory("one more"), T0)))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("Could not write to the memory database " + file)
          .hasMessageContaining("the file is damaged")
          .hasMessageContaining("restore a backup");
    }

    assertThat(Files.readAllBytes(file)).isEqualTo(whole);
    assertThat(namesIn(folder)).containsExactly("memory.db");
  }
}
