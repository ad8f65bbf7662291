package dev.claudememory.mcp;

import dev.claudememory.config.EnvironmentVariable;
import dev.claudememory.config.SettingsParser;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Set;

/**
 * The server's command line. An MCP client starts it without arguments; a person who runs it by
 * hand with {@code --help} or {@code --version} gets an answer instead of a server waiting on the
 * terminal, and any other argument is refused.
 */
final class ServerArguments {
  static final int EXIT_OK = 0;
  static final int EXIT_USAGE = 2;
  private static final String NAME = "claude-memory-mcp";
  private static final Set<String> KNOWN = Set.of("--help", "-h", "--version", "-V");

  private ServerArguments() {}

  /**
   * Answers {@code --help} or {@code --version}, or refuses the arguments, and returns the exit
   * status. Help goes to {@code out}: no protocol session runs then.
   *
   * @param args at least one argument
   */
  static int answer(String[] args, PrintStream out, PrintStream err, String version) {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      out.print(usage());
      out.flush();
      return EXIT_OK;
    }
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      out.println(NAME + " " + version);
      out.flush();
      return EXIT_OK;
    }
    String refused =
        Arrays.stream(args).filter(argument -> !KNOWN.contains(argument)).findFirst().orElse(String.join(" ", args));
    err.println(
        NAME + ": unknown argument '" + refused + "'; the server takes none but one of --help or"
            + " --version (an MCP client starts it and speaks JSON-RPC on its stdin and stdout); see "
            + NAME + " --help");
    return EXIT_USAGE;
  }

  static String usage() {
    StringBuilder text = new StringBuilder();
    text.append("Usage: ").append(NAME).append(" [-h | --help | -V | --version]\n")
        .append("The claude-memory MCP stdio server: persistent memory for AI assistants, on a local\n")
        .append("SQLite database, synced with a memory API when MEMORY_API_KEY is set.\n")
        .append("An MCP client (such as Claude Code) starts it without arguments and speaks JSON-RPC\n")
        .append("on its stdin and stdout; logs go to stderr and $MEMORY_HOME/logs/mcp-server.log.\n")
        .append("Register it with Claude Code: claude-memory install\n")
        .append("  -h, --help      Show this help and exit.\n")
        .append("  -V, --version   Print the version and exit.\n")
        .append("\nEnvironment:\n");
    int width =
        SettingsParser.documentedVariables().stream()
            .mapToInt(variable -> variable.name().length())
            .max()
            .orElse(0);
    String indent = " ".repeat(width + 4);
    for (EnvironmentVariable variable : SettingsParser.documentedVariables()) {
      text.append("  ").append(variable.name()).append(" ".repeat(width - variable.name().length() + 2))
          .append(variable.description()).append('\n');
      variable.alias().ifPresent(alias -> text.append(indent).append("alias: ").append(alias).append('\n'));
      text.append(indent).append("default: ").append(variable.defaultValue()).append('\n');
    }
    return text.toString();
  }
}
