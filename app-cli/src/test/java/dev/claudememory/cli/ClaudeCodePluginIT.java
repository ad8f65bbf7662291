package dev.claudememory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin as Claude Code's own command line sees it: {@code claude plugin validate --strict},
 * {@code claude plugin marketplace add} on the checkout, {@code claude plugin install}, and {@code
 * claude mcp get} starting our server. The command line is npm's {@code @anthropic-ai/claude-code}
 * at the version below. {@code .ci/run} installs it once, outside the checkout (which installing the
 * plugin copies whole into Claude Code's plugin cache), and names it in {@value #CLI_VARIABLE}; run
 * alone without that, this test installs it itself into a folder of the temporary folder, within
 * {@value #INSTALL_SECONDS} s, and fails (never skips) when it cannot. These commands need no
 * account and no network. {@code HOME} is a temporary folder, so the user's own Claude Code
 * settings are never read or changed.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
final class ClaudeCodePluginIT {
  static final String CLAUDE_CODE = "@anthropic-ai/claude-code@2.1.328";
  /** The path of an installed {@code claude} of that version, as {@code .ci/run} passes it. */
  static final String CLI_VARIABLE = "CLAUDE_CODE_CLI";
  private static final long RUN_SECONDS = 120;
  private static final long INSTALL_SECONDS = 300;

  private static Path claude;

  @TempDir Path folder;
  private Path root;

  @BeforeAll
  static void findOrInstallClaudeCode() throws Exception {
    String given = System.getenv(CLI_VARIABLE);
    if (given != null && !given.isBlank()) {
      claude = Path.of(given);
      assertThat(claude).as(CLI_VARIABLE + " names no executable").isExecutable();
      assertThat(version()).as(CLI_VARIABLE + " names another version than " + CLAUDE_CODE).contains(versionOf(CLAUDE_CODE));
      return;
    }
    Path prefix = Path.of(System.getProperty("claude.code.folder"));
    claude = prefix.resolve("node_modules/.bin/claude");
    if (Files.isExecutable(claude) && version().contains(versionOf(CLAUDE_CODE))) {
      return;
    }
    Optional<Path> npm = onPath("npm");
    assertThat(npm)
        .as("npm is not on the PATH, so Claude Code's command line (" + CLAUDE_CODE + ") cannot be installed:"
            + " install Node.js with npm, or set " + CLI_VARIABLE + " to an installed claude of that version"
            + " (.ci/run does both)")
        .isPresent();
    Files.createDirectories(prefix);
    Run install =
        run(
            List.of(npm.get().toString(), "install", "--prefix", prefix.toString(), "--no-audit", "--no-fund",
                "--no-save", CLAUDE_CODE),
            prefix, Map.of(), INSTALL_SECONDS);
    assertThat(install.exitCode()).as("npm install %s\n%s", CLAUDE_CODE, install.output()).isZero();
    assertThat(version()).contains(versionOf(CLAUDE_CODE));
  }

  @BeforeEach
  void locateTheCheckout() {
    root = HookProcess.pluginRoot();
  }

  @Test
  void thePluginAndItsMarketplacePassStrictValidation() throws Exception {
    Run validate = claude("plugin", "validate", "--strict", root.toString());

    assertThat(validate.exitCode()).as(validate.output()).isZero();
    assertThat(validate.output())
        .contains("Validation passed")
        .contains("UserPromptSubmit")
        .contains("bin/claude-memory\\\" hook user-prompt-submit")
        .contains("claude-memory stdio ${CLAUDE_PLUGIN_ROOT}/bin/claude-memory-mcp")
        .contains("jvm-memory:remember")
        .contains("jvm-memory:recall");
  }

  @Test
  void theCheckoutInstallsAsAMarketplaceAndItsServerConnects() throws Exception {
    Run add = claude("plugin", "marketplace", "add", root.toString());
    assertThat(add.exitCode()).as(add.output()).isZero();

    Run install = claude("plugin", "install", "jvm-memory@jvm-memory");
    assertThat(install.exitCode()).as(install.output()).isZero();

    Run list = claude("plugin", "list");
    assertThat(list.output()).contains("jvm-memory@jvm-memory").contains("enabled").contains(root.toString());

    Run get = claude("mcp", "get", "plugin:jvm-memory:claude-memory");
    assertThat(get.exitCode()).as(get.output()).isZero();
    assertThat(get.output()).contains("Connected");

    Run servers = claude("mcp", "list");
    assertThat(servers.output())
        .contains("plugin:jvm-memory:claude-memory: " + root.resolve("bin/claude-memory-mcp"))
        .contains("Connected");
    // the server ran on this test's data, not the user's
    assertThat(folder.resolve("memory-home/memory/memory.db")).exists();
  }

  private Run claude(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of(claude.toString()));
    command.addAll(List.of(arguments));
    Path home = Files.createDirectories(folder.resolve("user-home"));
    Path work = Files.createDirectories(folder.resolve("work"));
    return run(
        command,
        work,
        Map.of(
            "HOME", home.toString(),
            "MEMORY_HOME", folder.resolve("memory-home").toString(),
            "JAVA_HOME", System.getProperty("java.home"),
            "DISABLE_TELEMETRY", "1",
            "DISABLE_AUTOUPDATER", "1",
            "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1"),
        RUN_SECONDS);
  }

  private static String version() throws Exception {
    return run(List.of(claude.toString(), "--version"), claude.getParent(), Map.of(), RUN_SECONDS).output();
  }

  private static String versionOf(String spec) {
    return spec.substring(spec.lastIndexOf('@') + 1);
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String entry : path.split(File.pathSeparator)) {
      Path candidate = Path.of(entry.isEmpty() ? "." : entry, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** What one run printed (stdout and stderr together) and its exit status. */
  record Run(int exitCode, String output) {}

  private static Run run(List<String> command, Path directory, Map<String, String> environment, long seconds)
      throws IOException, InterruptedException {
    Path output = Files.createTempFile("claude-code-", ".out");
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
    // nothing of this machine's own Claude Code or memory settings reaches the run
    builder.environment().keySet().removeIf(name -> name.startsWith("MEMORY_") || name.startsWith("CLAUDE_")
        || name.startsWith("ANTHROPIC_"));
    builder.environment().putAll(environment);
    Process process = builder.start();
    try {
      process.getOutputStream().close();
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        throw new AssertionError(String.join(" ", command) + " did not end within " + seconds + " s");
      }
      return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      if (process.isAlive()) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      Files.deleteIfExists(output);
    }
  }
}
