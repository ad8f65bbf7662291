package dev.claudememory.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudememory.cli.CliProcess.Result;
import dev.claudememory.testkit.FakeMemoryApiServer;
import dev.claudememory.testkit.ReadOnlyFiles;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code doctor} as a process: one line per check, OK, WARN or FAIL with what to do; exit status 1
 * exactly when a check FAILs; it never creates, changes or repairs the database, and never shows
 * the API key.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
final class DoctorIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "sk-live-doctor-SECRET-9f8e7d6c5b4a";

  @TempDir Path folder;
  private CliProcess cli;
  private final ReadOnlyFiles readOnlyFiles = new ReadOnlyFiles();

  @BeforeEach
  void useATemporaryHome() {
    cli = new CliProcess(folder);
  }

  @AfterEach
  void giveWriteAccessBack() throws Exception {
    readOnlyFiles.close();
  }

  private void makeReadOnly(Path path) throws Exception {
    assumeTrue(readOnlyFiles.makeReadOnly(path), "cannot make files read-only on this machine");
  }

  private static String advice(Result result, String check) {
    List<String> lines = result.stdout().lines().toList();
    for (int i = 0; i < lines.size() - 1; i++) {
      Matcher matcher = CHECK_LINE.matcher(lines.get(i));
      if (matcher.matches() && matcher.group(2).equals(check)) {
        return lines.get(i + 1).strip();
      }
    }
    throw new AssertionError("no advice for " + check + " in\n" + result);
  }

  private static Result doctor(CliProcess cli, int expectedExit, String... more) throws Exception {
    List<String> arguments = new ArrayList<>(List.of("doctor"));
    arguments.addAll(List.of(more));
    Result result = cli.run(arguments.toArray(String[]::new));
    assertThat(result.exitCode()).as("%s", result).isEqualTo(expectedExit);
    assertThat(result.stderr())
        .as("%s", result)
        .doesNotContain("\tat ")
        .doesNotContain("Exception");
    return result;
  }

  /** A check's line: its status, its name padded to the longest name, its detail. */
  private static final Pattern CHECK_LINE = Pattern.compile("(OK|WARN|FAIL) +(.+?) {2,}(.*)");

  private static Matcher checkLine(Result result, String check) {
    return result
        .stdout()
        .lines()
        .map(CHECK_LINE::matcher)
        .filter(matcher -> matcher.matches() && matcher.group(2).equals(check))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line for " + check + " in\n" + result));
  }

  private static String status(Result result, String check) {
    return checkLine(result, check).group(1);
  }

  private static String line(Result result, String check) {
    return checkLine(result, check).group(3);
  }

  @Test
  void aHealthyHomePassesWithEveryCheckOnALine() throws Exception {
    cli.run("store", "Kestrel deploys run on Fridays");

    Result result = doctor(cli, 0);

    for (String check :
        List.of(
            "settings",
            "database folder",
            "database file",
            "database",
            "full-text index",
            "schema",
            "duplicates",
            "sync queue",
            "sync lease",
            "backups folder",
            "memory API",
            "log file")) {
      assertThat(status(result, check)).as(check + " in\n" + result).isEqualTo("OK");
    }
    assertThat(line(result, "settings"))
        .contains("local-only mode")
        .contains(cli.database().toString());
    assertThat(line(result, "database")).contains("integrity check passed; 1 memory");
    assertThat(line(result, "schema")).contains("up to date");
    assertThat(status(result, "class-data archive")).isIn("OK", "WARN");
    assertThat(result.stdout().lines().reduce((first, second) -> second).orElseThrow())
        .matches("0 FAIL, \\d+ WARN, \\d+ OK");
  }

  @Test
  void withoutADatabaseItWarnsAndCreatesNothing() throws Exception {
    Result result = doctor(cli, 0);

    assertThat(status(result, "database")).isEqualTo("WARN");
    assertThat(result.stdout())
        .contains("there is no database at " + cli.database())
        .contains("created on first use");
    assertThat(cli.database()).doesNotExist();
    assertThat(cli.database().getParent()).doesNotExist();
  }

  @Test
  void aFileThatIsNotADatabaseFailsNamingItAndIsLeftByteForByte() throws Exception {
    Files.createDirectories(cli.database().getParent());
    byte[] notes = "my notes, which are not a database\n".repeat(300).getBytes();
    Files.write(cli.database(), notes);

    Result result = doctor(cli, 1);

    assertThat(status(result, "database")).isEqualTo("FAIL");
    assertThat(line(result, "database")).contains(cli.database() + ": is not an SQLite database");
    assertThat(Files.readAllBytes(cli.database())).isEqualTo(notes);
  }

  @Test
  void aDamagedDatabaseFailsAndIsLeftByteForByte() throws Exception {
    for (int i = 0; i < 40; i++) {
      cli.run("store", "A memory long enough to fill pages, number " + i + " " + "x".repeat(1_000));
    }
    byte[] pattern = new byte[4096];
    Arrays.fill(pattern, (byte) 0x5a);
    try (FileChannel file = FileChannel.open(cli.database(), StandardOpenOption.WRITE)) {
      for (long page = 1; page * 4096 < file.size(); page++) {
        file.write(ByteBuffer.wrap(pattern), page * 4096);
      }
    }
    byte[] before = Files.readAllBytes(cli.database());

    Result result = doctor(cli, 1);

    assertThat(status(result, "database")).isEqualTo("FAIL");
    assertThat(result.stdout()).contains("claude-memory restore");
    assertThat(Files.readAllBytes(cli.database())).isEqualTo(before);
  }

  @Test
  void memoriesWithTheSameContentWarnByIdOnlyAndDoNotFail() throws Exception {
    CliProcess duplicating = cli.with("MEMORY_ALLOW_DUPLICATES", "1");
    duplicating.run("store", "Kestrel deploys run on Fridays");
    duplicating.run("store", "Herons nest in March");
    assertThat(duplicating.run("store", "Kestrel deploys run on Fridays").stdout())
        .contains("Stored memory #3");

    Result result = doctor(cli, 0);

    assertThat(status(result, "duplicates")).isEqualTo("WARN");
    assertThat(line(result, "duplicates"))
        .isEqualTo("1 group of memories with the same content: #1 = #3");
    assertThat(result.stdout())
        .contains("keep one of each: claude-memory delete <id>")
        .doesNotContain("Kestrel");
  }

  @Test
  void aDatabaseOthersCanReadWarnsWithTheFix() throws Exception {
    cli.run("store", "Kestrel deploys run on Fridays");
    Files.setPosixFilePermissions(cli.database(), PosixFilePermissions.fromString("rw-r--r--"));

    Result result = doctor(cli, 0);

    assertThat(status(result, "database file")).isEqualTo("WARN");
    assertThat(result.stdout()).contains("chmod 600 " + cli.database());
  }

  @Test
  void anAcceptedKeyIsCheckedAndNeverShown() throws Exception {
    try (FakeMemoryApiServer api = new FakeMemoryApiServer(KEY).start()) {
      CliProcess hybrid =
          cli.with("MEMORY_API_URL", api.baseUri().toString()).with("MEMORY_API_KEY", KEY);
      hybrid.run("store", "Kestrel deploys run on Fridays");

      Result result = doctor(hybrid, 0);

      assertThat(line(result, "settings")).contains("hybrid mode").contains("with a key (not shown)").doesNotContain("ApiKey");
      assertThat(status(result, "memory API")).isEqualTo("OK");
      assertThat(result.stdout() + result.stderr()).doesNotContain(KEY);
    }
  }

  @Test
  void aRefusedKeyFailsAndIsNeverShown() throws Exception {
    try (FakeMemoryApiServer api = new FakeMemoryApiServer("another-key").start()) {
      CliProcess hybrid =
          cli.with("MEMORY_API_URL", api.baseUri().toString()).with("MEMORY_API_KEY", KEY);

      Result result = doctor(hybrid, 1);
      Result json = doctor(hybrid, 1, "--json");

      assertThat(status(result, "memory API")).isEqualTo("FAIL");
      assertThat(line(result, "memory API")).contains("refuses the key");
      assertThat(result.stdout() + result.stderr() + json.stdout() + json.stderr())
          .doesNotContain(KEY);
    }
  }

  @Test
  void anUnreachableApiOnlyWarnsInHybridMode() throws Exception {
    FakeMemoryApiServer stopped = new FakeMemoryApiServer(KEY).start();
    String url = stopped.baseUri().toString();
    stopped.close();

    Result result = doctor(cli.with("MEMORY_API_URL", url).with("MEMORY_API_KEY", KEY), 0);

    assertThat(status(result, "memory API")).isEqualTo("WARN");
    assertThat(line(result, "memory API")).contains("cannot reach " + url);
    assertThat(result.stdout() + result.stderr()).doesNotContain(KEY);
  }

  @Test
  void anInvalidSettingFailsNamingTheVariable() throws Exception {
    Result result = doctor(cli.with("MEMORY_SYNC_INTERVAL", "soon"), 1);

    assertThat(status(result, "settings")).isEqualTo("FAIL");
    assertThat(line(result, "settings")).contains("MEMORY_SYNC_INTERVAL");
  }

  @Test
  void aSwitchSettingThatIsNeitherOnNorOffFailsNamingTheVariable() throws Exception {
    Result result = doctor(cli.with("MEMORY_SYNC_DISABLE", "enabled"), 1);

    assertThat(status(result, "settings")).isEqualTo("FAIL");
    assertThat(line(result, "settings")).contains("MEMORY_SYNC_DISABLE").contains("'enabled'");
  }

  @Test
  void asJsonItPrintsTheChecksAsAList() throws Exception {
    Files.createDirectories(cli.database().getParent());
    Files.writeString(cli.database(), "not a database");

    JsonNode checks = JSON.readTree(doctor(cli, 1, "--json").stdout());

    assertThat(checks.isArray()).isTrue();
    JsonNode database = null;
    for (JsonNode check : checks) {
      assertThat(check.path("status").asText()).isIn("OK", "WARN", "FAIL");
      assertThat(check.has("advice")).isTrue();
      if (check.path("name").asText().equals("database")) {
        database = check;
      }
    }
    assertThat(database).isNotNull();
    assertThat(database.path("status").asText()).isEqualTo("FAIL");
    assertThat(database.path("detail").asText()).contains(cli.database().toString());
    assertThat(database.path("advice").asText()).contains("claude-memory restore");
  }

  @Test
  void aHomeFolderThisUserCannotWriteFailsWithWhatToDo() throws Exception {
    Path home = folder.resolve("memory-home");
    Files.createDirectories(home);
    makeReadOnly(home);

    Result result = doctor(cli, 1);
    Result store = cli.run("store", "Kestrel deploys run on Fridays");

    assertThat(status(result, "home folder")).isEqualTo("FAIL");
    assertThat(line(result, "home folder")).contains(home.toString()).contains("read-only");
    assertThat(advice(result, "home folder")).contains("chmod u+w " + home).contains("MEMORY_HOME");
    assertThat(status(result, "database folder")).isEqualTo("FAIL");
    assertThat(line(result, "database folder")).contains("cannot be created");
    assertThat(store.exitCode()).as("the store doctor foretold fails: %s", store).isNotZero();
  }

  @Test
  void aHomeFolderThatCannotBeCreatedFails() throws Exception {
    Path parent = Files.createDirectories(folder.resolve("locked"));
    Path home = parent.resolve("claude-memory");
    makeReadOnly(parent);

    Result result = doctor(cli.with("MEMORY_HOME", home.toString()), 1);

    assertThat(status(result, "home folder")).isEqualTo("FAIL");
    assertThat(line(result, "home folder")).contains(home + " does not exist and cannot be created").contains(parent.toString());
    assertThat(home).doesNotExist();
  }

  @Test
  void aHomeFolderOnlyForLogsAndBackupsWarnsWhenTheDatabaseIsElsewhere() throws Exception {
    Path home = Files.createDirectories(folder.resolve("memory-home"));
    Path database = Files.createDirectories(folder.resolve("elsewhere")).resolve("memory.db");
    CliProcess elsewhere = cli.with("MEMORY_DB", database.toString());
    elsewhere.run("store", "Kestrel deploys run on Fridays");
    makeReadOnly(home);

    Result result = doctor(elsewhere, 0);

    assertThat(status(result, "home folder")).isEqualTo("WARN");
    assertThat(line(result, "home folder")).contains("read-only").contains("log");
  }

  @Test
  void aReadOnlyDatabaseFailsSayingStoresFailAndLeavesTheIndexUnjudged() throws Exception {
    cli.run("store", "Kestrel deploys run on Fridays");
    makeReadOnly(cli.database());

    Result result = doctor(cli, 1);

    assertThat(status(result, "database file")).isEqualTo("FAIL");
    assertThat(line(result, "database file")).contains("read-only").contains("nothing can be stored");
    assertThat(advice(result, "database file")).contains("chmod u+w " + cli.database());
    assertThat(status(result, "database")).isEqualTo("OK");
    assertThat(status(result, "full-text index")).isEqualTo("WARN");
    assertThat(line(result, "full-text index")).contains("not checked").doesNotContain("does not match");
  }

  @Test
  void aReadOnlyDatabaseFolderFailsSayingStoresFail() throws Exception {
    cli.run("store", "Kestrel deploys run on Fridays");
    makeReadOnly(cli.database().getParent());

    Result result = doctor(cli, 1);

    assertThat(status(result, "database folder")).isEqualTo("FAIL");
    assertThat(line(result, "database folder")).contains("read-only");
    assertThat(advice(result, "database folder")).contains("chmod u+w " + cli.database().getParent());
    assertThat(status(result, "full-text index")).isNotEqualTo("FAIL");
  }
}
