package dev.claudememory.cli;

import dev.claudememory.config.ClaudeMemory;
import dev.claudememory.config.Maintenance;
import dev.claudememory.config.MemoryComponent;
import dev.claudememory.config.Settings;
import dev.claudememory.config.SettingsParser;
import dev.claudememory.config.SyncRole;
import dev.claudememory.core.InvalidInputException;
import dev.claudememory.core.MemoryException;
import dev.claudememory.core.service.MemoryService;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code claude-memory} command: every tool's operation from a shell. */
@Command(
    name = "claude-memory",
    mixinStandardHelpOptions = true,
    versionProvider = CliMain.Version.class,
    description = "Persistent memory for AI assistants, on a local SQLite database.",
    subcommands = {
      StoreCommand.class,
      RecallCommand.class,
      ListCommand.class,
      GetCommand.class,
      UpdateCommand.class,
      DeleteCommand.class,
      SecretCommand.class,
      CountCommand.class,
      SyncCommand.class,
      BackupCommand.class,
      RestoreCommand.class,
      DoctorCommand.class,
      ExportCommand.class,
      ImportCommand.class,
      McpCommand.class,
      InstallCommand.class,
      UninstallCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class
    },
    modelTransformer = EnvironmentSection.class,
    footerHeading = "%n",
    footer = {
      "Exit status: 0 done, 1 not found, input refused or sync failed, 2 usage or",
      "configuration error (such as 'sync now' without MEMORY_API_KEY)."
    })
public final class CliMain {
  static final int EXIT_OK = 0;
  static final int EXIT_REFUSED = 1;
  static final int EXIT_USAGE = 2;

  private final Supplier<Settings> settings;

  CliMain(Supplier<Settings> settings) {
    this.settings = settings;
  }

  /** The settings of the environment, read for each command. */
  Settings settings() {
    return settings.get();
  }

  /** Opens the service for one command; the command closes it. */
  MemoryService openService() {
    return openComponent(settings()).memoryService();
  }

  /**
   * Opens everything for one command. Commands only queue their changes: a running server (or the
   * next one) pushes them, so no command but {@code sync now} waits on the network. Closing the
   * component's memory service closes the rest.
   */
  MemoryComponent openComponent(Settings settings) {
    ClaudeMemory.keepSqliteLibraryUnderHome(settings);
    return ClaudeMemory.openComponent(settings, SyncRole.QUEUE_ONLY);
  }

  /** Doctor, backups and restores on these settings' database. */
  Maintenance maintenance(Settings settings) {
    // doctor creates nothing, so no MEMORY_HOME just for the library
    if (Files.isDirectory(settings.home())) {
      ClaudeMemory.keepSqliteLibraryUnderHome(settings);
    }
    return Maintenance.of(settings);
  }

  public static void main(String[] args) {
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new CliMain(SettingsParser::fromEnvironment));
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler(new UsageErrors());
    commandLine.setExecutionExceptionHandler(
        (exception, line, parseResult) -> {
          line.getErr().println("claude-memory: " + exception.getMessage());
          if (exception instanceof InvalidInputException
              && SettingsParser.isVariable(((InvalidInputException) exception).field())) {
            return EXIT_USAGE;
          }
          if (exception instanceof InvalidInputException) {
            return EXIT_REFUSED;
          }
          if (exception instanceof MemoryException) {
            return EXIT_REFUSED;
          }
          throw exception;
        });
    return commandLine.execute(args);
  }

  /** Reads the version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = CliMain.class.getPackage().getImplementationVersion();
      return new String[] {"claude-memory " + (version == null ? "development" : version)};
    }
  }
}
