package dev.claudememory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.testkit.ClaudeCodeCommandLine;
import dev.claudememory.testkit.ClaudeCodeCommandLine.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin as Claude Code's own command line sees it: {@code claude plugin validate --strict},
 * {@code claude plugin marketplace add} on the checkout, {@code claude plugin install}, and {@code
 * claude mcp get} starting our server. The command line is {@link ClaudeCodeCommandLine}'s, found or
 * installed outside the checkout (which installing the plugin copies whole into Claude Code's plugin
 * cache); the test fails, never skips, when it cannot be had. These commands need no account and no
 * network. {@code HOME} is a temporary folder, so the user's own Claude Code settings are never read
 * or changed.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
final class ClaudeCodePluginIT {
  private static final Duration RUN_LIMIT = Duration.ofMinutes(2);

  private static Path claude;

  @TempDir Path folder;
  private Path root;

  @BeforeAll
  static void findOrInstallClaudeCode() throws Exception {
    claude = ClaudeCodeCommandLine.installed(Path.of(System.getProperty("claude.code.folder")));
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
    return ClaudeCodeCommandLine.run(
        command,
        work,
        Map.of(
            "HOME", home.toString(),
            "MEMORY_HOME", folder.resolve("memory-home").toString(),
            "JAVA_HOME", System.getProperty("java.home"),
            "DISABLE_TELEMETRY", "1",
            "DISABLE_AUTOUPDATER", "1",
            "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1"),
        RUN_LIMIT);
  }
}
