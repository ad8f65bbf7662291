package dev.claudememory.sqlite;

import static dev.claudememory.sqlite.Schema.CATEGORY;
import static dev.claudememory.sqlite.Schema.CONTENT;
import static dev.claudememory.sqlite.Schema.CREATED_AT;
import static dev.claudememory.sqlite.Schema.EXPANDED_KEYWORDS;
import static dev.claudememory.sqlite.Schema.ID;
import static dev.claudememory.sqlite.Schema.IMPORTANCE;
import static dev.claudememory.sqlite.Schema.IS_SENSITIVE;
import static dev.claudememory.sqlite.Schema.SERVER_ID;
import static dev.claudememory.sqlite.Schema.TAGS;
import static dev.claudememory.sqlite.Schema.UPDATED_AT;

import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Importance;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.ServerId;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Reading memories out of rows. Python-era rows may hold NULL where this product always writes a
 * value; they read as the column's default ({@code facts}, empty tags and keywords, importance
 * 0.5) instead of failing.
 */
final class MemoryRows {
  /**
   * Any non-zero, non-NULL {@code is_sensitive} counts as sensitive, the same way in the
   * filter and in the mapped flag: when in doubt, hide.
   */
  static final Field<Boolean> SENSITIVE =
      DSL.field("(coalesce({0}, 0) <> 0)", SQLDataType.BOOLEAN, IS_SENSITIVE);

  static final Condition NOT_SENSITIVE = DSL.condition("coalesce({0}, 0) = 0", IS_SENSITIVE);

  /** The category a row is listed under: NULL is the default category. */
  static final Field<String> CATEGORY_OR_DEFAULT =
      DSL.coalesce(CATEGORY, DSL.inline(Category.DEFAULT.name()));

  static final Field<Double> IMPORTANCE_OR_DEFAULT =
      DSL.coalesce(IMPORTANCE, DSL.inline(Importance.DEFAULT.value()));

  /** The columns {@link #toMemory} reads. */
  static final List<Field<?>> SELECTED =
      List.of(
          ID,
          SERVER_ID,
          CONTENT,
          CATEGORY,
          TAGS,
          EXPANDED_KEYWORDS,
          IMPORTANCE,
          SENSITIVE,
          CREATED_AT,
          UPDATED_AT);

  private MemoryRows() {}

  static Memory toMemory(Record row) {
    Double importance = row.get(IMPORTANCE);
    return new Memory(
        new MemoryId(row.get(ID)),
        Optional.ofNullable(row.get(SERVER_ID)).map(ServerId::new),
        orEmpty(row.get(CONTENT)),
        Category.stored(row.get(CATEGORY)),
        orEmpty(row.get(TAGS)),
        orEmpty(row.get(EXPANDED_KEYWORDS)),
        importance == null ? Importance.DEFAULT.value() : importance,
        Boolean.TRUE.equals(row.get(SENSITIVE)),
        orEmpty(row.get(CREATED_AT)),
        orEmpty(row.get(UPDATED_AT)));
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }
}
