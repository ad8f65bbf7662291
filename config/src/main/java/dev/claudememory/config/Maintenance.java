package dev.claudememory.config;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.maintenance.ApiCheck;
import dev.claudememory.core.maintenance.Check;
import dev.claudememory.core.maintenance.CheckStatus;
import dev.claudememory.core.maintenance.DatabaseChecks;
import dev.claudememory.core.maintenance.FileChecks;
import dev.claudememory.core.maintenance.LogFileCheck;
import dev.claudememory.core.port.DatabaseBackups;
import dev.claudememory.core.remote.ApiKey;
import dev.claudememory.http.HttpRemoteMemoryApi;
import dev.claudememory.http.HttpTimeouts;
import dev.claudememory.sqlite.SqliteBackups;
import dev.claudememory.sqlite.SqliteDatabaseInspector;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Looking after the local database without opening the memory service: backups, restores, and
 * {@code doctor}'s checks of the settings, files, database, memory API and log file. Nothing here
 * creates or migrates the database.
 */
public final class Maintenance {
  /** The MCP server's log file under {@code MEMORY_HOME}, where its launcher writes it. */
  private static final String SERVER_LOG = "logs/mcp-server.log";

  /** Short: doctor answers in seconds even when the API never does. */
  private static final HttpTimeouts API_TIMEOUTS =
      new HttpTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(5));

  private final Settings settings;
  private final Clock clock;

  private Maintenance(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  public static Maintenance of(Settings settings) {
    return new Maintenance(requireNonNull(settings, "settings"), Clock.systemUTC());
  }

  /** {@code MEMORY_HOME/backups}: backups on request, before migrations and before restores. */
  public static Path backupFolder(Settings settings) {
    return settings.home().resolve("backups");
  }

  public DatabaseBackups backups() {
    return new SqliteBackups(settings.database(), backupFolder(settings), clock);
  }

  /** Every check, in the order a person reads them; the API is asked with short timeouts. */
  public List<Check> doctor() {
    List<Check> checks = new ArrayList<>();
    checks.add(Check.ok("settings", describeSettings()));
    Path home = settings.home().toAbsolutePath().normalize();
    boolean databaseUnderHome =
        settings.mode() != Mode.REMOTE_ONLY
            && settings.database().toAbsolutePath().normalize().startsWith(home);
    checks.add(FileChecks.home(home, databaseUnderHome));
    if (settings.mode() == Mode.REMOTE_ONLY) {
      checks.add(Check.ok("database", "not used: remote-only mode (MEMORY_SYNC_DISABLE is on)"));
    } else {
      Path database = settings.database().toAbsolutePath().normalize();
      checks.add(
          FileChecks.folder(
              "database folder", database.getParent(), "it is created (0700) with the database"));
      FileChecks.databaseFile(database).ifPresent(checks::add);
      DatabaseChecks explain =
          new DatabaseChecks(
              database,
              backupFolder(settings),
              settings.mode() == Mode.HYBRID,
              clock,
              pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
      checks.addAll(explain.explain(new SqliteDatabaseInspector().inspect(database)));
      checks.add(
          FileChecks.folder(
              "backups folder",
              backupFolder(settings),
              "it is created (0700) with the first backup",
              // backups and the copy taken before a migration need it; the memories do not
              CheckStatus.WARN));
    }
    checks.add(apiCheck());
    checks.add(LogFileCheck.of(settings.home().resolve(SERVER_LOG)));
    return checks;
  }

  private String describeSettings() {
    String api =
        settings.apiKey().isPresent()
            ? "API " + settings.apiUrl() + " with a key (not shown)"
            : "no API key";
    return modeName()
        + " mode; MEMORY_HOME "
        + settings.home()
        + "; database "
        + settings.database()
        + "; "
        + api;
  }

  private String modeName() {
    switch (settings.mode()) {
      case LOCAL_ONLY:
        return "local-only";
      case HYBRID:
        return "hybrid";
      case REMOTE_ONLY:
        return "remote-only";
      default:
        throw new AssertionError(settings.mode());
    }
  }

  private Check apiCheck() {
    if (settings.apiKey().isEmpty()) {
      return ApiCheck.notUsed();
    }
    ApiKey key = settings.apiKey().get();
    try (HttpRemoteMemoryApi api =
        HttpRemoteMemoryApi.create(settings.apiUrl(), key, API_TIMEOUTS)) {
      return ApiCheck.of(
          settings.apiUrl().toString(), api.checkAuth(), settings.mode() == Mode.REMOTE_ONLY);
    }
  }
}
