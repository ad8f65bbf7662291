package dev.claudememory.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.claudememory.cli.CliProcess.Result;
import dev.claudememory.testkit.ReadOnlyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The command on a database it cannot write or cannot use: a read-only file or folder still
 * answers recall, list, get and count, while store fails with the reason and what to do; a file at
 * {@code MEMORY_DB} that is not a sound database fails every command with a message naming it,
 * and is left byte for byte as it was. Never a stack trace.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
final class DiskTroubleIT {
  private static final long SEED = 20260301L;

  @TempDir Path folder;
  private final ReadOnlyFiles readOnlyFiles = new ReadOnlyFiles();
  private CliProcess cli;

  @BeforeEach
  void useATemporaryHome() {
    cli = new CliProcess(folder);
  }

  @AfterEach
  void giveWriteAccessBack() throws Exception {
    readOnlyFiles.close();
  }

  private static Result run(CliProcess cli, int expectedExit, String... arguments)
      throws Exception {
    Result result = cli.run(arguments);
    assertThat(result.exitCode()).as("%s", result).isEqualTo(expectedExit);
    assertThat(result.stderr()).as("%s", result).doesNotContain("\tat ").doesNotContain("Exception");
    return result;
  }

  private static List<String> namesIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(file -> file.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  /** What a {@code MEMORY_HOME} holds besides {@code native}, which the first command may create. */
  private static List<String> namesBesideTheNativeLibrary(Path home) throws IOException {
    List<String> names = new ArrayList<>(namesIn(home));
    names.remove("native");
    return names;
  }

  private void storeTwo() throws Exception {
    run(cli, 0, "store", "Kestrel deploys run on Fridays", "-k", "kestrel deploy friday release");
    run(cli, 0, "store", "Kestrel builds need Java 17", "-k", "kestrel build java jdk toolchain");
  }

  private void assertReadsWorkAndStoreIsRefused(String... reasonWords) throws Exception {
    Path database = cli.database();

    Result store = run(cli, 1, "store", "A memory for a read-only file", "-k", "refused");
    assertThat(store.stdout()).isEmpty();
    assertThat(store.stderr())
        .startsWith("claude-memory: Could not write to the memory database " + database + ": ")
        .contains("so nothing was stored; reading it still works")
        .contains(reasonWords);

    assertThat(run(cli, 0, "recall", "kestrel").stdout())
        .contains("Kestrel deploys run on Fridays")
        .contains("Kestrel builds need Java 17");
    assertThat(run(cli, 0, "list").stdout())
        .contains("Kestrel deploys run on Fridays")
        .contains("Kestrel builds need Java 17");
    assertThat(run(cli, 0, "get", "1").stdout()).contains("Kestrel deploys run on Fridays");
    assertThat(run(cli, 0, "count").stdout()).contains("Local memories: 2");
  }

  @Test
  void aReadOnlyDatabaseAnswersReadsRefusesStoreAndStaysAsItWas() throws Exception {
    storeTwo();
    Path database = cli.database();
    assumeTrue(readOnlyFiles.makeReadOnly(database), "cannot make files read-only on this machine");
    byte[] before = Files.readAllBytes(database);

    assertReadsWorkAndStoreIsRefused(
        "the file is read-only for this user", "chmod u+w " + database, "MEMORY_DB");

    assertThat(Files.readAllBytes(database)).isEqualTo(before);
    assertThat(namesIn(database.getParent())).containsExactly("memory.db");

    readOnlyFiles.makeWritable(database);
    run(cli, 0, "store", "Stored once the file is writable again", "-k", "writable again");
    assertThat(run(cli, 0, "count").stdout()).contains("Local memories: 3");
  }

  @Test
  void aDatabaseInAReadOnlyFolderAnswersReadsRefusesStoreAndStaysAsItWas() throws Exception {
    storeTwo();
    Path database = cli.database();
    assumeTrue(readOnlyFiles.makeReadOnly(database.getParent()), "cannot make files read-only on this machine");
    byte[] before = Files.readAllBytes(database);

    assertReadsWorkAndStoreIsRefused(
        "its folder " + database.getParent() + " is read-only for this user",
        "chmod u+w " + database.getParent());

    assertThat(Files.readAllBytes(database)).isEqualTo(before);
    assertThat(namesIn(database.getParent())).containsExactly("memory.db");
  }

  /** Things found at the database path that are not a sound database. */
  enum Intruder {
    TEXT_NOTES("not an SQLite database") {
      @Override
      void put(Path file, CliProcess cli) throws IOException {
        Files.writeString(file, "my notes, not a database\n".repeat(100), StandardCharsets.UTF_8);
      }
    },
    RANDOM_BYTES("not an SQLite database") {
      @Override
      void put(Path file, CliProcess cli) throws IOException {
        byte[] bytes = new byte[50_000];
        new Random(SEED).nextBytes(bytes);
        Files.write(file, bytes);
      }
    },
    TRUNCATED_DATABASE("the file is damaged") {
      @Override
      void put(Path file, CliProcess cli) throws Exception {
        run(cli, 0, "store", "Kestrel deploys run on Fridays", "-k", "kestrel deploy friday");
        byte[] whole = Files.readAllBytes(cli.database());
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));
      }
    },
    FOLDER("is a folder, not a file") {
      @Override
      void put(Path file, CliProcess cli) throws IOException {
        Files.createDirectory(file);
        Files.writeString(file.resolve("inside.txt"), "kept");
      }
    };

