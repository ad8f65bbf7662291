package dev.claudememory.cli;

import dev.claudememory.config.Maintenance;
import dev.claudememory.config.Settings;
import dev.claudememory.core.maintenance.RestoreResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description = {
      "Replace the database with a backup, after checking the backup. The replaced database is"
          + " kept as $MEMORY_HOME/backups/pre-restore-<UTC time>.db.",
      "Refused while any process has the database open (an MCP server, another command): end it"
          + " first."
    })
final class RestoreCommand implements Callable<Integer> {
  @ParentCommand private CliMain main;
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The backup to restore.")
  private Path backup;

  @Option(names = "--yes", description = "Replace the database without asking.")
  private boolean yes;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Settings settings = main.settings();
    if (!Files.isRegularFile(backup)) {
      err.println("claude-memory: not restored: " + backup.toAbsolutePath() + " is not a file");
      return CliMain.EXIT_REFUSED;
    }
    if (!yes && !confirmed(err, settings)) {
      err.println("claude-memory: not restored (run with --yes to skip the question)");
      return CliMain.EXIT_REFUSED;
    }
    RestoreResult result = main.maintenance(settings).backups().restore(backup);
    if (result instanceof RestoreResult.Restored) {
      RestoreResult.Restored restored = (RestoreResult.Restored) result;
      out.printf(
          "Restored %s from %s into %s%n",
          Output.count(restored.memories(), "memory", "memories"),
          backup.toAbsolutePath(),
          restored.database());
      restored
          .previous()
          .ifPresent(previous -> out.println("The replaced database is kept as " + previous));
      return CliMain.EXIT_OK;
    }
    if (result instanceof RestoreResult.Unusable) {
      err.println("claude-memory: not restored: " + ((RestoreResult.Unusable) result).reason());
      return CliMain.EXIT_REFUSED;
    }
    if (result instanceof RestoreResult.InUse) {
      err.println("claude-memory: not restored: " + ((RestoreResult.InUse) result).reason());
      return CliMain.EXIT_REFUSED;
    }
    throw new AssertionError(result);
  }

  private boolean confirmed(PrintWriter err, Settings settings) {
    err.printf(
        "Replace %s with %s? The current database is kept in %s. [y/N] ",
        settings.database(), backup.toAbsolutePath(), Maintenance.backupFolder(settings));
    err.flush();
    String answer;
    try {
      answer =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    } catch (IOException e) {
      answer = null;
    }
    if (answer == null) {
      err.println(); // no input to answer with: end the question's line
      return false;
    }
    String word = answer.strip().toLowerCase(Locale.ROOT);
    return word.equals("y") || word.equals("yes");
  }
}
