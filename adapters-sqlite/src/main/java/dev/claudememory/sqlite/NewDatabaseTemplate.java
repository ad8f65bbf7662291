package dev.claudememory.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * A new database already migrated: an empty file brought to the current schema by Flyway when
 * the build packages this module, and shipped with it. A new database file starts as a copy of
 * it, so the first start on a new machine opens a current file instead of starting Flyway, whose
 * class loading and migrations cost about 150 ms before the first tool call could be answered.
 * The copy is the very file Flyway made, history table included, so later migrations apply to it
 * as to any other.
 */
public final class NewDatabaseTemplate {
  static final String RESOURCE = "db/new-database.db";

  private NewDatabaseTemplate() {}

  /**
   * Builds the template at the path given, replacing what is there (the build runs this).
   *
   * @param args the path of the file to write
   */
  public static void main(String[] args) throws IOException, SQLException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: NewDatabaseTemplate <file to write>");
    }
    Path target = Path.of(args[0]).toAbsolutePath();
    Files.createDirectories(target.getParent());
    Path building = Files.createTempFile(target.getParent(), "new-database-", ".db");
    try {
      Migrations.migrate(building, SqliteOptions.DEFAULT.connectionConfig(), WriteRetry.DEFAULT);
      try (Connection connection = new SQLiteConfig().createConnection("jdbc:sqlite:" + building);
          Statement statement = connection.createStatement()) {
        // one self-contained file: no write-ahead log to ship beside it (every open sets WAL again)
        statement.execute("PRAGMA journal_mode = DELETE");
        statement.execute("VACUUM");
      }
      Files.move(building, target, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(building);
    }
  }

  /**
   * The template's bytes, when this build shipped one; none when it cannot be read either, and a
   * new file then starts empty and Flyway migrates it.
   */
  static Optional<byte[]> bytes() {
    try (InputStream template = NewDatabaseTemplate.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      return template == null ? Optional.empty() : Optional.of(template.readAllBytes());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