    final String reason;

    Intruder(String reason) {
      this.reason = reason;
    }

    abstract void put(Path file, CliProcess cli) throws Exception;
  }

  @ParameterizedTest
  @EnumSource(Intruder.class)
  void everyCommandRefusesWhatIsNotASoundDatabaseNamingItAndLeavesItAsItWas(Intruder intruder)
      throws Exception {
    Path elsewhere = Files.createDirectories(folder.resolve("elsewhere"));
    Path file = elsewhere.resolve("memory.db");
    intruder.put(file, cli);
    CliProcess onIntruder = cli.with("MEMORY_DB", file.toString());
    byte[] before = Files.isDirectory(file) ? new byte[0] : Files.readAllBytes(file);
    List<String> home = namesBesideTheNativeLibrary(Files.createDirectories(folder.resolve("memory-home")));

    for (String[] command :
        List.of(
            new String[] {"store", "A memory with nowhere to go", "-k", "refused"},
            new String[] {"recall", "memory"},
            new String[] {"list"},
            new String[] {"count"})) {
      Result result = run(onIntruder, 1, command);
      assertThat(result.stdout()).as("%s", result).isEmpty();
      assertThat(result.stderr())
          .as("%s", result)
          .startsWith("claude-memory: Could not open the memory database " + file + ": ")
          .contains(intruder.reason)
          .contains("MEMORY_DB");
    }

    if (Files.isDirectory(file)) {
      assertThat(namesIn(file)).containsExactly("inside.txt");
    } else {
      assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }
    assertThat(namesIn(elsewhere)).containsExactly("memory.db");
    assertThat(namesBesideTheNativeLibrary(folder.resolve("memory-home"))).as("no backup was taken").isEqualTo(home);
  }

  /** Every file under a folder, by path, with its bytes' last change. */
  private static Map<Path, FileTime> filesIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      Map<Path, FileTime> found = new TreeMap<>();
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        found.put(folder.relativize(file), Files.getLastModifiedTime(file));
      }
      return found;
    }
  }

  @Test
  void commandsWorkWhenTheTemporaryFolderCannotBeWrittenAndTheNativeLibraryIsExtractedOnce() throws Exception {
    Path temporary = Files.createDirectories(folder.resolve("full-tmp"));
    assumeTrue(readOnlyFiles.makeReadOnly(temporary), "cannot make files read-only on this machine");
    CliProcess noTemporaryFolder = cli.withJvmOptions("-Djava.io.tmpdir=" + temporary);
    Path nativeFolder = folder.resolve("memory-home").resolve("native");

    run(noTemporaryFolder, 0, "store", "Kestrel deploys run on Fridays");
    Map<Path, FileTime> extracted = filesIn(nativeFolder);
    Result recalled = run(noTemporaryFolder, 0, "recall", "kestrel");
    Result listed = run(noTemporaryFolder, 0, "list");

    assertThat(recalled.stdout()).contains("Kestrel deploys run on Fridays");
    assertThat(listed.stdout()).contains("Kestrel deploys run on Fridays");
    assertThat(recalled.stderr() + listed.stderr()).isEmpty();
    assertThat(extracted).as("one native library, in a folder named by its checksum").hasSize(1);
    assertThat(extracted.keySet().iterator().next().getFileName().toString()).startsWith("libsqlitejdbc");
    assertThat(filesIn(nativeFolder)).as("kept, not written again").isEqualTo(extracted);
    assertThat(namesIn(temporary)).isEmpty();
  }

  @Test
  void aDamagedNativeLibraryIsReplacedBeforeItIsLoaded() throws Exception {
    run(cli, 0, "store", "Kestrel deploys run on Fridays");
    Path library;
    try (Stream<Path> files = Files.walk(folder.resolve("memory-home").resolve("native"))) {
      library = files.filter(Files::isRegularFile).findFirst().orElseThrow();
    }
    byte[] sound = Files.readAllBytes(library);
    Files.write(library, Arrays.copyOf(sound, sound.length / 2));

    Result recalled = run(cli, 0, "recall", "kestrel");

    assertThat(recalled.stdout()).contains("Kestrel deploys run on Fridays");
    assertThat(Files.readAllBytes(library)).isEqualTo(sound);
  }
}
