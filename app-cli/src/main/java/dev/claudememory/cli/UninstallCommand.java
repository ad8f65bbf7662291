package dev.claudememory.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "uninstall",
    mixinStandardHelpOptions = true,
    description = {
      "Undo 'install': remove the MCP server's registration from Claude Code.",
      "With the claude command on the PATH this runs 'claude mcp remove'; without it, it edits the"
          + " config file: when the file is still as install left it, the backup install took is"
          + " put back byte for byte; otherwise only the claude-memory entry is taken out (after a"
          + " backup). Memories are not touched."
    })
final class UninstallCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private ClaudeCodeOptions target;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    Optional<ClaudeCli> claude = ClaudeCli.onPath(System.getenv("PATH"));
    if (claude.isEmpty()) {
      Path file = target.configFile(System.getenv(), Path.of("").toAbsolutePath());
      out.println(new ConfigFileRegistration(file, Clock.systemUTC()).uninstall(target.dryRun()));
      return CliMain.EXIT_OK;
    }
    List<String> remove = List.of("mcp", "remove", ServerEntry.NAME, "--scope", target.scope());
    String shown = ClaudeCli.shown(remove);
    if (target.dryRun()) {
      out.println("Would run: " + shown + "; nothing run (dry run).");
      return CliMain.EXIT_OK;
    }
    ClaudeCli.Run removed = claude.get().run(remove);
    if (removed.exitCode() != 0) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("claude-memory: " + shown + " failed (exit " + removed.exitCode() + "):");
      err.println(removed.output().strip());
      return CliMain.EXIT_REFUSED;
    }
    out.println("Removed " + ServerEntry.NAME + " from Claude Code (" + target.scope() + " scope): " + shown);
    return CliMain.EXIT_OK;
  }
}
