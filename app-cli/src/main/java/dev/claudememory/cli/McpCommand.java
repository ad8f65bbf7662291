package dev.claudememory.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;

/**
 * Runs the MCP server. The CLI may not depend on the server's module (each app is its own entry
 * point), so this starts the server's launcher as a child that shares this process's stdin, stdout,
 * stderr and environment: nothing of the protocol passes through this JVM, which prints nothing.
 * {@code bin/claude-memory mcp} skips this JVM altogether by exec-ing the launcher itself.
 */
@Command(
    name = "mcp",
    mixinStandardHelpOptions = true,
    modelTransformer = EnvironmentSection.class,
    description = {
      "Run the MCP stdio server (bin/claude-memory-mcp): JSON-RPC on stdin and stdout, logs on stderr"
          + " and in $MEMORY_HOME/logs. MCP clients start it themselves; see 'install'.",
      "Its settings are the environment variables below."
    })
final class McpCommand implements Callable<Integer> {
  private static final long STOP_SECONDS = 10;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Path launcher = Launchers.mcpServer();
    Process server = new ProcessBuilder(launcher.toString()).inheritIO().start();
    // A TERM to this process reaches the server too, so it closes its database before both end
    Thread stopServer =
        new Thread(
            () -> {
              server.destroy();
              try {
                server.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "mcp-server-stop");
    Runtime.getRuntime().addShutdownHook(stopServer);
    try {
      return server.waitFor();
    } finally {
      Runtime.getRuntime().removeShutdownHook(stopServer);
    }
  }
}
