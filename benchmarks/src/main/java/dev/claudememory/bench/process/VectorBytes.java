package dev.claudememory.bench.process;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalDouble;
import org.sqlite.SQLiteConfig;

/**
 * What the stored vectors cost on disk: the pages of table {@code memory_vectors} and of its
 * indexes (SQLite's {@code dbstat}), divided by the vectors they hold. Read from a database file no
 * server has open.
 */
final class VectorBytes {
  private static final String PAGES =
      "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name = 'memory_vectors'"
          + " OR name IN (SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'memory_vectors')";
  private static final String VECTORS = "SELECT count(*) FROM memory_vectors";

  private VectorBytes() {}

  /** Bytes per stored vector; empty when the file holds none. */
  static OptionalDouble perVector(Path database) {
    SQLiteConfig readOnly = new SQLiteConfig();
    readOnly.setReadOnly(true);
    try (Connection connection = readOnly.createConnection("jdbc:sqlite:" + database.toAbsolutePath());
        PreparedStatement pages = connection.prepareStatement(PAGES);
        PreparedStatement vectors = connection.prepareStatement(VECTORS)) {
      long bytes = single(pages);
      long count = single(vectors);
      return count == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) bytes / count);
    } catch (SQLException e) {
      throw new BenchFailure("cannot measure the vectors in " + database + ": " + e.getMessage(), e);
    }
  }

  private static long single(PreparedStatement statement) throws SQLException {
    try (ResultSet result = statement.executeQuery()) {
      result.next();
      return result.getLong(1);
    }
  }
}
