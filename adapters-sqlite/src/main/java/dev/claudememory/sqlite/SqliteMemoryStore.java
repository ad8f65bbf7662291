package dev.claudememory.sqlite;

import static dev.claudememory.sqlite.Schema.CREATED_AT;
import static dev.claudememory.sqlite.Schema.FTS_ROWID;
import static dev.claudememory.sqlite.Schema.ID;
import static dev.claudememory.sqlite.Schema.MEMORIES;
import static dev.claudememory.sqlite.Schema.MEMORIES_FTS;
import static java.util.Objects.requireNonNull;

import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.port.MemoryCounts;
import dev.claudememory.core.port.MemoryStore;
import dev.claudememory.core.port.MemoryWriter;
import dev.claudememory.core.recall.SortBy;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The local database of memories on SQLite: writes through the database's one serialized writer,
 * reads on its read connections, recall through the FTS5 index ranked with {@code bm25()}.
 *
 * <p>Thread safety and failures as {@link MemoryStore} states.
 */
public final class SqliteMemoryStore implements MemoryStore {
  /** bm25 over the four indexed columns; the FTS table is named, never aliased (FTS5 needs it). */
  private static final Field<Double> BM25 =
      DSL.field("bm25({0})", SQLDataType.DOUBLE, MEMORIES_FTS);

  private final SqliteDatabase database;

  /**
   * A store over an open database, which it then owns: {@link #close()} closes the database.
   */
  public SqliteMemoryStore(SqliteDatabase database) {
    this.database = requireNonNull(database, "database");
  }

  /**
   * Opens (creating or adopting it as needed) the database file and a store over it.
   *
   * @throws dev.claudememory.core.StorageException as {@link SqliteDatabase#open} says
   */
  public static SqliteMemoryStore open(Path file) {
    return new SqliteMemoryStore(SqliteDatabase.open(file));
  }

  /**
   * Opens the database file and a store over it, copying the file to {@code backups} first when a
   * migration is to change a file that holds data.
   *
   * @throws dev.claudememory.core.StorageException as {@link SqliteDatabase#open} says
   */
  public static SqliteMemoryStore open(Path file, PreMigrationBackups backups) {
    return new SqliteMemoryStore(SqliteDatabase.open(file, backups));
  }

  @Override
  public <T> T write(Function<MemoryWriter, T> work) {
    requireNonNull(work, "work");
    return database.write(
        dsl -> {
          SqliteMemoryWriter writer = new SqliteMemoryWriter(dsl, true);
          try {
            return work.apply(writer);
          } finally {
            writer.end();
          }
        });
  }

  @Override
  public <T> T read(Function<MemoryWriter, T> work) {
    requireNonNull(work, "work");
    return database.read(
        dsl -> {
          // the read connection refuses writes, so the writer's mutating calls fail here
          SqliteMemoryWriter reader = new SqliteMemoryWriter(dsl, false);
          try {
            return work.apply(reader);
          } finally {
            reader.end();
          }
        });
  }

  @Override
  public Optional<Memory> find(MemoryId id) {
    requireNonNull(id, "id");
    return database.read(
        dsl ->
            dsl.select(MemoryRows.SELECTED)
                .from(MEMORIES)
                .where(ID.eq(id.value()))
                .fetchOptional(MemoryRows::toMemory));
  }

  @Override
  public List<Memory> search(
      String ftsQuery, Optional<Category> category, SortBy sortBy, int limit) {
    requireNonNull(ftsQuery, "ftsQuery");
    requireNonNull(category, "category");
    requireNonNull(sortBy, "sortBy");
    requirePositive(limit);
    if (ftsQuery.isBlank()) {
      // FTS5 rejects an empty query; it could only match nothing
      return List.of();
    }
    Condition where =
        DSL.condition("{0} MATCH {1}", MEMORIES_FTS, DSL.val(ftsQuery))
            .and(MemoryRows.NOT_SENSITIVE)
            .and(inCategory(category));
    return database.read(
        dsl ->
            dsl.select(MemoryRows.SELECTED)
                .from(MEMORIES_FTS)
                .join(MEMORIES)
                .on(ID.eq(FTS_ROWID))
                .where(where)
                .orderBy(order(sortBy))
                .limit(limit)
                .fetch(MemoryRows::toMemory));
  }

  /** relevance/importance: {@code -bm25*w1 + importance*w2}, best first; recency: newest first. */
  private static List<SortField<?>> order(SortBy sortBy) {
    if (!sortBy.ranksByScore()) {
      return List.of(CREATED_AT.desc(), ID.desc());
    }
    Field<Double> score =
        BM25.neg()
            .mul(DSL.inline(sortBy.relevanceWeight()))
            .plus(MemoryRows.IMPORTANCE_OR_DEFAULT.mul(DSL.inline(sortBy.importanceWeight())));
    return List.of(score.desc(), ID.desc());
  }

  @Override
  public List<Memory> recent(Optional<Category> category, int limit) {
    requireNonNull(category, "category");
    requirePositive(limit);
    return database.read(
        dsl ->
            dsl.select(MemoryRows.SELECTED)
                .from(MEMORIES)
                .where(MemoryRows.NOT_SENSITIVE.and(inCategory(category)))
                .orderBy(CREATED_AT.desc(), ID.desc())
                .limit(limit)
                .fetch(MemoryRows::toMemory));
  }

  @Override
  public MemoryCounts counts() {
    return database.read(SqliteMemoryStore::counts);
  }

  private static MemoryCounts counts(DSLContext dsl) {
    Field<Integer> count = DSL.count();
    Map<String, Long> byCategory = new LinkedHashMap<>();
    long total = 0;
    for (Record2<String, Integer> row :
        dsl.select(MemoryRows.CATEGORY_OR_DEFAULT, count)
            .from(MEMORIES)
            .groupBy(MemoryRows.CATEGORY_OR_DEFAULT)
            .orderBy(count.desc(), MemoryRows.CATEGORY_OR_DEFAULT.asc())
            .fetch()) {
      byCategory.put(row.value1(), row.value2().longValue());
      total += row.value2();
    }
    return new MemoryCounts(total, byCategory);
  }

  private static Condition inCategory(Optional<Category> category) {
    return category
        .map(c -> MemoryRows.CATEGORY_OR_DEFAULT.eq(c.name()))
        .orElse(DSL.noCondition());
  }

  private static void requirePositive(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1; got " + limit);
    }
  }

  /** Closes the database this store was given or opened. */
  @Override
  public void close() {
    database.close();
  }
}
