package dev.claudememory.config;

import dev.claudememory.core.InvalidInputException;
import dev.claudememory.core.recall.ResultBudget;
import dev.claudememory.core.remote.ApiKey;
import static java.util.Objects.requireNonNull;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@link Settings} from environment variables (SPEC §2), with the names, aliases and defaults
 * of the Python version so that users keep their configuration.
 *
 * <p>An empty or blank {@code MEMORY_*} value counts as unset and falls through to its {@code
 * CLAUDE_MEMORY_*} alias. A bad value is refused with one {@link
 * dev.claudememory.core.InvalidInputException} whose field is the variable and whose message names
 * it and the value (never the API key's).
 */
public final class SettingsParser {
  public static final String API_URL = "MEMORY_API_URL";
  public static final String API_URL_ALIAS = "CLAUDE_MEMORY_API_URL";
  public static final String API_KEY = "MEMORY_API_KEY";
  public static final String API_KEY_ALIAS = "CLAUDE_MEMORY_API_KEY";
  public static final String HOME = "MEMORY_HOME";
  public static final String DB = "MEMORY_DB";
  public static final String SYNC_INTERVAL = "MEMORY_SYNC_INTERVAL";
  public static final String SYNC_DISABLE = "MEMORY_SYNC_DISABLE";
  public static final String RECALL_TIMEOUT = "MEMORY_RECALL_TIMEOUT";
  public static final String MAX_RESULT_CHARS = "MEMORY_MAX_RESULT_CHARS";
  public static final String ALLOW_DUPLICATES = "MEMORY_ALLOW_DUPLICATES";
  public static final String SEMANTIC = "MEMORY_SEMANTIC";
  public static final String SEMANTIC_UNLOAD_AFTER = "MEMORY_SEMANTIC_UNLOAD_AFTER";

  public static final URI DEFAULT_API_URL = URI.create("http://localhost:8080");
  public static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofSeconds(60);
  public static final Duration DEFAULT_RECALL_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_SEMANTIC_UNLOAD_AFTER = Duration.ofMinutes(30);

  /** Upper bound of the interval and the timeout: larger values are typos, and overflow timers. */
  public static final long MAX_SECONDS = 86_400;

  /** Upper bound of the result budget: larger values are typos (no context window holds more). */
  public static final int MAX_RESULT_CHARS_LIMIT = 10_000_000;

  /** Every variable read, in the order {@code --help} shows them. */
  public static final List<EnvironmentVariable> VARIABLES =
      List.of(
          new EnvironmentVariable(
              API_URL,
              Optional.of(API_URL_ALIAS),
              "base URL of the remote memory API (http or https)",
              DEFAULT_API_URL.toString()),
          new EnvironmentVariable(
              API_KEY,
              Optional.of(API_KEY_ALIAS),
              "bearer key of the API; setting it turns on hybrid mode (local database + sync)",
              "none: local-only mode"),
          new EnvironmentVariable(
              HOME, Optional.empty(), "data directory", "~/.claude/claude-memory"),
          new EnvironmentVariable(
              DB,
              Optional.empty(),
              "SQLite database file",
              "$MEMORY_HOME/memory/memory.db, or ~/.claude/metaclaw/memory/memory.db when only"
                  + " that legacy file exists"),
          new EnvironmentVariable(
              SYNC_INTERVAL,
              Optional.empty(),
              "seconds between background sync cycles",
              Long.toString(DEFAULT_SYNC_INTERVAL.getSeconds())),
          new EnvironmentVariable(
              SYNC_DISABLE,
              Optional.empty(),
              "on (1, true, yes or on) = remote-only mode: no local database, every call goes to"
                  + " the API (needs MEMORY_API_KEY); off: 0, false, no or off",
              "unset"),
          new EnvironmentVariable(
              RECALL_TIMEOUT,
              Optional.empty(),
              "seconds a remote recall may take before it gives up",
              Long.toString(DEFAULT_RECALL_TIMEOUT.getSeconds())),
          new EnvironmentVariable(
              MAX_RESULT_CHARS,
              Optional.empty(),
              "characters a recall or list answer may take (at least "
                  + ResultBudget.MIN_MAX_CHARS
                  + "); long contents are cut and the rest counted",
              Integer.toString(ResultBudget.DEFAULT_MAX_CHARS)),
          new EnvironmentVariable(
              ALLOW_DUPLICATES,
              Optional.empty(),
              "on (1, true, yes or on) = store content a memory already holds again, instead of"
                  + " answering that memory's id; off: 0, false, no or off",
              "unset"),
          new EnvironmentVariable(
              SEMANTIC,
              Optional.empty(),
              "off = recall by words only: the embedding model is never loaded (on = by words"
                  + " and by meaning)",
              "on"),
          new EnvironmentVariable(
              SEMANTIC_UNLOAD_AFTER,
              Optional.empty(),
              "seconds without a recall after which the embedding model is unloaded (the next"
                  + " recall loads it again)",
              Long.toString(DEFAULT_SEMANTIC_UNLOAD_AFTER.getSeconds())));

  /** Read by the launchers in {@code bin/}, not by Java code, so {@link #VARIABLES} leaves it out. */
  public static final EnvironmentVariable JAVA_OPTS =
      new EnvironmentVariable(
          "MEMORY_JAVA_OPTS", Optional.empty(), "extra JVM options for the launchers in bin/", "none");

  /**
   * Read by the prompt hook of the Claude Code plugin alone ({@code claude-memory hook
   * user-prompt-submit}), not by the settings, so {@link #VARIABLES} leaves it out.
   */
  public static final String PROMPT_RECALL = "MEMORY_PROMPT_RECALL";

  private static final EnvironmentVariable PROMPT_RECALL_VARIABLE =
      new EnvironmentVariable(
          PROMPT_RECALL,
          Optional.empty(),
          "off (0, false, no or off) = the Claude Code plugin's prompt hook adds no memories to"
              + " prompts (on: 1, true, yes or on)",
          "on");

  private SettingsParser() {}

  /**
   * Every variable a person may set, in the order help shows them: {@link #VARIABLES}, then
   * {@link #PROMPT_RECALL} and {@link #JAVA_OPTS}.
   */
  public static List<EnvironmentVariable> documentedVariables() {
    List<EnvironmentVariable> all = new ArrayList<>(VARIABLES);
    all.add(PROMPT_RECALL_VARIABLE);
    all.add(JAVA_OPTS);
    return List.copyOf(all);
  }

  /** Whether this is the name (or alias) of a variable the settings are read from. */
  public static boolean isVariable(String name) {
    return VARIABLES.stream()
        .anyMatch(variable -> variable.name().equals(name) || variable.alias().filter(name::equals).isPresent());
  }

  /** Settings from this process's environment (see {@link #userHome} for {@code ~}). */
  public static Settings fromEnvironment() {
    Map<String, String> environment = System.getenv();
    return parse(environment, userHome(environment, Path.of(System.getProperty("user.home"))));
  }

  /**
   * Whether an API key is set, without reading any other setting: cheap enough for the protocol's
   * start, which offers the sharing tools only with a key.
   */
  public static boolean apiKeySet(Map<String, String> environment) {
    return lookup(requireNonNull(environment, "environment"), API_KEY, API_KEY_ALIAS).isPresent();
  }

  /**
   * Whether the environment asks for remote-only mode (an API key and {@code MEMORY_SYNC_DISABLE}
   * on), without reading any other setting: cheap enough for the protocol's start, whose tool
   * listing says which tools reach the API. A switch that is not a switch is no such request here;
   * opening the service reports it.
   */
  public static boolean remoteOnly(Map<String, String> environment) {
    if (!apiKeySet(environment)) {
      return false;
    }
    try {
      return lookup(environment, SYNC_DISABLE, null).map(SettingValue::asSwitch).orElse(false);
    } catch (InvalidInputException e) {
      return false;
    }
  }

  /**
   * What {@code ~} means: {@code $HOME} when it is an absolute path, as Python's {@code expanduser}
   * reads it (so a user switching over finds the same files, and a test can point the whole product
   * elsewhere), else the account's home directory.
   */
  static Path userHome(Map<String, String> environment, Path accountHome) {
    String home = environment.get("HOME");
    if (home != null && !home.isBlank()) {
      try {
        Path path = Path.of(home);
        if (path.isAbsolute()) {
          return path;
        }
      } catch (InvalidPathException e) {
        // an unusable $HOME is no reason to refuse to start: the account's home still is one
      }
    }
    return accountHome;
  }

  /**
   * Settings from an environment.
   *
   * @param environment variable names to values, as {@link System#getenv()} gives them
   * @param userHome what {@code ~} stands for, also in the legacy database path
   * @throws dev.claudememory.core.InvalidInputException for the first invalid value
   */
  public static Settings parse(Map<String, String> environment, Path userHome) {
    requireNonNull(environment, "environment");
    Path home = requireNonNull(userHome, "userHome").toAbsolutePath().normalize();

    URI apiUrl =
        lookup(environment, API_URL, API_URL_ALIAS)
            .map(SettingValue::asHttpUrl)
            .orElse(DEFAULT_API_URL);
    Optional<ApiKey> apiKey =
        lookup(environment, API_KEY, API_KEY_ALIAS)
            .map(value -> ApiKey.of(value.variable(), value.text()));

    PathExpander plain = new PathExpander(environment::get, home);
    Path dataHome =
        lookup(environment, HOME, null)
            .map(plain::expand)
            .orElse(home.resolve(".claude").resolve("claude-memory"));
    // "$MEMORY_HOME" in MEMORY_DB means the data directory in effect, default included
    String dataHomeText = dataHome.toString();
    PathExpander withHome =
        new PathExpander(name -> HOME.equals(name) ? dataHomeText : environment.get(name), home);
    Path database =
        lookup(environment, DB, null)
            .map(withHome::expand)
            .orElseGet(() -> defaultDatabase(dataHome, home));

    Duration syncInterval =
        lookup(environment, SYNC_INTERVAL, null)
            .map(value -> value.asSeconds(DEFAULT_SYNC_INTERVAL, MAX_SECONDS))
            .orElse(DEFAULT_SYNC_INTERVAL);
    boolean syncDisabled =
        lookup(environment, SYNC_DISABLE, null).map(SettingValue::asSwitch).orElse(false);
    Duration recallTimeout =
        lookup(environment, RECALL_TIMEOUT, null)
            .map(value -> value.asSeconds(DEFAULT_RECALL_TIMEOUT, MAX_SECONDS))
            .orElse(DEFAULT_RECALL_TIMEOUT);
    int maxResultChars =
        lookup(environment, MAX_RESULT_CHARS, null)
            .map(
                value ->
                    value.asWholeNumber(
                        "characters",
                        ResultBudget.DEFAULT_MAX_CHARS,
                        ResultBudget.MIN_MAX_CHARS,
                        MAX_RESULT_CHARS_LIMIT))
            .orElse(ResultBudget.DEFAULT_MAX_CHARS);
    boolean allowDuplicates =
        lookup(environment, ALLOW_DUPLICATES, null).map(SettingValue::asSwitch).orElse(false);

    boolean semantic = lookup(environment, SEMANTIC, null).map(SettingValue::asSwitch).orElse(true);
    Duration semanticUnloadAfter =
        lookup(environment, SEMANTIC_UNLOAD_AFTER, null)
            .map(value -> value.asSeconds(DEFAULT_SEMANTIC_UNLOAD_AFTER, MAX_SECONDS))
            .orElse(DEFAULT_SEMANTIC_UNLOAD_AFTER);

    return new Settings(
        apiUrl,
        apiKey,
        dataHome,
        database,
        syncInterval,
        syncDisabled,
        recallTimeout,
        maxResultChars,
        allowDuplicates,
        semantic,
        semanticUnloadAfter);
  }

  /** The variable's value, else its alias's; empty and blank values count as unset. */
  private static Optional<SettingValue> lookup(
      Map<String, String> environment, String name, String alias) {
    String value = environment.get(name);
    if (value != null && !value.isBlank()) {
      return Optional.of(new SettingValue(name, value));
    }
    if (alias != null) {
      String aliasValue = environment.get(alias);
      if (aliasValue != null && !aliasValue.isBlank()) {
        return Optional.of(new SettingValue(alias, aliasValue));
      }
    }
    return Optional.empty();
  }

  private static Path defaultDatabase(Path dataHome, Path userHome) {
    Path database = dataHome.resolve("memory").resolve("memory.db");
    Path legacy =
        userHome.resolve(".claude").resolve("metaclaw").resolve("memory").resolve("memory.db");
    // notExists, not !exists: a file we merely cannot see must not send us to another database
    if (Files.notExists(database) && Files.isRegularFile(legacy)) {
      // the logger is looked up here, not when the class loads: the MCP handshake reads the API key
      // setting before logging is needed, and setting logging up costs it tens of milliseconds
      System.getLogger(SettingsParser.class.getName())
          .log(Level.INFO, "Using the legacy database {0} ({1} does not exist)", legacy, database);
      return legacy;
    }
    return database;
  }
}
