package dev.claudememory.cli;

import dev.claudememory.config.ClaudeMemory;
import dev.claudememory.config.Settings;
import dev.claudememory.config.SettingsParser;
import dev.claudememory.config.SyncRole;
import dev.claudememory.core.InvalidInputException;
import dev.claudememory.core.MemoryException;
import dev.claudememory.core.service.MemoryService;
import java.io.PrintWriter;
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
      UpdateCommand.class,
      DeleteCommand.class,
      SecretCommand.class,
      CountCommand.class
    },
    footerHeading = "%nEnvironment:%n",
    footer = {
      "  MEMORY_HOME            data directory (default ~/.claude/claude-memory)",
      "  MEMORY_DB              database file (default $MEMORY_HOME/memory/memory.db)",
      "  MEMORY_API_URL         memory API base URL (default http://localhost:8080)",
      "  MEMORY_API_KEY         API key; enables sync with the memory API",
      "  MEMORY_SYNC_INTERVAL   seconds between sync cycles (default 60)",
      "  MEMORY_SYNC_DISABLE    1 = remote-only mode, no local database",
      "  MEMORY_RECALL_TIMEOUT  seconds bound on a remote recall (default 30)",
      "  MEMORY_JAVA_OPTS       extra JVM options for the launchers in bin/",
      "",
      "Exit status: 0 done, 1 not found or input refused, 2 usage or configuration error."
    })
public final class CliMain {
  static final int EXIT_OK = 0;
  static final int EXIT_REFUSED = 1;
  static final int EXIT_USAGE = 2;

  private final Supplier<MemoryService> services;

  CliMain(Supplier<MemoryService> services) {
    this.services = services;
  }

  /** Opens the service for one command; the command closes it. */
  MemoryService openService() {
    return services.get();
  }

  public static void main(String[] args) {
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  static int run(String[] args, PrintWriter out, PrintWriter err) {
    Supplier<MemoryService> services =
        () -> {
          Settings settings = SettingsParser.fromEnvironment();
          return ClaudeMemory.open(settings, SyncRole.QUEUE_ONLY);
        };
    CommandLine commandLine = new CommandLine(new CliMain(services));
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(
        (exception, line, parseResult) -> {
          line.getErr().println("claude-memory: " + exception.getMessage());
          if (exception instanceof InvalidInputException
              && isSetting(((InvalidInputException) exception).field())) {
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

  private static boolean isSetting(String field) {
    return field.startsWith("MEMORY_") || field.startsWith("CLAUDE_MEMORY_");
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
