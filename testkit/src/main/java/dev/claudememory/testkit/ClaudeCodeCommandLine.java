package dev.claudememory.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Claude Code's own command line, npm's {@code @anthropic-ai/claude-code} at {@value #VERSION}, for
 * the checks that run it as a user does. {@link #installed} takes the one named in {@value
 * #CLI_VARIABLE} ({@code .ci/run} installs it once and sets it); without it, the one in a folder the
 * test gives, installing it there first when needed: with npm when npm is on the PATH, otherwise
 * with a Node.js and npm fetched from the npm registry into that folder, so the checks need only a
 * JDK. Every step is bounded in time, and every process started here is stopped.
 */
public final class ClaudeCodeCommandLine {
  public static final String VERSION = "2.1.328";
  public static final String PACKAGE = "@anthropic-ai/claude-code@" + VERSION;
  /** The path of an installed {@code claude} of that version, as {@code .ci/run} passes it. */
  public static final String CLI_VARIABLE = "CLAUDE_CODE_CLI";
  private static final Duration VERSION_LIMIT = Duration.ofMinutes(2);
  private static final Duration INSTALL_LIMIT = Duration.ofMinutes(5);
  private static final Pattern THIS_VERSION = Pattern.compile("(^|\\s)" + Pattern.quote(VERSION) + "(\\s|$)");
  private static final System.Logger LOG = System.getLogger(ClaudeCodeCommandLine.class.getName());

  /** What one run printed (stdout and stderr together) and its exit status. */
  public record Run(int exitCode, String output) {}

  private ClaudeCodeCommandLine() {}

  /**
   * An installed {@code claude} of {@value #VERSION}: {@value #CLI_VARIABLE}'s, or the one in
   * {@code folder} (which should be outside the checkout), installed there when it is not yet.
   *
   * @throws IllegalStateException when {@value #CLI_VARIABLE} names something else, or when it
   *     cannot be installed; the message says why and what would help
   */
  public static Path installed(Path folder) throws IOException, InterruptedException {
    String given = System.getenv(CLI_VARIABLE);
    if (given != null && !given.isBlank()) {
      Path claude = Path.of(given);
      if (!isThisVersion(claude)) {
        throw new IllegalStateException(CLI_VARIABLE + " names " + given + ", which is not an installed claude " + VERSION);
      }
      return claude;
    }
    Path claude = folder.resolve("node_modules/.bin/claude");
    if (isThisVersion(claude)) {
      return claude;
    }
    Files.createDirectories(folder);
    List<String> install = new ArrayList<>();
    String path = System.getenv().getOrDefault("PATH", "");
    Optional<Path> npm = onPath("npm", path);
    if (npm.isPresent()) {
      install.add(npm.get().toString());
    } else {
      LOG.log(System.Logger.Level.INFO, "npm is not on the PATH: fetching Node.js and npm from the npm registry into {0}", folder);
      NodeFromNpmRegistry.Installed node = NodeFromNpmRegistry.fetchInto(folder);
      install.addAll(List.of(node.node().toString(), node.npmCli().toString()));
      // Claude Code's install script runs "node" from the PATH
      path = node.node().getParent() + File.pathSeparator + path;
    }
    install.addAll(List.of("install", "--prefix", folder.toString(), "--no-audit", "--no-fund", "--no-save", PACKAGE));
    LOG.log(System.Logger.Level.INFO, "Installing {0} into {1}", PACKAGE, folder);
    Run run = run(install, folder, Map.of("PATH", path), INSTALL_LIMIT);
    if (run.exitCode() != 0) {
      throw new IllegalStateException(String.join(" ", install) + " failed (exit " + run.exitCode() + "):\n" + run.output());
    }
    if (!isThisVersion(claude)) {
      throw new IllegalStateException("npm installed " + PACKAGE + ", but " + claude + " is not claude " + VERSION);
    }
    return claude;
  }

  /** Whether {@code claude --version} names {@value #VERSION}. */
  static boolean isThisVersion(Path claude) throws IOException, InterruptedException {
    if (!Files.isExecutable(claude)) {
      return false;
    }
    Path directory = claude.toAbsolutePath().getParent();
    Run version = run(List.of(claude.toString(), "--version"), directory, Map.of(), VERSION_LIMIT);
    return version.exitCode() == 0 && THIS_VERSION.matcher(version.output().strip()).find();
  }

  /**
   * Runs a command to its end within {@code limit}, with this environment over this machine's,
   * less its own Claude Code, Anthropic and memory settings; the command and all it started are
   * stopped when the limit passes.
   *
   * @throws AssertionError when the command did not end within {@code limit}
   */
  public static Run run(List<String> command, Path directory, Map<String, String> environment, Duration limit)
      throws IOException, InterruptedException {
    Path output = Files.createTempFile("claude-code-", ".out");
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("MEMORY_") || name.startsWith("CLAUDE_")
        || name.startsWith("ANTHROPIC_"));
    builder.environment().putAll(environment);
    Process process = builder.start();
    try {
      process.getOutputStream().close();
      if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
        throw new AssertionError(String.join(" ", command) + " did not end within " + limit.toSeconds() + " s");
      }
      return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      if (process.isAlive()) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      Files.deleteIfExists(output);
    }
  }

  private static Optional<Path> onPath(String name, String path) {
    for (String entry : path.split(File.pathSeparator)) {
      Path candidate = Path.of(entry.isEmpty() ? "." : entry, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
