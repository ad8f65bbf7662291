package dev.claudememory.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the hand-written {@link Schema} honest against the migrated file. */
class SchemaTest {
  @TempDir Path dir;

  /** name, declared type, not null, default, primary key: as {@code PRAGMA table_info} says. */
  private record Column(String name, String type, boolean notNull, String defaultValue, boolean pk) {
    Column {
      defaultValue = normalized(defaultValue);
    }
  }

  /** Numbers compared by value ({@code 0.5} and jOOQ's {@code 5E-1} alike), text as written. */
  private static String normalized(String sqlLiteral) {
    if (sqlLiteral == null) {
      return null;
    }
    try {
      return new BigDecimal(sqlLiteral).stripTrailingZeros().toPlainString();
    } catch (NumberFormatException e) {
      return sqlLiteral;
    }
  }

  @Test
  void memoriesConstantsMatchTheMigratedTableColumnForColumn() throws SQLException {
    Path file = dir.resolve("memory.db");
    SqliteMemoryStore.open(file).close();

    List<Column> actual = new ArrayList<>();
    for (List<String> row : RawDatabase.rows(file, "PRAGMA table_info(memories)")) {
      actual.add(
          new Column(row.get(1), row.get(2), "1".equals(row.get(3)), row.get(4), !"0".equals(row.get(5))));
    }

    assertThat(described(Schema.MEMORIES_COLUMNS)).isEqualTo(actual);
  }

  @Test
  void constantsNameTheirTables() {
    assertThat(Schema.MEMORIES.getName()).isEqualTo("memories");
    assertThat(Schema.MEMORIES_FTS.getName()).isEqualTo("memories_fts");
    for (Field<?> column : Schema.MEMORIES_COLUMNS) {
      assertThat(column.getQualifiedName().first()).isEqualTo("memories");
    }
  }

  private static List<Column> described(List<Field<?>> fields) {
    List<Column> columns = new ArrayList<>();
    for (Field<?> field : fields) {
      DataType<?> type = field.getDataType();
      columns.add(
          new Column(
              field.getName(),
              sqliteType(type),
              !type.nullable() && !type.identity(),
              type.defaulted() ? DSL.using(SQLDialect.SQLITE).renderInlined(type.defaultValue()) : null,
              type.identity()));
    }
    return columns;
  }

  /** The declared type the Python layout uses for each jOOQ type the constants use. */
  private static String sqliteType(DataType<?> type) {
    Class<?> javaType = type.getType();
    if (javaType == Long.class || javaType == Integer.class) {
      return "INTEGER";
    }
    if (javaType == String.class) {
      return "TEXT";
    }
    if (javaType == Double.class) {
      return "REAL";
    }
    throw new AssertionError("no SQLite type known for " + type);
  }
}
