package dev.claudememory.sqlite;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.port.MemoryCounts;
import dev.claudememory.core.port.MemoryStore;
import dev.claudememory.core.port.MemoryWriter;
import dev.claudememory.core.recall.SortBy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The local database of memories on SQLite: writes through the database's one serialized writer,
 * reads on its read connections, recall through the FTS5 index ranked with {@code bm25()}, and
 * through {@code instr()} for fragments of text written without spaces.
 *
 * <p>Thread safety and failures as {@link MemoryStore} states.
 */
public final class SqliteMemoryStore implements MemoryStore {
  private static final String RECENT =
      "SELECT " + MemoryRows.COLUMNS + " FROM memories"
          + " ORDER BY memories.created_at DESC, memories.id DESC LIMIT ?";
  private static final String RECENT_IN_CATEGORY =
      "SELECT " + MemoryRows.COLUMNS + " FROM memories WHERE " + MemoryRows.CATEGORY_OR_DEFAULT + " = ?"
          + " ORDER BY memories.created_at DESC, memories.id DESC LIMIT ?";
  /**
   * The FTS columns a sensitive memory is found by: the index holds its content too (the Python
   * version's triggers index every row, and both versions share the file), so a search names the
   * others.
   */
  private static final String OPEN_COLUMNS = "{category tags expanded_keywords}";
  /**
   * A sensitive row matches only where the query matches its open columns, looked up for that row
   * alone (FTS5 seeks the rowid), and only for sensitive rows: the OR stops at the first term.
   */
  private static final String SENSITIVE_BY_OPEN_COLUMNS =
      "(" + MemoryRows.NOT_SENSITIVE + " OR EXISTS (SELECT 1 FROM memories_fts WHERE memories_fts MATCH ?"
          + " AND memories_fts.rowid = memories.id))";
  /** bm25 with the content column weighed 0, for sensitive rows: their words add nothing. */
  private static final String BM25 =
      "CASE WHEN " + MemoryRows.NOT_SENSITIVE + " THEN bm25(memories_fts)"
          + " ELSE bm25(memories_fts, 0.0, 1.0, 1.0, 1.0) END";
  private static final String COUNTS =
      "SELECT " + MemoryRows.CATEGORY_OR_DEFAULT + ", count(*) FROM memories GROUP BY 1"
          + " ORDER BY 2 DESC, 1 ASC";
  /** Two lookups at the ends of the table: min() and max() in one SELECT would scan all of it. */
  private static final String ID_RANGE =
      "SELECT (SELECT min(id) FROM memories), (SELECT max(id) FROM memories)";
  /**
   * A search ranked by score over more ids than this is run as two halves at once, one per core:
   * ranking every match with bm25 is most of a recall's time (about 1.3 us a match, 22,000 matches
   * for a realistic any-word recall over 100,000 memories), and each half gives every match the
   * score the whole would, as bm25's statistics cover the whole index.
   */
  static final long SPLIT_FROM_IDS = 5_000;

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
        session -> {
          SqliteMemoryWriter writer = new SqliteMemoryWriter(session, true);
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
        session -> {
          // the read connection refuses writes, so the writer's mutating calls fail here
          SqliteMemoryWriter reader = new SqliteMemoryWriter(session, false);
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
    return database.read(session -> session.queryFirst(MemoryRows.FIND, MemoryRows::read, id.value()));
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
    boolean inCategory = category.isPresent();
    String openColumnsQuery = OPEN_COLUMNS + " : (" + ftsQuery + ")";
    Object[] values =
        inCategory
            ? new Object[] {ftsQuery, openColumnsQuery, category.get().name()}
            : new Object[] {ftsQuery, openColumnsQuery};
    if (sortBy.ranksByScore()) {
      long[] ids = idRange();
      if (ids[1] - ids[0] >= SPLIT_FROM_IDS) {
        long middle = ids[0] + (ids[1] - ids[0]) / 2;
        List<List<Scored>> halves =
            database.readBoth(
                session -> searchPart(session, search(sortBy, inCategory, Part.UP_TO), values, middle, limit),
                session -> searchPart(session, search(sortBy, inCategory, Part.ABOVE), values, middle, limit));
        return Scored.best(halves, limit);
      }
    }
    String sql = search(sortBy, inCategory, Part.ALL);
    return database.read(session -> session.query(sql, MemoryRows::read, Session.values(values, limit)));
  }

  /** The lowest and highest id; 0 and 0 when there are no rows. */
  private long[] idRange() {
    return database
        .read(session -> session.queryFirst(ID_RANGE, row -> new long[] {row.getLong(1), row.getLong(2)}))
        .orElseThrow();
  }

  private static List<Scored> searchPart(
      Session session, String sql, Object[] values, long middle, int limit) {
    return session.query(
        sql,
        row -> new Scored(MemoryRows.read(row), row.getDouble(MemoryRows.COLUMN_COUNT + 1)),
        Session.values(values, middle, limit));
  }

  /** Which ids a search covers: all, or those up to or above a dividing id. */
  private enum Part {
    ALL(""),
    UP_TO(" <= "),
    ABOVE(" > ");

    private final String comparison;

    Part(String comparison) {
      this.comparison = comparison;
    }

    /** The condition on the id column, with the dividing id as this parameter; none for all. */
    String condition(String idColumn, String parameter) {
      return this == ALL ? "" : " AND " + idColumn + comparison + parameter;
    }
  }

  /**
   * The search query: relevance and importance rank by {@code -bm25*w1 + importance*w2}, best
   * first, the score selected after the memory's columns; recency is newest first. The FTS table is
   * named, never aliased (FTS5's {@code MATCH} and {@code bm25()} need its name). Takes the FTS
   * query, the same query over the open columns, the category when there is one, the dividing id
   * when a part, then the limit. One of 18 texts, so the session keeps each prepared.
   */
  private static String search(SortBy sortBy, boolean inCategory, Part part) {
    String score =
        sortBy.ranksByScore()
            ? "-(" + BM25 + ") * " + sortBy.relevanceWeight() + " + "
                + MemoryRows.IMPORTANCE_OR_DEFAULT + " * " + sortBy.importanceWeight()
            : "0";
    String order =
        sortBy.ranksByScore()
            ? (MemoryRows.COLUMN_COUNT + 1) + " DESC, memories.id DESC"
            : "memories.created_at DESC, memories.id DESC";
    return "SELECT " + MemoryRows.COLUMNS + ", " + score
        + " FROM memories_fts JOIN memories ON memories.id = memories_fts.rowid"
        + " WHERE memories_fts MATCH ? AND " + SENSITIVE_BY_OPEN_COLUMNS
        + (inCategory ? " AND " + MemoryRows.CATEGORY_OR_DEFAULT + " = ?" : "")
        + part.condition("memories_fts.rowid", "?")
        + " ORDER BY " + order + " LIMIT ?";
  }

  @Override
  public List<Memory> searchFragments(
      List<String> fragments, Optional<Category> category, SortBy sortBy, int limit) {
    requireNonNull(fragments, "fragments");
    requireNonNull(category, "category");
    requireNonNull(sortBy, "sortBy");
    requirePositive(limit);
    // instr() finds an empty fragment in every text
    List<String> distinct =
        fragments.stream().filter(fragment -> !fragment.isEmpty()).distinct().collect(Collectors.toList());
    if (distinct.isEmpty()) {
      return List.of();
    }
    List<Object> bound = new ArrayList<>(distinct);
    bound.add(sortBy.relevanceWeight());
    bound.add(sortBy.importanceWeight());
    bound.add(category.map(Category::name).orElse(null));
    Object[] values = bound.toArray();
    int count = distinct.size();
    long[] ids = idRange();
    if (ids[1] - ids[0] >= SPLIT_FROM_IDS) {
      // every row's text is read: two halves at once take about half the time on two cores
      long middle = ids[0] + (ids[1] - ids[0]) / 2;
      List<List<Scored>> halves =
          database.readBoth(
              session -> searchPart(session, fragmentSearch(count, Part.UP_TO), values, middle, limit),
              session -> searchPart(session, fragmentSearch(count, Part.ABOVE), values, middle, limit));
      return Scored.bestNewestFirst(halves, limit);
    }
    String sql = fragmentSearch(count, Part.ALL);
    return database.read(session -> session.query(sql, MemoryRows::read, Session.values(values, limit)));
  }

  /**
   * The search for fragments: {@code instr()} over content, tags and keywords (literal, so nothing
   * to escape), one hit per fragment found in any of them, ranked by {@code hits*w1 +
   * importance*w2} (both weights 0 by recency), then newest first; the score is selected after
   * the memory's columns. Takes the fragments as {@code ?1..?n}, the two weights, the category or
   * NULL for any, the dividing id when a part, then the limit. One text per number of fragments
   * and part, so the session keeps each prepared; the category is bound, not a second shape.
   */
  private static String fragmentSearch(int fragments, Part part) {
    StringBuilder hits = new StringBuilder("(");
    for (int i = 1; i <= fragments; i++) {
      String fragment = "?" + i;
      hits.append(i > 1 ? " + " : "")
          .append("(instr(memories.content, ").append(fragment).append(") > 0")
          .append(" OR instr(coalesce(memories.tags, ''), ").append(fragment).append(") > 0")
          .append(" OR instr(coalesce(memories.expanded_keywords, ''), ").append(fragment).append(") > 0)");
    }
    hits.append(")");
    String category = "?" + (fragments + 3);
    String dividingId = "?" + (fragments + 4);
    String limit = "?" + (part == Part.ALL ? fragments + 4 : fragments + 5);
    return "SELECT " + MemoryRows.COLUMNS + ", hits * ?" + (fragments + 1) + " + "
        + MemoryRows.IMPORTANCE_OR_DEFAULT + " * ?" + (fragments + 2)
        + " FROM (SELECT *, " + hits + " AS hits FROM memories"
        + " WHERE " + MemoryRows.NOT_SENSITIVE
        + " AND (" + category + " IS NULL OR " + MemoryRows.CATEGORY_OR_DEFAULT + " = " + category + ")"
        + part.condition("memories.id", dividingId)
        + ") AS memories WHERE hits > 0"
        + " ORDER BY " + (MemoryRows.COLUMN_COUNT + 1) + " DESC, memories.created_at DESC, memories.id DESC"
        + " LIMIT " + limit;
  }

  @Override
  public List<Memory> recent(Optional<Category> category, int limit) {
    requireNonNull(category, "category");
    requirePositive(limit);
    return database.read(
        session ->
            category.isPresent()
                ? session.query(RECENT_IN_CATEGORY, MemoryRows::read, category.get().name(), limit)
                : session.query(RECENT, MemoryRows::read, limit));
  }

  @Override
  public MemoryCounts counts() {
    return database.read(
        session -> {
          Map<String, Long> byCategory = new LinkedHashMap<>();
          for (Map.Entry<String, Long> row :
              session.query(COUNTS, result -> Map.entry(result.getString(1), result.getLong(2)))) {
            byCategory.put(row.getKey(), row.getValue());
          }
          long total = byCategory.values().stream().mapToLong(Long::longValue).sum();
          return new MemoryCounts(total, byCategory);
        });
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
