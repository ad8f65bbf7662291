package dev.claudememory.sqlite;

import dev.claudememory.core.StorageException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Brings a database file to the current schema with Flyway. A Python-era file has tables but no
 * history table, so it is baselined at version 0 and then gets V1 and on; a new or empty file
 * runs V1 and on directly. {@code migrate()} validates what was applied before first.
 *
 * <p>Several processes may start on one new file at once (two assistant sessions). Flyway takes no
 * lock on SQLite, and its migration transactions start deferred, so the loser of the race gets
 * SQLITE_BUSY; the whole migrate is then retried as writes are, and finds the work done or
 * continues it (each migration and its history row commit together).
 */
final class Migrations {
  private static final System.Logger LOG = System.getLogger(Migrations.class.getName());
  static final String LOCATION = "classpath:db/migration/sqlite";

  /** Every migration's version, oldest first; a test holds this to what Flyway finds. */
  static final List<String> VERSIONS = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11");
  /** The highest migration version this build has; a test keeps it equal to the newest one. */
  static final int LATEST_VERSION = 11;

  private Migrations() {}

  /**
   * Brings the file to the current schema. A file whose history shows every migration of this
   * build applied (or newer ones, which are additive) is left alone without starting Flyway,
   * whose start-up and classpath scan cost more than everything else in opening a database.
   */
  static void migrate(Path file, SQLiteConfig config, WriteRetry retry) {
    if (isCurrent(file)) {
      return;
    }
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl("jdbc:sqlite:" + file);
    Flyway flyway =
        Flyway.configure(Migrations.class.getClassLoader())
            .dataSource(dataSource)
            .locations(LOCATION)
            // registered by hand: classpath scanning misses classes in a shaded jar
            .javaMigrations(new V2__AdoptPythonShapes(), new V4__ContentKeys())
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .baselineDescription("Python-era database")
            .load();
    long started = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      try {
        flyway.migrate();
        return;
      } catch (FlywayException e) {
        if (!SqliteErrors.isBusy(e)) {
          throw SqliteErrors.storage("prepare", file, e);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        Optional<Duration> delay = retry.delayAfter(attempt, elapsed, ThreadLocalRandom.current());
        if (delay.isEmpty()) {
          throw SqliteErrors.storage("prepare", file, e);
        }
        LOG.log(
            Level.DEBUG,
            "Another process is migrating {0}; trying again in {1} ms",
            file,
            delay.get().toMillis());
        pause(file, delay.get());
      }
    }
  }

  /**
   * Whether the file's Flyway history shows this build's migrations all applied with success.
   * Any doubt (no history, a failed row, an unreadable table) answers false: Flyway then decides.
   */
  static boolean isCurrent(Path file) {
    try (Connection connection = new SQLiteConfig().createConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement();
        ResultSet history =
            statement.executeQuery(
                "SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL")) {
      int highest = -1;
      while (history.next()) {
        if (!history.getBoolean("success")) {
          return false;
        }
        highest = Math.max(highest, majorVersion(history.getString("version")));
      }
      return highest >= LATEST_VERSION;
    } catch (SQLException | NumberFormatException e) {
      return false;
    }
  }

  private static int majorVersion(String version) {
    int dot = version.indexOf('.');
    return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
  }

  private static void pause(Path file, Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("Interrupted while preparing the memory database " + file, e);
    }
  }
}
