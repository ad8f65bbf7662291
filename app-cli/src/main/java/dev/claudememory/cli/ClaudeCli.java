package dev.claudememory.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Claude Code's own {@code claude} command, which knows its config files best: install and
 * uninstall go through {@code claude mcp add} and {@code claude mcp remove} when it is on the PATH.
 */
final class ClaudeCli {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Path executable;

  private ClaudeCli(Path executable) {
    this.executable = executable;
  }

  /** The first executable {@code claude} on this PATH, as a shell would find it. */
  static Optional<ClaudeCli> onPath(String path) {
    if (path == null) {
      return Optional.empty();
    }
    for (String folder : path.split(File.pathSeparator)) {
      if (folder.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(folder, "claude");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(new ClaudeCli(candidate.toAbsolutePath()));
      }
    }
    return Optional.empty();
  }

  /** What one run printed (stdout and stderr together) and its exit status. */
  record Run(int exitCode, String output) {}

  /**
   * Runs {@code claude} with these arguments, bounded in time; its stdin is closed so that it can
   * never wait for an answer.
   */
  Run run(List<String> arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(arguments);
    // Output goes to an owner-only temporary file rather than a pipe, so no drain thread is needed
    Path output = Files.createTempFile("claude-memory-claude-", ".out");
    try {
      Process process =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      process.getOutputStream().close();
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        return new Run(-1, "claude did not finish within " + TIMEOUT.toSeconds() + " s and was stopped");
      }
      return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /**
   * A command line as a person reads it. It holds no secret: settings that are secrets never go
   * on claude's command line, which every user of the machine can read.
   */
  static String shown(List<String> arguments) {
    List<String> words = new ArrayList<>(List.of("claude"));
    words.addAll(arguments);
    return String.join(" ", words);
  }
}
