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
 * The tables the jOOQ queries of this package use, as jOOQ constants written by hand (no code
 * generation: it cannot see Java migrations and types FTS columns as {@code Object}). {@code
 * SchemaTest} checks them against {@code PRAGMA table_info} of a freshly migrated file. The
 * statements of the hot paths are SQL text in the classes that run them (see {@link Session}),
 * run by the tests of those classes on real files.
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
  /**
   * The {@link dev.claudememory.core.memory.ContentKey} of the content (V4); NULL on rows the Python
   * version wrote, until a store fills it in.
   */
  static final Field<String> CONTENT_KEY = DSL.field(name("memories", "content_key"), SQLDataType.CLOB);
  /** What the last pull showed of the memory's copy on the server, and when it was sent again (V7). */
  static final Field<String> SERVER_CREATED_AT =
      DSL.field(name("memories", "server_created_at"), SQLDataType.CLOB);
  static final Field<String> SERVER_UPDATED_AT =
      DSL.field(name("memories", "server_updated_at"), SQLDataType.CLOB);
  static final Field<String> RESENT_AT = DSL.field(name("memories", "resent_at"), SQLDataType.CLOB);

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
          SERVER_ID,
          CONTENT_KEY,
          SERVER_CREATED_AT,
          SERVER_UPDATED_AT,
          RESENT_AT);

  /**
   * {@code memories_fts}: the FTS5 external-content index over content, category, tags and
   * expanded_keywords of {@code memories}, kept in step by triggers; its rowid is {@code
   * memories.id}. Used unaliased: FTS5's {@code MATCH} and {@code bm25()} take the table's name.
   */
  static final Table<Record> MEMORIES_FTS = DSL.table(name("memories_fts"));

  /** {@code sync_outbox}: one coalesced op per memory, waiting to be pushed (V3). */
  static final Table<Record> OUTBOX = DSL.table(name("sync_outbox"));

  static final Field<Long> OP_ID = DSL.field(name("sync_outbox", "id"), SQLDataType.BIGINT.identity(true));
  static final Field<Long> OP_MEMORY_ID = DSL.field(name("sync_outbox", "memory_id"), SQLDataType.BIGINT);
  static final Field<String> OP_KIND =
      DSL.field(name("sync_outbox", "kind"), SQLDataType.CLOB.nullable(false));
  static final Field<String> OP_PARKED_REASON =
      DSL.field(name("sync_outbox", "parked_reason"), SQLDataType.CLOB);

  /** {@code sync_lease}: which process syncs this file, until when (V3). */
  static final Table<Record> LEASE = DSL.table(name("sync_lease"));

  static final Field<String> LEASE_NAME =
      DSL.field(name("sync_lease", "name"), SQLDataType.CLOB.nullable(false));
  static final Field<String> LEASE_HOLDER =
      DSL.field(name("sync_lease", "holder"), SQLDataType.CLOB.nullable(false));
  static final Field<String> LEASE_EXPIRES_AT =
      DSL.field(name("sync_lease", "expires_at"), SQLDataType.CLOB.nullable(false));

  /** {@code sync_meta}: the sync engine's named values (the Python version's table). */
  static final Table<Record> SYNC_META = DSL.table(name("sync_meta"));

  static final Field<String> SYNC_META_KEY = DSL.field(name("sync_meta", "key"), SQLDataType.CLOB);
  static final Field<String> SYNC_META_VALUE = DSL.field(name("sync_meta", "value"), SQLDataType.CLOB);

  private Schema() {}
}
