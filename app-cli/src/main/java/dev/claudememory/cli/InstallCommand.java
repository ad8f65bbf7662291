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
      "With the claude command on the PATH this runs 'claude mcp add'; without it, it edits Claude"
          + " Code's config file: a backup beside it first, an atomic write, nothing but the"
          + " claude-memory entry touched. Installing again with the same settings changes nothing.",
      "Settings given with -e go into the registration, so the server has them whatever"
          + " environment Claude Code runs in. An API key given so is written into the config, and"
          + " never shown."
    })
final class InstallCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private ClaudeCodeOptions target;

  @Option(
      names = {"-e", "--env"},
      paramLabel = "MEMORY_X=VALUE",
      description = "A setting for the server, repeatable (the variables under Environment in 'claude-memory --help').")
  private Map<String, String> env = new LinkedHashMap<>();

  @Override
  public Integer call() throws IOException, InterruptedException {
    ServerEntry entry = new ServerEntry(Launchers.mcpServer(), checked(env));
    PrintWriter out = spec.commandLine().getOut();
    Optional<ClaudeCli> claude = ClaudeCli.onPath(System.getenv("PATH"));
    int status;
    if (claude.isPresent()) {
      status = viaClaude(claude.get(), entry);
    } else {
      Path file = target.configFile(System.getenv(), Path.of("").toAbsolutePath());
      out.println(new ConfigFileRegistration(file, Clock.systemUTC()).install(entry, target.dryRun()));
      if (!target.dryRun()) {
        noteSecrets(entry, "written into the claude-memory entry of " + file);
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

  private int viaClaude(ClaudeCli claude, ServerEntry entry) throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    List<String> secrets = entry.secretNames().stream().map(entry.env()::get).toList();
    List<String> remove = List.of("mcp", "remove", ServerEntry.NAME, "--scope", target.scope());
    List<String> add = new ArrayList<>(List.of("mcp", "add", "--scope", target.scope(), ServerEntry.NAME));
    entry.env().forEach((name, value) -> add.addAll(List.of("-e", name + "=" + value)));
    add.addAll(List.of("--", entry.command().toString()));
    if (target.dryRun()) {
      out.println("Would run: " + ClaudeCli.shown(remove, secrets) + " (when registered), then "
          + ClaudeCli.shown(add, secrets) + "; nothing run (dry run).");
      return CliMain.EXIT_OK;
    }
    // 'claude mcp add' refuses a name it has: an earlier registration goes first
    ClaudeCli.Run removed = claude.run(remove);
    ClaudeCli.Run added = claude.run(add);
    if (added.exitCode() != 0) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("claude-memory: " + ClaudeCli.shown(add, secrets) + " failed (exit " + added.exitCode() + ")"
          + (removed.exitCode() == 0 ? "; the earlier registration was removed" : "") + ":");
      err.println(ClaudeCli.redacted(added.output(), secrets).strip());
      return CliMain.EXIT_REFUSED;
    }
    out.println("Registered " + ServerEntry.NAME + " with Claude Code (" + target.scope() + " scope): "
        + ClaudeCli.shown(add, secrets));
    noteSecrets(entry, "passed to claude, which writes it into Claude Code's config");
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
