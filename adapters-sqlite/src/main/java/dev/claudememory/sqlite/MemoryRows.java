package dev.claudememory.sqlite;

import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Importance;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.ServerId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Reading memories out of rows. Python-era rows may hold NULL where this product always writes a
 * value; they read as the column's default ({@code facts}, empty tags and keywords, importance
 * 0.5) instead of failing.
 */
final class MemoryRows {
  /**
   * The columns {@link #read} reads, in its order, for a query over {@code memories}. Any
   * non-zero, non-NULL {@code is_sensitive} counts as sensitive, the same way here and in {@link
   * #NOT_SENSITIVE}: when in doubt, mask.
   */
  static final String COLUMNS =
      "memories.id, memories.server_id, memories.content, memories.category, memories.tags,"
          + " memories.expanded_keywords, memories.importance,"
          + " coalesce(memories.is_sensitive, 0) <> 0, memories.created_at, memories.updated_at";

  /** How many columns {@link #COLUMNS} names. */
  static final int COLUMN_COUNT = 10;

  /** One memory by its id. */
  static final String FIND = "SELECT " + COLUMNS + " FROM memories WHERE id = ?";

  /** The condition that holds for rows whose content may be shown and searched. */
  static final String NOT_SENSITIVE = "coalesce(memories.is_sensitive, 0) = 0";

  /** The category a row is listed under: NULL is the default category. */
  static final String CATEGORY_OR_DEFAULT =
      "coalesce(memories.category, '" + Category.DEFAULT.name() + "')";

  /** The importance a row ranks with: NULL is the default importance. */
  static final String IMPORTANCE_OR_DEFAULT =
      "coalesce(memories.importance, " + Importance.DEFAULT.value() + ")";

  private MemoryRows() {}

  /** The memory in the current row of a result selecting {@link #COLUMNS}. */
  static Memory read(ResultSet row) throws SQLException {
    long serverId = row.getLong(2);
    Optional<ServerId> server = row.wasNull() ? Optional.empty() : Optional.of(new ServerId(serverId));
    double importance = row.getDouble(7);
    if (row.wasNull()) {
      importance = Importance.DEFAULT.value();
    }
    return new Memory(
        new MemoryId(row.getLong(1)),
        server,
        orEmpty(row.getString(3)),
        Category.stored(row.getString(4)),
        orEmpty(row.getString(5)),
        orEmpty(row.getString(6)),
        importance,
        row.getBoolean(8),
        orEmpty(row.getString(9)),
        orEmpty(row.getString(10)));
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }
}
