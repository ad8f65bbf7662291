package dev.claudememory.sqlite;

import static dev.claudememory.sqlite.Schema.LEASE;
import static dev.claudememory.sqlite.Schema.LEASE_EXPIRES_AT;
import static dev.claudememory.sqlite.Schema.LEASE_HOLDER;
import static dev.claudememory.sqlite.Schema.LEASE_NAME;
import static dev.claudememory.sqlite.Schema.OP_ID;
import static dev.claudememory.sqlite.Schema.OP_KIND;
import static dev.claudememory.sqlite.Schema.OP_MEMORY_ID;
import static dev.claudememory.sqlite.Schema.OP_PARKED_REASON;
import static dev.claudememory.sqlite.Schema.OUTBOX;
import static dev.claudememory.sqlite.Schema.SYNC_META;
import static dev.claudememory.sqlite.Schema.SYNC_META_KEY;
import static dev.claudememory.sqlite.Schema.SYNC_META_VALUE;

import dev.claudememory.core.maintenance.DatabaseFacts;
import dev.claudememory.core.maintenance.DatabaseFacts.DuplicateFacts;
import dev.claudememory.core.maintenance.DatabaseFacts.FtsIndex;
import dev.claudememory.core.maintenance.DatabaseFacts.LeaseFacts;
import dev.claudememory.core.sync.ServerDataLoss;
import dev.claudememory.core.maintenance.DatabaseFacts.OutboxFacts;
import dev.claudememory.core.maintenance.DatabaseFacts.ParkedChange;
import dev.claudememory.core.maintenance.DatabaseInspection;
import dev.claudememory.core.maintenance.SchemaVersions;
import dev.claudememory.core.port.DatabaseInspector;
import dev.claudememory.core.port.DuplicateGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.exception.DataAccessException;

/**
 * Inspects a database file for {@code doctor}, memories with the same content included. The file is opened read-only for everything but the
 * full-text index check, which SQLite runs as an {@code INSERT} and so needs a writable connection:
 * that check runs only on a file that passed the integrity check, inside a transaction that is
 * rolled back, and holds the write lock while it reads the index (writers of other processes wait
 * for it, as for any write). A missing file is never created.
 */
public final class SqliteDatabaseInspector implements DatabaseInspector {
  private static final String MEMORIES = "memories";
  private static final String FTS = "memories_fts";
  private static final String PYTHON_QUEUE = "pending_ops";
  private static final String CONTENT_KEY = "content_key";
  /** Duplicate groups reported at most: enough to act on, and doctor stays quick. */
  static final int DUPLICATE_GROUPS = 5;

  @Override
  public DatabaseInspection inspect(Path file) {
    Path path = file.toAbsolutePath().normalize();
    if (!Files.exists(path)) {
      return new DatabaseInspection.Missing();
    }
    if (Files.isDirectory(path)) {
      return new DatabaseInspection.Unreadable("is a folder, not a file; set MEMORY_DB to a file");
    }
    try {
      if (Files.size(path) == 0) {
        return new DatabaseInspection.Empty();
      }
      if (!DatabaseFile.hasSqliteHeader(path)) {
        return new DatabaseInspection.Unreadable("is not an SQLite database");
      }
    } catch (IOException e) {
      return new DatabaseInspection.Unreadable("cannot be read (" + e.getMessage() + ")");
    }
    try {
      return inspectDatabase(path);
    } catch (SQLException | DataAccessException e) {
      if (SqliteErrors.isCorrupt(e)) {
        return new DatabaseInspection.Damaged(List.of(SqliteErrors.rootMessage(e)));
      }
      if (SqliteErrors.isBusy(e)) {
        return new DatabaseInspection.Unreadable(
            "was kept locked by another process for too long; run doctor again");
      }
      return new DatabaseInspection.Unreadable(
          "cannot be read as a database (" + SqliteErrors.rootMessage(e) + ")");
    }
  }

