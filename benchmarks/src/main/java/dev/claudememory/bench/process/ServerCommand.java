package dev.claudememory.bench.process;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/** How to start an MCP stdio server: ours through its launcher, or any other through bash. */
public record ServerCommand(String name, List<String> command) {
  public ServerCommand {
    requireNonNull(name, "name");
    command = List.copyOf(command);
  }

  /** {@code bin/claude-memory-mcp} of the repository: what users run. */
  public static ServerCommand ours(Path repository) {
    return new ServerCommand("ours", List.of(repository.resolve("bin").resolve("claude-memory-mcp").toString()));
  }

  /** Another server, started by a shell command line. */
  static ServerCommand other(String commandLine) {
    return new ServerCommand("other", List.of("bash", "-c", commandLine));
  }
}
