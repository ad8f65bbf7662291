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
import java.io.PrintStream;
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
      HookCommand.class,
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
  private final HookAnswer hookAnswer;

  CliMain(Supplier<Settings> settings) {
    this(settings, HookAnswer.unbounded());
  }

  CliMain(Supplier<Settings> settings, HookAnswer hookAnswer) {
    this.settings = settings;
    this.hookAnswer = hookAnswer;
  }

  /** The bound on a hook's answer: unbounded unless this process runs a hook. */
  HookAnswer hookAnswer() {
    return hookAnswer;
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
    if (args.length > 0 && args[0].equals(HookCommand.NAME)) {
      // Claude Code reads a hook's stdout as its answer, and exit status 2 would block the prompt:
      // nothing but the answer goes to stdout, and the status is always 0
      PrintStream answer = System.out;
      System.setOut(System.err);
      HookAnswer bound = HookAnswer.boundedFromNow();
      try {
        if (UserPromptSubmitHook.isRunBy(args)) {
          // run before every prompt: without the command line's model, which takes long to build
          UserPromptSubmitHook.respond(
              new CliMain(SettingsParser::fromEnvironment, bound), System.in, new PrintWriter(answer, true));
        } else {
          run(args, new PrintWriter(answer, true), new PrintWriter(System.err, true), bound);
        }
      } finally {
        // even a failure the hook itself did not catch ends with status 0
        System.exit(EXIT_OK);
      }
    }
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, out, err, HookAnswer.unbounded());
  }

  private static int run(String[] args, PrintWriter out, PrintWriter err, HookAnswer hookAnswer) {
    CommandLine commandLine = new CommandLine(new CliMain(SettingsParser::fromEnvironment, hookAnswer));
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
