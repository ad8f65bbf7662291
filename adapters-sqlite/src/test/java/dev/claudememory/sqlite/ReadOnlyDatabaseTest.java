package dev.claudememory.sqlite;

import static dev.claudememory.sqlite.Memories.T0;
import static dev.claudememory.sqlite.Memories.memory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.claudememory.core.StorageException;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.recall.SearchTerms;
import dev.claudememory.core.recall.SortBy;
import dev.claudememory.testkit.PythonDatabases;
import dev.claudememory.testkit.ReadOnlyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database this process may only read, because the file or its folder is read-only: it is still
 * opened and read, every store is refused with a message that says why and what to do, and nothing
 * about the file changes, not even files beside it.
 */
@Timeout(60)
class ReadOnlyDatabaseTest {
  private static final String HERON = SearchTerms.of("heron", "").allWordsQuery();

  @TempDir Path dir;
  private final ReadOnlyFiles readOnlyFiles = new ReadOnlyFiles();

  @AfterEach
  void giveWriteAccessBack() throws Exception {
    readOnlyFiles.close();
  }

  private Path folder() throws IOException {
    return Files.createDirectories(dir.resolve("memory"));
  }

  private static List<Memory> storeThree(Path file) {
    try (SqliteMemoryStore store = SqliteMemoryStore.open(file)) {
      return Stream.of("kept heron one", "kept heron two", "kept heron three")
          .map(content -> store.write(writer -> writer.insert(memory(content), T0)))
          .collect(Collectors.toList());
    }
  }

  private static List<String> namesIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(file -> file.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  private static void assertServesReadsAndRefusesStores(
      Path file, List<Memory> stored, String... refusalWords) {
    try (SqliteMemoryStore store = SqliteMemoryStore.open(file)) {
      assertThat(store.find(stored.get(0).id())).contains(stored.get(0));
      assertThat(store.recent(Optional.empty(), 10)).containsExactlyInAnyOrderElementsOf(stored);
      assertThat(store.search(HERON, Optional.empty(), SortBy.RELEVANCE, 10))
          .hasSize(3);
      assertThat(store.counts().total()).isEqualTo(3);

      assertThatThrownBy(() -> store.write(writer -> writer.insert(memory("refused heron"), T0)))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("Could not write to the memory database " + file)
          .hasMessageContaining("nothing was stored")
          .hasMessageContaining("reading it still works")
          .hasMessageContainingAll(refusalWords);
      // a refused store leaves reading as it was
      assertThat(store.counts().total()).isEqualTo(3);
    }
  }

  @Test
  void aReadOnlyFileIsReadAndEveryStoreIsRefusedWithoutChangingIt() throws Exception {
    Path file = folder().resolve("memory.db");
    List<Memory> stored = storeThree(file);
    assumeTrue(readOnlyFiles.makeReadOnly(file), "cannot make files read-only on this machine");
    byte[] before = Files.readAllBytes(file);
    String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(file));

    assertServesReadsAndRefusesStores(
        file, stored, "the file is read-only for this user", "chmod u+w " + file, "MEMORY_DB");

    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo(mode);
    assertThat(namesIn(file.getParent())).containsExactly("memory.db");
  }

  @Test
  void aDatabaseInAReadOnlyFolderIsReadAndEveryStoreIsRefusedWithoutChangingIt() throws Exception {
    Path file = folder().resolve("memory.db");
    List<Memory> stored = storeThree(file);
    assumeTrue(readOnlyFiles.makeReadOnly(file.getParent()), "cannot make files read-only on this machine");
    byte[] before = Files.readAllBytes(file);

    assertServesReadsAndRefusesStores(
        file,
        stored,
        "its folder " + file.getParent() + " is read-only",
        "chmod u+w " + file.getParent());

    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(namesIn(file.getParent())).containsExactly("memory.db");
  }

  @Test
  void storesWorkAgainOnceTheFileIsWritableAgain() throws Exception {
    Path file = folder().resolve("memory.db");
    List<Memory> stored = storeThree(file);
    assumeTrue(readOnlyFiles.makeReadOnly(file), "cannot make files read-only on this machine");
    assertServesReadsAndRefusesStores(file, stored, "read-only");

    readOnlyFiles.makeWritable(file);

    try (SqliteMemoryStore store = SqliteMemoryStore.open(file)) {
      Memory added = store.write(writer -> writer.insert(memory("stored once writable"), T0));
      assertThat(store.find(added.id())).contains(added);
      assertThat(store.counts().total()).isEqualTo(4);
    }
  }

  @Test
  void aReadOnlyFileThatNeedsAMigrationIsRefusedAndLeftAsItIs() throws Exception {
    Path file = PythonDatabases.create(folder().resolve("memory.db"), PythonDatabases.Fixture.V2);
    assumeTrue(readOnlyFiles.makeReadOnly(file), "cannot make files read-only on this machine");
    byte[] before = Files.readAllBytes(file);

    assertThatThrownBy(() -> SqliteMemoryStore.open(file))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("Could not open the memory database " + file)
        .hasMessageContaining("the file is read-only for this user")
        .hasMessageContaining("left as it is")
        .hasMessageContaining("chmod u+w " + file);

    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(namesIn(file.getParent())).containsExactly("memory.db");
  }

  @Test
  void aNewDatabaseInAReadOnlyFolderIsRefusedNamingTheFolder() throws Exception {
    Path folder = folder();
    assumeTrue(readOnlyFiles.makeReadOnly(folder), "cannot make files read-only on this machine");
    Path file = folder.resolve("memory.db");

    assertThatThrownBy(() -> SqliteMemoryStore.open(file))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("Could not prepare the memory database " + file)
        .hasMessageContaining("this user may not create " + file)
        .hasMessageContaining("owner and permissions of " + folder)
        .hasMessageNotContaining("Exception");

    assertThat(namesIn(folder)).isEmpty();
  }
}
