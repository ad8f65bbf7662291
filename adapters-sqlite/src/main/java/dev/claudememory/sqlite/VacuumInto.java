package dev.claudememory.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Copies a database with SQLite's {@code VACUUM INTO}: one read transaction, so the copy is a
 * consistent snapshot while other connections and processes go on writing, and a single compact
 * file with no write-ahead log beside it.
 */
final class VacuumInto {
  private VacuumInto() {}

  /**
   * Writes the database {@code source} is connected to into {@code target}, a new owner-only file
   * (SQLite accepts an empty file as the target). Nothing is left at {@code target} on failure.
   *
   * @throws java.nio.file.FileAlreadyExistsException when {@code target} exists
   */
  static void copy(Connection source, Path target) throws SQLException, IOException {
    DatabaseFile.createNewFile(target);
    try (PreparedStatement statement = source.prepareStatement("VACUUM INTO ?")) {
      statement.setString(1, target.toAbsolutePath().toString());
      statement.execute();
    } catch (SQLException | RuntimeException e) {
      Files.deleteIfExists(target);
      throw e;
    }
  }
}
