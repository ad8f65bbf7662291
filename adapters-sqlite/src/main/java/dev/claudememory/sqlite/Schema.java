package dev.claudememory.sqlite;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;

import java.util.List;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The tables the queries of this package use, as jOOQ constants written by hand (no code
 * generation: it cannot see Java migrations and types FTS columns as {@code Object}). {@code
 * SchemaTest} checks them against {@code PRAGMA table_info} of a freshly migrated file.
 */
final class Schema {
  static {
    // jOOQ must never print its logo or tips, and these constants are its first use in some paths
    Jooq.quiet();
  }

  /** {@code memories}: one row per memory, the Python version's layout (SPEC §5). */
  static final Table<Record> MEMORIES = DSL.table(name("memories"));

  static final Field<Long> ID = DSL.field(name("memories", "id"), SQLDataType.BIGINT.identity(true));
  static final Field<String> CONTENT =
      DSL.field(name("memories", "content"), SQLDataType.CLOB.nullable(false));
  static final Field<String> CATEGORY =
      DSL.field(name("memories", "category"), SQLDataType.CLOB.defaultValue(inline("facts")));
  static final Field<String> TAGS =
      DSL.field(name("memories", "tags"), SQLDataType.CLOB.defaultValue(inline("")));
  static final Field<String> EXPANDED_KEYWORDS =
      DSL.field(name("memories", "expanded_keywords"), SQLDataType.CLOB.defaultValue(inline("")));
  static final Field<Double> IMPORTANCE =
      DSL.field(name("memories", "importance"), SQLDataType.DOUBLE.defaultValue(inline(0.5)));
  static final Field<Integer> IS_SENSITIVE =
      DSL.field(name("memories", "is_sensitive"), SQLDataType.INTEGER.defaultValue(inline(0)));
  static final Field<String> CREATED_AT =
      DSL.field(name("memories", "created_at"), SQLDataType.CLOB.nullable(false));
  static final Field<String> UPDATED_AT =
      DSL.field(name("memories", "updated_at"), SQLDataType.CLOB.nullable(false));
  static final Field<Long> SERVER_ID = DSL.field(name("memories", "server_id"), SQLDataType.BIGINT);

  /** Every column of {@code memories}, in table order. */
  static final List<Field<?>> MEMORIES_COLUMNS =
      List.of(
          ID,
          CONTENT,
          CATEGORY,
          TAGS,
          EXPANDED_KEYWORDS,
          IMPORTANCE,
          IS_SENSITIVE,
          CREATED_AT,
          UPDATED_AT,
          SERVER_ID);

  /**
   * {@code memories_fts}: the FTS5 external-content index over content, category, tags and
   * expanded_keywords of {@code memories}, kept in step by triggers; its rowid is {@code
   * memories.id}. Used unaliased: FTS5's {@code MATCH} and {@code bm25()} take the table's name.
   */
  static final Table<Record> MEMORIES_FTS = DSL.table(name("memories_fts"));

  static final Field<Long> FTS_ROWID =
      DSL.field(name("memories_fts", "rowid"), SQLDataType.BIGINT);

  private Schema() {}
}
