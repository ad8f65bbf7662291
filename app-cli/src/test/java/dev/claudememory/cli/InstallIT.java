package dev.claudememory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.cli.CliProcess.Result;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code install} and {@code uninstall} as processes, never near the real home: {@code HOME} is a
 * temporary folder, and the PATH holds either nothing (so Claude Code's config file is edited) or
 * a fake {@code claude} that records its arguments.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
final class InstallIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "sk-test-4f7a9c2e1b";

  @TempDir Path folder;
  private Path config;
  private Path bin;
  private CliProcess cli;

  @BeforeEach
  void useATemporaryHomeAndAnEmptyPath() throws IOException {
    config = Files.createDirectories(folder.resolve("user-home")).resolve(".claude.json");
    bin = Files.createDirectories(folder.resolve("bin"));
    cli = new CliProcess(folder).with("PATH", bin.toString()).with("CLAUDE_CONFIG_DIR", "");
  }

  private static byte[] fixture() throws IOException {
    try (InputStream in = InstallIT.class.getResourceAsStream("/claude-code/user-config.json")) {
      return in.readAllBytes();
    }
  }

  private Result succeed(String... arguments) throws Exception {
    Result result = cli.run(arguments);
    assertThat(result.exitCode()).as("claude-memory %s\n%s", String.join(" ", arguments), result).isZero();
    assertThat(result.stdout() + result.stderr()).doesNotContain(KEY);
    return result;
  }

  private static Path launcher() throws IOException {
    return Path.of(System.getProperty("cli.launcher")).resolveSibling("claude-memory-mcp").toRealPath();
  }

  private List<Path> backups() throws IOException {
    try (Stream<Path> files = Files.list(config.getParent())) {
      return files.filter(file -> file.getFileName().toString().startsWith(".claude.json.claude-memory-")).toList();
    }
  }

  @Test
  void installThenUninstallLeavesTheConfigByteIdentical() throws Exception {
    Files.write(config, fixture());
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));

    Result installed = succeed("install", "-e", "MEMORY_API_KEY=" + KEY, "-e", "MEMORY_SYNC_INTERVAL=30");
    JsonNode written = JSON.readTree(config.toFile());
    Result uninstalled = succeed("uninstall");

    JsonNode entry = written.path("mcpServers").path("claude-memory");
    assertThat(entry.path("type").asText()).isEqualTo("stdio");
    assertThat(entry.path("command").asText()).isEqualTo(launcher().toString());
    assertThat(entry.path("args")).isEmpty();
    assertThat(entry.path("env").path("MEMORY_API_KEY").asText()).isEqualTo(KEY);
    assertThat(entry.path("env").path("MEMORY_SYNC_INTERVAL").asText()).isEqualTo("30");
    assertThat(written.path("mcpServers").path("github")).isEqualTo(JSON.readTree(fixture()).path("mcpServers").path("github"));
    assertThat(installed.stdout()).contains("Registered claude-memory in " + config).contains("MEMORY_API_KEY is written");
    assertThat(backups()).hasSize(1).allSatisfy(backup -> assertThat(Files.readAllBytes(backup)).isEqualTo(fixture()));
    assertThat(uninstalled.stdout()).contains("Restored " + config);
    assertThat(Files.readAllBytes(config)).isEqualTo(fixture());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
  }

  @Test
  void installingTwiceChangesNothingTheSecondTime() throws Exception {
    Files.write(config, fixture());

    succeed("install", "-e", "MEMORY_HOME=/data/memory");
    byte[] once = Files.readAllBytes(config);
    Result again = succeed("install", "-e", "MEMORY_HOME=/data/memory");

    assertThat(again.stdout()).contains("already registered").contains("nothing changed");
    assertThat(Files.readAllBytes(config)).isEqualTo(once);
    assertThat(backups()).hasSize(1);
  }

  @Test
  void installWithOtherSettingsUpdatesTheEntryAndUninstallStillRestoresTheOriginal() throws Exception {
    Files.write(config, fixture());

    succeed("install", "-e", "MEMORY_HOME=/data/memory");
    Result updated = succeed("install", "-e", "MEMORY_HOME=/data/elsewhere", "-e", "MEMORY_RECALL_TIMEOUT=5");
    JsonNode entry = JSON.readTree(config.toFile()).path("mcpServers").path("claude-memory");
    succeed("uninstall");

    assertThat(updated.stdout()).contains("Updated claude-memory in " + config);
    assertThat(entry.path("env").path("MEMORY_HOME").asText()).isEqualTo("/data/elsewhere");
    assertThat(entry.path("env").path("MEMORY_RECALL_TIMEOUT").asText()).isEqualTo("5");
    assertThat(Files.readAllBytes(config)).isEqualTo(fixture());
  }

  @Test
  void uninstallAfterClaudeCodeChangedTheFileTakesOutOnlyTheEntry() throws Exception {
    Files.write(config, fixture());
    succeed("install");
    String changedByClaudeCode = Files.readString(config).replace("\"numStartups\": 42", "\"numStartups\": 43");
    Files.writeString(config, changedByClaudeCode);

    Result uninstalled = succeed("uninstall");

    assertThat(uninstalled.stdout()).contains("Removed claude-memory from " + config);
    assertThat(Files.readString(config))
        .isEqualTo(new String(fixture(), StandardCharsets.UTF_8).replace("\"numStartups\": 42", "\"numStartups\": 43"));
  }

  @Test
  void aConfigWithoutServersGetsThemAndGetsBackToExactlyWhatItWas() throws Exception {
    String original = "{\n  \"numStartups\": 3,\n  \"theme\": \"light\"\n}";
    Files.writeString(config, original);

    succeed("install");
    JsonNode written = JSON.readTree(config.toFile());
    succeed("uninstall");

    assertThat(written.path("mcpServers").path("claude-memory").path("command").asText()).isEqualTo(launcher().toString());
    assertThat(Files.readString(config)).isEqualTo(original);
  }

  @Test
  void noConfigYetGetsAnOwnerOnlyOneThatUninstallRemoves() throws Exception {
    succeed("install", "-e", "MEMORY_API_KEY=" + KEY);
    String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(config));
    Result uninstalled = succeed("uninstall");

    assertThat(mode).isEqualTo("rw-------");
    assertThat(uninstalled.stdout()).contains("Deleted " + config);
    assertThat(config).doesNotExist();
    assertThat(backups()).isEmpty();
  }

  @Test
  void uninstallWhenNotInstalledChangesNothing() throws Exception {
    Files.write(config, fixture());

    Result result = succeed("uninstall");

    assertThat(result.stdout()).contains("not registered");
    assertThat(Files.readAllBytes(config)).isEqualTo(fixture());
    assertThat(backups()).isEmpty();
  }

  @Test
  void aMalformedConfigIsRefusedAndLeftUntouched() throws Exception {
    byte[] malformed = "{\n  \"mcpServers\": {\n    \"github\": {\"env\": {\"TOKEN\": \"ghp_leak\"},}\n  }\n}\n".getBytes(StandardCharsets.UTF_8);
    Files.write(config, malformed);

    for (String command : List.of("install", "uninstall")) {
      Result result = cli.run(command);

      assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
      assertThat(result.stderr()).contains(config + " is not valid JSON (line 3").contains("it was left as it is");
      assertThat(result.stderr()).doesNotContain("ghp_leak").doesNotContain("\tat ");
      assertThat(result.stdout()).isEmpty();
      assertThat(Files.readAllBytes(config)).isEqualTo(malformed);
    }
    assertThat(backups()).isEmpty();
  }

  @Test
  void aDryRunChangesNothingAndStillPrintsTheSnippet() throws Exception {
    Files.write(config, fixture());

    Result result = succeed("install", "--dry-run", "-e", "MEMORY_API_KEY=" + KEY);

    assertThat(result.stdout()).contains("Would register claude-memory in " + config).contains("\"mcpServers\"");
    assertThat(Files.readAllBytes(config)).isEqualTo(fixture());
    assertThat(backups()).isEmpty();
  }

  @Test
  void theSnippetForOtherClientsHasTheLauncherAndRedactsTheKey() throws Exception {
    Result result = succeed("install", "-e", "MEMORY_API_KEY=" + KEY, "-e", "MEMORY_API_URL=https://memory.example.org");

    String stdout = result.stdout();
    JsonNode snippet = JSON.readTree(stdout.substring(stdout.indexOf("{")));
    ObjectNode entry = (ObjectNode) snippet.path("mcpServers").path("claude-memory");
    assertThat(entry.path("command").asText()).isEqualTo(launcher().toString());
    assertThat(entry.path("env").path("MEMORY_API_KEY").asText()).isEqualTo("<redacted>");
    assertThat(entry.path("env").path("MEMORY_API_URL").asText()).isEqualTo("https://memory.example.org");
  }

  @Test
  void projectScopeWritesMcpJsonInTheCurrentFolder() throws Exception {
    Path project = Files.createDirectories(folder.resolve("project"));
    CliProcess inProject = cli.in(project);

    Result installed = inProject.run("install", "--scope", "project");
    JsonNode written = JSON.readTree(project.resolve(".mcp.json").toFile());
    Result uninstalled = inProject.run("uninstall", "--scope", "project");

    assertThat(installed.exitCode()).as("%s", installed).isZero();
    assertThat(uninstalled.exitCode()).as("%s", uninstalled).isZero();
    assertThat(written.path("mcpServers").path("claude-memory").path("type").asText()).isEqualTo("stdio");
    assertThat(project.resolve(".mcp.json")).doesNotExist();
    assertThat(config).doesNotExist();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown setting       | install;-e;FOO=1                     | Unknown setting 'FOO' for -e",
        "setting not set here  | install;-e;MEMORY_RECALL_TIMEOUT      | MEMORY_RECALL_TIMEOUT is not set in this environment",
        "invalid interval      | install;-e;MEMORY_SYNC_INTERVAL=soon  | MEMORY_SYNC_INTERVAL",
        "invalid url           | install;-e;MEMORY_API_URL=ftp://x     | MEMORY_API_URL",
        "unknown scope         | install;--scope;galaxy               | expected user or project",
        "unknown scope         | uninstall;--scope;local              | expected user or project",
        "stray argument        | uninstall;now                        | Unmatched argument"
      })
  void badInputExitsTwoAndTouchesNothing(String name, String arguments, String message) throws Exception {
    Files.write(config, fixture());

    Result result = cli.run(arguments.split(";"));

    assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
    assertThat(result.stderr()).contains(message).doesNotContain("\tat ");
    assertThat(Files.readAllBytes(config)).isEqualTo(fixture());
  }

  @Test
  void withClaudeOnThePathInstallRunsClaudeMcpAddAndLeavesTheFileAlone() throws Exception {
    Path calls = fakeClaude();
    Files.write(config, fixture());

    Result result = succeed("install", "-e", "MEMORY_SYNC_INTERVAL=30");

    assertThat(Files.readAllLines(calls))
        .containsExactly(
            "--- call", "mcp", "remove", "claude-memory", "--scope", "user",
            "--- call", "mcp", "add", "--scope", "user", "claude-memory", "-e", "MEMORY_SYNC_INTERVAL=30", "--",
            launcher().toString());
    assertThat(result.stdout()).contains("claude mcp add --scope user claude-memory -e MEMORY_SYNC_INTERVAL=30 --");
    assertThat(Files.readAllBytes(config)).isEqualTo(fixture());
  }

  @Test
  void withClaudeOnThePathAnApiKeyIsWrittenIntoTheConfigAndNeverOnClaudesCommandLine() throws Exception {
    Path calls = fakeClaude();
    Files.write(config, fixture());
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));

    Result result = succeed("install", "-e", "MEMORY_API_KEY=" + KEY, "-e", "MEMORY_SYNC_INTERVAL=30");
    JsonNode entry = JSON.readTree(config.toFile()).path("mcpServers").path("claude-memory");
    Result dryRun = succeed("install", "--dry-run", "-e", "MEMORY_API_KEY=" + KEY + "-rotated");

    assertThat(calls).as("claude was never run with the key").satisfiesAnyOf(
        file -> assertThat(file).doesNotExist(),
        file -> assertThat(Files.readString(file)).doesNotContain(KEY));
    assertThat(entry.path("env").path("MEMORY_API_KEY").asText()).isEqualTo(KEY);
    assertThat(entry.path("env").path("MEMORY_SYNC_INTERVAL").asText()).isEqualTo("30");
    assertThat(result.stdout())
        .contains("Registered claude-memory in " + config)
        .contains("not through claude, whose command line other users can read");
    assertThat(dryRun.stdout()).contains("Would update claude-memory in " + config);
  }

  @Test
  void aSettingNamedWithoutAValueIsTakenFromTheEnvironmentSoTheKeyIsOnNoCommandLine() throws Exception {
    Files.write(config, fixture());

    Result result = cli.with("MEMORY_API_KEY", KEY).run("install", "-e", "MEMORY_API_KEY");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(JSON.readTree(config.toFile()).path("mcpServers").path("claude-memory").path("env").path("MEMORY_API_KEY").asText())
        .isEqualTo(KEY);
  }

  @Test
  void backupsAreOwnerOnlyAndOnlyTheNewestThreeAreKept() throws Exception {
    Files.write(config, fixture());
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));

    for (int rotation = 1; rotation <= 5; rotation++) {
      succeed("install", "-e", "MEMORY_API_KEY=" + KEY + "-" + rotation);
    }

    assertThat(backups()).hasSize(3).allSatisfy(backup ->
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rw-------"));
    List<String> kept = new ArrayList<>();
    for (Path backup : backups()) {
      kept.add(Files.readString(backup));
    }
    assertThat(kept).noneMatch(text -> text.contains(KEY + "-1\"")).anyMatch(text -> text.contains(KEY + "-4\""));
  }

  @Test
  void aBackupAnEarlierVersionLeftReadableToOthersIsMadeOwnerOnly() throws Exception {
    Files.write(config, fixture());
    Path earlier =
        Files.writeString(
            config.resolveSibling(".claude.json.claude-memory-20260101T000000.000Z.bak"),
            "{\"mcpServers\": {\"claude-memory\": {\"env\": {\"MEMORY_API_KEY\": \"" + KEY + "-old\"}}}}");
    Files.setPosixFilePermissions(earlier, PosixFilePermissions.fromString("rw-r--r--"));

    succeed("install", "-e", "MEMORY_API_KEY=" + KEY);

    assertThat(backups()).hasSize(2).contains(earlier).allSatisfy(backup ->
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rw-------"));
  }

  @Test
  void withClaudeOnThePathUninstallRunsClaudeMcpRemove() throws Exception {
    Path calls = fakeClaude();

    succeed("uninstall", "--scope", "project");

    assertThat(Files.readAllLines(calls)).containsExactly("--- call", "mcp", "remove", "claude-memory", "--scope", "project");
  }

  @Test
  void aFailingClaudeIsReportedWithItsOutput() throws Exception {
    fakeClaude();

    Result result = cli.with("FAKE_CLAUDE_FAIL", "1").run("install", "-e", "MEMORY_SYNC_INTERVAL=30");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
    assertThat(result.stderr()).contains("failed (exit 3)").contains("refused: mcp add");
  }

  /** A {@code claude} on the PATH that writes each call's arguments, one a line, to a file. */
  private Path fakeClaude() throws IOException {
    Path calls = folder.resolve("claude-calls.txt");
    Path claude = bin.resolve("claude");
    Files.writeString(
        claude,
        String.join(
            "\n",
            "#!/bin/sh",
            "printf '%s\\n' '--- call' \"$@\" >> \"$FAKE_CLAUDE_CALLS\"",
            "if [ -n \"$FAKE_CLAUDE_FAIL\" ] && [ \"$2\" = add ]; then echo \"refused: $*\" >&2; exit 3; fi",
            ""));
    Files.setPosixFilePermissions(claude, PosixFilePermissions.fromString("rwx------"));
    cli = cli.with("FAKE_CLAUDE_CALLS", calls.toString());
    return calls;
  }
}
