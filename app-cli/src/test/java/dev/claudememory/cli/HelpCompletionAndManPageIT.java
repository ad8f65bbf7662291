package dev.claudememory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.cli.CliProcess.Result;
import dev.claudememory.config.EnvironmentVariable;
import dev.claudememory.config.SettingsParser;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the command tells about itself: help with its settings, shell completion, the man page. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
final class HelpCompletionAndManPageIT {
  private static final List<String> COMMANDS =
      List.of("store", "recall", "list", "get", "update", "delete", "secret", "count", "mcp", "install",
          "uninstall", "completion");

  @TempDir Path folder;
  private CliProcess cli;

  @BeforeEach
  void useATemporaryHome() {
    cli = new CliProcess(folder);
  }

  private Result succeed(String... arguments) throws Exception {
    Result result = cli.run(arguments);
    assertThat(result.exitCode()).as("claude-memory %s\n%s", String.join(" ", arguments), result).isZero();
    return result;
  }

  /** The Environment section alone, so names elsewhere in help cannot satisfy the checks. */
  private static String environmentSection(String help) {
    assertThat(help).contains("Environment:");
    String section = help.substring(help.indexOf("Environment:"));
    return section.contains("Exit status") ? section.substring(0, section.indexOf("Exit status")) : section;
  }

  @ParameterizedTest
  @ValueSource(strings = {"--help", "mcp;--help"})
  void helpListsEverySettingTheServerReadsWithItsAliasAndDefault(String arguments) throws Exception {
    String environment = environmentSection(succeed(arguments.split(";")).stdout());

    for (EnvironmentVariable variable : SettingsParser.VARIABLES) {
      assertThat(environment).contains("  " + variable.name() + " ");
      variable.alias().ifPresent(alias -> assertThat(environment).contains("alias: " + alias));
    }
    assertThat(environment).contains("MEMORY_JAVA_OPTS");
    assertThat(environment)
        .contains("default: http://localhost:8080", "default: ~/.claude/claude-memory", "default: 60", "default: 30");
  }

  @Test
  void topLevelHelpListsEveryCommandAndTheExitStatuses() throws Exception {
    String help = succeed("--help").stdout();

    for (String command : COMMANDS) {
      assertThat(help).containsPattern("(?m)^ {2}" + command + " ");
    }
    assertThat(help).contains("Exit status: 0 done, 1 not found");
  }

  @Test
  void completionPrintsAScriptThatBashAcceptsAndThatCompletesCommands() throws Exception {
    Path script = folder.resolve("claude-memory.bash");
    Files.writeString(script, succeed("completion").stdout(), StandardCharsets.UTF_8);

    Result syntax = runTool("bash", "-n", script.toString());
    Result completed =
        runTool("bash", "-c", "source \"$1\"; COMP_WORDS=(claude-memory un); COMP_CWORD=1; COMP_LINE='claude-memory un';"
            + " COMP_POINT=${#COMP_LINE}; _complete_claude-memory; printf '%s\\n' \"${COMPREPLY[@]}\"", "bash",
            script.toString());
    Result scopes =
        runTool("bash", "-c", "source \"$1\"; COMP_WORDS=(claude-memory install --scope ''); COMP_CWORD=3;"
            + " COMP_LINE='claude-memory install --scope '; COMP_POINT=${#COMP_LINE}; _complete_claude-memory;"
            + " printf '%s\\n' \"${COMPREPLY[@]}\"", "bash", script.toString());

    assertThat(syntax.exitCode()).as("%s", syntax).isZero();
    assertThat(completed.stdout().lines().map(String::trim)).as("%s", completed).containsExactly("uninstall");
    assertThat(scopes.stdout().lines().map(String::trim)).as("%s", scopes).containsExactlyInAnyOrder("user", "project");
  }

  @Test
  void theBuildWroteAManPageWithEveryCommandAndSetting() throws Exception {
    Path page = Path.of(System.getProperty("man.page", "man.page is not set: run as an IT under failsafe"));

    String text = Files.readString(page, StandardCharsets.UTF_8);

    assertThat(text).startsWith(".TH CLAUDE-MEMORY 1 ");
    for (String command : COMMANDS) {
      assertThat(text).contains(".SS \"claude\\-memory " + command + "\"");
    }
    for (EnvironmentVariable variable : SettingsParser.VARIABLES) {
      assertThat(text).contains(".B " + variable.name() + "\n");
    }
    assertThat(text).contains(".SH \"EXIT STATUS\"");
  }

  @Test
  void theManPageRendersWithoutTroffWarnings() throws Exception {
    Path page = Path.of(System.getProperty("man.page", "man.page is not set: run as an IT under failsafe"));

    Result rendered = runTool("groff", "-man", "-Tutf8", "-ww", page.toString());

    assertThat(rendered.exitCode()).as("%s", rendered).isZero();
    assertThat(rendered.stderr()).as("%s", rendered).isEmpty();
    assertThat(rendered.stdout()).contains("claude-memory get").contains("MEMORY_API_KEY");
  }

  /** Runs a tool of the system's, bounded, its output in files. */
  private Result runTool(String... command) throws Exception {
    Path out = Files.createTempFile(folder, "out", ".txt");
    Path err = Files.createTempFile(folder, "err", ".txt");
    Process process =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    try {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s ended in time", command[0]).isTrue();
      return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      process.destroyForcibly();
    }
  }
}
