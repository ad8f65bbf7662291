package dev.claudememory.cli;

import dev.claudememory.core.maintenance.BackupResult;
import dev.claudememory.core.port.DatabaseBackups;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description = {
      "Copy the database to a backup file: complete and consistent even while a server writes"
          + " to it, checked, owner-only.",
      "Default file: $MEMORY_HOME/backups/memory-<UTC time>.db."
    })
final class BackupCommand implements Callable<Integer> {
  @ParentCommand private CliMain main;
  @Spec private CommandSpec spec;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the backup to this new file instead.")
  private Path output;

  @Option(names = "--json", description = "Print the result as JSON.")
  private boolean json;

  @Override
  public Integer call() {
    DatabaseBackups backups = main.maintenance(main.settings()).backups();
    BackupResult backup = output == null ? backups.backup() : backups.backup(output);
    if (json) {
      Map<String, Object> value = new LinkedHashMap<>();
      value.put("file", backup.file().toString());
      value.put("memories", backup.memories());
      value.put("bytes", backup.bytes());
      Output.printJson(spec.commandLine().getOut(), value);
    } else {
      spec.commandLine()
          .getOut()
          .printf(
              "Backed up %s to %s (%s)%n",
              Output.count(backup.memories(), "memory", "memories"),
              backup.file(),
              size(backup.bytes()));
    }
    return CliMain.EXIT_OK;
  }

  private static String size(long bytes) {
    return Math.max(1, (bytes + 1023) / 1024) + " KB";
  }
}