  private static DatabaseInspection inspectDatabase(Path path) throws SQLException {
    SchemaHistory history;
    long memories;
    Optional<OutboxFacts> outbox;
    long pythonQueue;
    Optional<LeaseFacts> lease;
    Optional<DuplicateFacts> duplicates;
    Optional<ServerDataLoss> serverLostData;
    try (Connection connection = FileConnections.readOnly(path)) {
      List<String> problems = DatabaseContents.integrityProblems(connection);
      if (!problems.isEmpty()) {
        return new DatabaseInspection.Damaged(problems);
      }
      history = SchemaHistory.read(connection);
      if (!history.hasTables()) {
        return new DatabaseInspection.Empty();
      }
      DSLContext dsl = Jooq.using(connection);
      memories =
          history.tables().contains(MEMORIES) ? DatabaseContents.count(connection, MEMORIES) : 0;
      outbox =
          history.tables().contains(OUTBOX.getName()) ? Optional.of(outbox(dsl)) : Optional.empty();
      pythonQueue =
          history.tables().contains(PYTHON_QUEUE)
              ? DatabaseContents.count(connection, PYTHON_QUEUE)
              : 0;
      lease = history.tables().contains(LEASE.getName()) ? lease(dsl) : Optional.empty();
      serverLostData =
          history.tables().contains(SYNC_META.getName())
              ? ServerDataLoss.read(key -> dsl.select(SYNC_META_VALUE).from(SYNC_META)
                  .where(SYNC_META_KEY.eq(key)).fetchOptional(Record1::value1))
              : Optional.empty();
      // keys come with migration 4; an older file is reported by the schema line instead
      duplicates =
          history.tables().contains(MEMORIES)
                  && DatabaseContents.hasColumn(connection, MEMORIES, CONTENT_KEY)
              ? Optional.of(duplicates(dsl))
              : Optional.empty();
    }
    boolean ftsPresent = history.tables().contains(FTS);
    FtsIndex fts =
        ftsPresent && history.tables().contains(MEMORIES)
            ? ftsIndex(path)
            : new FtsIndex(ftsPresent, Optional.empty());
    return new DatabaseInspection.Readable(
        new DatabaseFacts(
            memories,
            fts,
            new SchemaVersions(
                history.applied(),
                history.pending(),
                history.failed(),
                history.unknown(),
                history.hasHistory()),
            outbox,
            pythonQueue,
            lease,
            duplicates,
            serverLostData));
  }

  private static OutboxFacts outbox(DSLContext dsl) {
    int queued = dsl.fetchCount(OUTBOX, OP_PARKED_REASON.isNull());
    List<ParkedChange> parked =
        dsl.select(OP_ID, OP_KIND, OP_MEMORY_ID, OP_PARKED_REASON)
            .from(OUTBOX)
            .where(OP_PARKED_REASON.isNotNull())
            .orderBy(OP_ID)
            .fetch(
                row ->
                    new ParkedChange(
                        row.value1(),
                        row.value2(),
                        Optional.ofNullable(row.value3()),
                        row.value4()));
    return new OutboxFacts(queued, parked);
  }

  /** Asks for one group more than reported, which tells whether there are more. */
  private static DuplicateFacts duplicates(DSLContext dsl) {
    List<DuplicateGroup> found = ContentKeyGroups.find(dsl, DUPLICATE_GROUPS + 1);
    boolean more = found.size() > DUPLICATE_GROUPS;
    return new DuplicateFacts(more ? found.subList(0, DUPLICATE_GROUPS) : found, more);
  }

  private static Optional<LeaseFacts> lease(DSLContext dsl) {
    return dsl.select(LEASE_HOLDER, LEASE_EXPIRES_AT)
        .from(LEASE)
        .where(LEASE_NAME.eq(SqliteSyncState.SYNC_LEASE))
        .fetchOptional(row -> new LeaseFacts(row.value1(), row.value2()));
  }

  /**
   * FTS5's own check, comparing the index with the memories ({@code rank} 1: without it, an index
   * that misses rows passes). SQLite runs it as a write: on a file or folder this user may not
   * write, it is not run, rather than reported as a mismatch.
   */
  private static FtsIndex ftsIndex(Path path) throws SQLException {
    Optional<ReadOnlyAccess> readOnly = ReadOnlyAccess.of(path);
    if (readOnly.isPresent()) {
      return notChecked(readOnly.get().reason());
    }
    try (Connection connection = FileConnections.plain(path);
        Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      try {
        statement.executeUpdate(
            "INSERT INTO " + FTS + "(" + FTS + ", rank) VALUES('integrity-check', 1)");
        return new FtsIndex(true, Optional.empty());
      } catch (SQLException e) {
        if (SqliteErrors.isBusy(e)) {
          throw e;
        }
        if (SqliteErrors.isReadOnly(e)) {
          return notChecked("SQLite may not write to it (" + SqliteErrors.rootMessage(e) + ")");
        }
        return new FtsIndex(true, Optional.of(SqliteErrors.rootMessage(e)));
      } finally {
        connection.rollback();
      }
    }
  }

  private static FtsIndex notChecked(String why) {
    return new FtsIndex(
        true,
        Optional.empty(),
        Optional.of(why + ", and SQLite's check of the index writes to the database"));
  }
}
