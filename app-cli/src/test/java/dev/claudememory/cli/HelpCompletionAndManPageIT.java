package dev.claudememory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.cli.CliProcess.Result;
import dev.claudememory.config.EnvironmentVariable;
import dev.claudememory.config.SettingsParser;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

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

  /** Each way of asking for help, for every command at every depth, as a person types it. */
  static Stream<String> everyCommandWithEachWayOfAskingForHelp() {
    List<List<String>> commands = new ArrayList<>();
    collectCommands(new CommandLine(new CliMain(() -> {
      throw new AssertionError("asking for help reads no settings");
    })), List.of(), commands);
    return commands.stream()
        .flatMap(
            path -> {
              String command = String.join(" ", path);
              List<String> parent = path.subList(0, path.size() - 1);
              String help = String.join(" ", concat(parent, List.of("help", path.get(path.size() - 1))));
              return Stream.of(command + " --help", command + " -h", help);
            });
  }

  private static void collectCommands(CommandLine parent, List<String> path, List<List<String>> into) {
    parent.getSubcommands().forEach(
        (name, command) -> {
          if (name.equals(command.getCommandName()) && !command.getCommandSpec().helpCommand()) {
            List<String> commandPath = concat(path, List.of(name));
            into.add(commandPath);
            collectCommands(command, commandPath, into);
          }
        });
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  @ParameterizedTest(name = "claude-memory {0}")
  @MethodSource("everyCommandWithEachWayOfAskingForHelp")
  void everyCommandAnswersEachWayOfAskingForHelpWithItsUsage(String arguments) throws Exception {
    String[] words = arguments.split(" ");
    List<String> command = new ArrayList<>(List.of(words));
    command.removeIf(word -> word.equals("help") || word.startsWith("-"));

    Result result = succeed(words);

    assertThat(result.stdout()).as("%s", result).contains("Usage: claude-memory " + String.join(" ", command) + " ");
    assertThat(result.stderr()).as("%s", result).isEmpty();
  }

  @Test
  void theHelpCheckCoversEveryCommandTheUserFoundFailing() {
    List<String> asked = everyCommandWithEachWayOfAskingForHelp().toList();

    for (String command : List.of("store", "recall", "list", "get", "update", "delete", "secret", "count", "export",
        "import", "sync", "backup", "restore", "doctor", "mcp", "install", "uninstall", "completion")) {
      assertThat(asked).contains(command + " --help", command + " -h", "help " + command);
    }
    assertThat(asked).contains("sync dead-letter retry -h", "sync dead-letter help discard", "sync help status");
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

  /** What the completion script offers for the last word of {@code words} (empty: a new word). */
  private List<String> completions(Path script, String... words) throws Exception {
    StringBuilder array = new StringBuilder("claude-memory");
    for (String word : words) {
      array.append(" '").append(word).append('\'');
    }
    String line = "claude-memory " + String.join(" ", words);
    Result completed =
        runTool("bash", "-c", "source \"$1\"; COMP_WORDS=(" + array + "); COMP_CWORD=" + words.length + ";"
            + " COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}; _complete_claude-memory;"
            + " printf '%s\\n' \"${COMPREPLY[@]}\"", "bash", script.toString());
    assertThat(completed.exitCode()).as("%s", completed).isZero();
    return completed.stdout().lines().map(String::trim).filter(word -> !word.isEmpty()).toList();
  }

  @Test
  void completionOffersTheLowerCaseValuesTheCommandsAcceptAndTheyAcceptEachOne() throws Exception {
    Path script = folder.resolve("claude-memory.bash");
    Files.writeString(script, succeed("completion").stdout(), StandardCharsets.UTF_8);
    Path graph = folder.resolve("memory.jsonl");
    Files.writeString(graph, "{\"type\":\"entity\",\"name\":\"Kestrel\",\"entityType\":\"project\","
        + "\"observations\":[\"deploys on Fridays\"]}\n", StandardCharsets.UTF_8);

    List<String> exportFormats = completions(script, "export", "--format", "");
    List<String> importFormats = completions(script, "import", "--format", "");
    List<String> sorts = completions(script, "recall", "--sort", "");

    assertThat(exportFormats).containsExactlyInAnyOrder("jsonl", "markdown");
    assertThat(importFormats).containsExactlyInAnyOrder("auto", "jsonl", "mcp-graph", "api");
    assertThat(sorts).containsExactlyInAnyOrder("relevance", "importance", "recency");
    for (String format : exportFormats) {
      assertThat(cli.run("export", "--format", format).exitCode()).as("export --format %s", format).isZero();
    }
    for (String format : importFormats) {
      Result imported = cli.run("import", "--format", format, graph.toString());
      assertThat(imported.stderr()).as("import --format %s: %s", format, imported).doesNotContain("not a format");
    }
    for (String sort : sorts) {
      Result recalled = cli.run("recall", "--sort", sort, "kestrel");
      assertThat(recalled.exitCode()).as("recall --sort %s: %s", sort, recalled).isZero();
    }
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
