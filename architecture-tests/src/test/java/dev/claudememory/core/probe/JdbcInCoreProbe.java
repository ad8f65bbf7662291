package dev.claudememory.core.probe;

import java.sql.Connection;
import java.sql.SQLException;

/** Breaks "core depends only on the JDK and itself": JDBC belongs to the SQLite adapter. */
public final class JdbcInCoreProbe {
  private final Connection connection;

  public JdbcInCoreProbe(Connection connection) {
    this.connection = connection;
  }

  public boolean isOpen() throws SQLException {
    return !connection.isClosed();
  }
}
