package dev.claudememory.cli;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where {@code install} and {@code uninstall} register the server, and whether to only say so. */
final class ClaudeCodeOptions {
  private static final String USER = "user";
  private static final String PROJECT = "project";

  @Spec(Spec.Target.MIXEE)
  private CommandSpec spec;

  private String scope;

  @Option(names = "--dry-run", description = "Say what would be done, and change nothing.")
  private boolean dryRun;

  /** The scope names of Claude Code's that these commands offer, for help and completion. */
  static final class Scopes implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of(USER, PROJECT).iterator();
    }
  }

  @Option(
      names = "--scope",
      paramLabel = "SCOPE",
      defaultValue = USER,
      completionCandidates = Scopes.class,
      description =
          "user (all your projects: ~/.claude.json) or project (.mcp.json in this folder, shared"
              + " through version control); default ${DEFAULT-VALUE}.")
  void scope(String value) {
    if (!value.equals(USER) && !value.equals(PROJECT)) {
      throw new ParameterException(
          spec.commandLine(), "Invalid value for option '--scope': '" + value + "' (expected user or project)");
    }
    scope = value;
  }

  String scope() {
    return scope;
  }

  boolean dryRun() {
    return dryRun;
  }

  /**
   * The file Claude Code keeps this scope's servers in: {@code .claude.json} in {@code
   * $CLAUDE_CONFIG_DIR}, else in the home folder, for the user scope; {@code .mcp.json} in the
   * current folder for the project scope.
   */
  Path configFile(Map<String, String> environment, Path workingFolder) {
    if (scope.equals(PROJECT)) {
      return workingFolder.resolve(".mcp.json");
    }
    String configDir = environment.get("CLAUDE_CONFIG_DIR");
    if (configDir != null && !configDir.isBlank()) {
      return Path.of(configDir).resolve(".claude.json");
    }
    String home = environment.get("HOME");
    return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home")).resolve(".claude.json");
  }
}
