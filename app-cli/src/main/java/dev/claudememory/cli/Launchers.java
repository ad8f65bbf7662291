package dev.claudememory.cli;

import dev.claudememory.core.InvalidInputException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The launchers in {@code bin/} of the build this command runs from. The jar sits at {@code
 * <root>/app-cli/target/claude-memory-cli.jar} (classes at {@code <root>/app-cli/target/classes}),
 * so both are three folders below the root that holds {@code bin/}.
 */
final class Launchers {
  static final String MCP_SERVER = "claude-memory-mcp";

  private Launchers() {}

  /**
   * The absolute, symlink-free path of the MCP server's launcher.
   *
   * @throws InvalidInputException when it is not there, as when the jar was copied out of its build
   */
  static Path mcpServer() {
    Path launcher = root().resolve("bin").resolve(MCP_SERVER);
    if (!Files.isExecutable(launcher)) {
      throw new InvalidInputException(
          "launcher",
          "the MCP server's launcher " + launcher + " is missing; run claude-memory from its build folder"
              + " (see README: Quick start)");
    }
    try {
      return launcher.toRealPath();
    } catch (IOException e) {
      throw new InvalidInputException("launcher", "the MCP server's launcher " + launcher + " cannot be read: " + e.getMessage());
    }
  }

  private static Path root() {
    try {
      Path code = Path.of(Launchers.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path real = Files.exists(code) ? code.toRealPath() : code.toAbsolutePath();
      return real.getParent().getParent().getParent();
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("the location of claude-memory's own code is unreadable", e);
    }
  }
}
