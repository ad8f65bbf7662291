package dev.claudememory.cli;

import dev.claudememory.config.EnvironmentVariable;
import dev.claudememory.config.SettingsParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "install",
    mixinStandardHelpOptions = true,
    description = {
      "Register the MCP server (bin/claude-memory-mcp) with Claude Code, then print the JSON"
          + " configuration for other MCP clients.",
      "With the claude command on the PATH this runs 'claude mcp add'; without it, or when an API"
          + " key is given, it edits Claude Code's config file: an owner-only backup beside it first"
          + " (the newest three kept), an atomic write, nothing but the claude-memory entry touched."
          + " Installing again with the same settings changes nothing.",
      "Settings given with -e go into the registration, so the server has them whatever"
          + " environment Claude Code runs in. An API key given so is written into the config, and"
          + " never shown nor put on a command line (other users can read those); -e MEMORY_API_KEY"
          + " without a value takes it from this command's environment."
    })
final class InstallCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private ClaudeCodeOptions target;

  @Option(
      names = {"-e", "--env"},
      paramLabel = "MEMORY_X[=VALUE]",
      description =
          "A setting for the server, repeatable (the variables under Environment in 'claude-memory --help');"
              + " without =VALUE, its value in this environment.")
  private List<String> settings = new ArrayList<>();

  @Override
  public Integer call() throws IOException, InterruptedException {
    ServerEntry entry = new ServerEntry(Launchers.mcpServer(), checked(given(settings)));
    PrintWriter out = spec.commandLine().getOut();
    Optional<ClaudeCli> claude = ClaudeCli.onPath(System.getenv("PATH"));
    int status;
    // claude takes settings only as arguments, which every user can read ('ps'): a key is written
    // into the config file here instead
    if (claude.isPresent() && entry.secretNames().isEmpty()) {
      status = viaClaude(claude.get(), entry);
    } else {
      Path file = target.configFile(System.getenv(), Path.of("").toAbsolutePath());
      out.println(new ConfigFileRegistration(file, Clock.systemUTC()).install(entry, target.dryRun()));
      if (!target.dryRun()) {
        noteSecrets(
            entry,
            "written into the claude-memory entry of " + file
                + (claude.isPresent() ? " by claude-memory itself, not through claude, whose command line other users can read" : ""));
        if (!entry.secretNames().isEmpty() && ConfigFiles.readableByOthers(ConfigFiles.target(file))) {
          out.println("Warning: other users can read " + file + "; make it yours alone: chmod 600 " + file);
        }
      }
      status = CliMain.EXIT_OK;
    }
    if (status == CliMain.EXIT_OK) {
      printSnippet(out, entry);
    }
    return status;
  }

  /**
   * {@code NAME=VALUE}, or {@code NAME} for its value in this environment (so that a key need not
   * be on this command's line either), in the order given; a later one replaces an earlier one.
   */
  private Map<String, String> given(List<String> settings) {
    Map<String, String> given = new LinkedHashMap<>();
    for (String setting : settings) {
      int equals = setting.indexOf('=');
      if (equals >= 0) {
        given.put(setting.substring(0, equals), setting.substring(equals + 1));
        continue;
      }
      String value = System.getenv(setting);
      if (value == null) {
        throw new ParameterException(
            spec.commandLine(),
            setting + " is not set in this environment; give -e " + setting + "=VALUE, or set it and give -e " + setting);
      }
      given.put(setting, value);
    }
    return given;
  }

  /**
   * Only the product's own settings are accepted, and their values are checked as the server
   * checks them, so that a typo fails here rather than at Claude Code's next start.
   */
  private Map<String, String> checked(Map<String, String> given) {
    Set<String> known = new LinkedHashSet<>();
    for (EnvironmentVariable variable : EnvironmentSection.variables()) {
      known.add(variable.name());
      variable.alias().ifPresent(known::add);
    }
    for (String name : given.keySet()) {
      if (!known.contains(name)) {
        throw new ParameterException(
            spec.commandLine(), "Unknown setting '" + name + "' for -e; known settings: " + String.join(", ", known));
      }
    }
    SettingsParser.parse(given, Path.of(System.getProperty("user.home")));
    return given;
  }

  /** Registers through {@code claude mcp add}; only for an entry without secrets. */
  private int viaClaude(ClaudeCli claude, ServerEntry entry) throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    List<String> remove = List.of("mcp", "remove", ServerEntry.NAME, "--scope", target.scope());
    List<String> add = new ArrayList<>(List.of("mcp", "add", "--scope", target.scope(), ServerEntry.NAME));
    entry.env().forEach((name, value) -> add.addAll(List.of("-e", name + "=" + value)));
    add.addAll(List.of("--", entry.command().toString()));
    if (target.dryRun()) {
      out.println("Would run: " + ClaudeCli.shown(remove) + " (when registered), then " + ClaudeCli.shown(add)
          + "; nothing run (dry run).");
      return CliMain.EXIT_OK;
    }
    // 'claude mcp add' refuses a name it has: an earlier registration goes first
    ClaudeCli.Run removed = claude.run(remove);
    ClaudeCli.Run added = claude.run(add);
    if (added.exitCode() != 0) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("claude-memory: " + ClaudeCli.shown(add) + " failed (exit " + added.exitCode() + ")"
          + (removed.exitCode() == 0 ? "; the earlier registration was removed" : "") + ":");
      err.println(TerminalText.escape(added.output().strip()));
      return CliMain.EXIT_REFUSED;
    }
    out.println("Registered " + ServerEntry.NAME + " with Claude Code (" + target.scope() + " scope): "
        + ClaudeCli.shown(add));
    return CliMain.EXIT_OK;
  }

  private void noteSecrets(ServerEntry entry, String where) {
    for (String name : entry.secretNames()) {
      spec.commandLine().getOut().println(name + " is " + where + " (its value is not shown).");
    }
  }

  private static void printSnippet(PrintWriter out, ServerEntry entry) {
    out.println();
    out.println("For other MCP clients, add this to their JSON configuration"
        + (entry.secretNames().isEmpty() ? ":" : " (put your key in place of " + ServerEntry.REDACTED + "):"));
    Output.printJson(out, entry.snippet());
  }
}
