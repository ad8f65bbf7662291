package dev.claudememory.sqlite;

import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.memory.Timestamps;
import dev.claudememory.core.port.LegacyOp;
import dev.claudememory.core.port.Outbox;
import dev.claudememory.core.sync.IdempotencyKey;
import dev.claudememory.core.sync.OpKind;
import dev.claudememory.core.sync.PendingOp;
import dev.claudememory.core.sync.SendWindow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The sync queue in {@code sync_outbox}, on the connection of the transaction it belongs to. */
final class SqliteOutbox implements Outbox {
  /** The columns {@link #read} reads, in its order. */
  private static final String COLUMNS =
      "id, memory_id, kind, server_id, idempotency_key, revision, attempts, next_attempt_at,"
          + " unconfirmed_content, unconfirmed_terms, unconfirmed_sent_at, unconfirmed_landed_by,"
          + " last_error, parked_reason, created_at";
  private static final String FOR_MEMORY = "SELECT " + COLUMNS + " FROM sync_outbox WHERE memory_id = ?";
  private static final String DELETE_OF =
      "SELECT " + COLUMNS + " FROM sync_outbox WHERE server_id = ? AND kind = 'delete' LIMIT 1";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM sync_outbox WHERE id = ?";
  private static final String DUE =
      "SELECT " + COLUMNS + " FROM sync_outbox WHERE parked_reason IS NULL AND next_attempt_at <= ?"
          + " ORDER BY created_at, id LIMIT ?";
  private static final String ALL = "SELECT " + COLUMNS + " FROM sync_outbox ORDER BY id";
  private static final String INSERT =
      "INSERT INTO sync_outbox (memory_id, kind, server_id, idempotency_key, revision, attempts,"
          + " next_attempt_at, unconfirmed_content, unconfirmed_terms, unconfirmed_sent_at,"
          + " unconfirmed_landed_by, last_error, parked_reason, created_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
  private static final String REPLACE =
      "UPDATE sync_outbox SET memory_id = ?, kind = ?, server_id = ?, idempotency_key = ?,"
          + " revision = ?, attempts = ?, next_attempt_at = ?, unconfirmed_content = ?,"
          + " unconfirmed_terms = ?, unconfirmed_sent_at = ?, unconfirmed_landed_by = ?,"
          + " last_error = ?, parked_reason = ?, created_at = ? WHERE id = ?";
  private static final String REMOVE = "DELETE FROM sync_outbox WHERE id = ?";
  /**
   * The Python version's queue: json_extract fails on malformed JSON, and an old queue row must
   * never fail the whole start, so only whole numbers in valid JSON are read as ids.
   */
  private static final String LEGACY_OPS =
      "SELECT id, op_type, " + legacyId("$.local_id") + ", " + legacyId("$.server_id")
          + " FROM pending_ops ORDER BY id";
  private static final String CLEAR_LEGACY_OPS = "DELETE FROM pending_ops";

  private final Session session;

  SqliteOutbox(Session session) {
    this.session = session;
  }

  @Override
  public Optional<PendingOp> forMemory(MemoryId id) {
    return session.queryFirst(FOR_MEMORY, SqliteOutbox::read, id.value());
  }

  @Override
  public Optional<PendingOp> deleteOf(ServerId id) {
    return session.queryFirst(DELETE_OF, SqliteOutbox::read, id.value());
  }

  @Override
  public Optional<PendingOp> byId(long opId) {
    return session.queryFirst(BY_ID, SqliteOutbox::read, opId);
  }

  @Override
  public List<PendingOp> due(Instant now, int max) {
    return session.query(DUE, SqliteOutbox::read, Timestamps.format(now), max);
  }

  @Override
  public List<PendingOp> all() {
    return session.query(ALL, SqliteOutbox::read);
  }

  @Override
  public PendingOp save(PendingOp op) {
    if (op.id() == 0) {
      long id = session.insertReturningId(INSERT, columnValues(op));
      // as the row reads back: times are kept to the microsecond
      return new PendingOp(
          id, op.memoryId(), op.kind(), op.serverId(), op.key(), op.revision(), op.attempts(),
          op.nextAttemptAt().truncatedTo(ChronoUnit.MICROS), op.unconfirmedContent(),
          op.unconfirmedTerms(), op.unconfirmedSend().map(SqliteOutbox::toMicros),
          op.lastError(), op.parkedReason(),
          op.createdAt().truncatedTo(ChronoUnit.MICROS));
    }
    if (session.execute(REPLACE, Session.values(columnValues(op), op.id())) != 1) {
      throw new IllegalStateException("no queued op " + op.id() + " to replace");
    }
    return op;
  }

  /** The op's columns but its id, in the order {@link #INSERT} and {@link #REPLACE} take them. */
  private static Object[] columnValues(PendingOp op) {
    return new Object[] {
      op.memoryId().map(MemoryId::value).orElse(null),
      kindName(op.kind()),
      op.serverId().map(ServerId::value).orElse(null),
      op.key().value(),
      op.revision(),
      op.attempts(),
      Timestamps.format(op.nextAttemptAt()),
      op.unconfirmedContent().orElse(null),
      op.unconfirmedTerms().orElse(null),
      op.unconfirmedSend().map(send -> Timestamps.format(send.sentAt())).orElse(null),
      op.unconfirmedSend().flatMap(SendWindow::landedBy).map(Timestamps::format).orElse(null),
      op.lastError().orElse(null),
      op.parkedReason().orElse(null),
      Timestamps.format(op.createdAt())
    };
  }

  @Override
  public void remove(long opId) {
    session.execute(REMOVE, opId);
  }

  @Override
  public List<LegacyOp> takeLegacyOps() {
    List<LegacyOp> ops =
        session.query(
            LEGACY_OPS,
            row ->
                new LegacyOp(
                    row.getLong(1),
                    row.getString(2) == null ? "" : row.getString(2),
                    optionalLong(row, 3).map(MemoryId::new),
                    optionalLong(row, 4).map(ServerId::new)));
    session.execute(CLEAR_LEGACY_OPS);
    return ops;
  }

  private static String legacyId(String path) {
    return "CASE WHEN json_valid(payload) AND json_type(payload, '" + path + "') = 'integer'"
        + " THEN json_extract(payload, '" + path + "') END";
  }

  private static String kindName(OpKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  /** The op in the current row of a result selecting {@link #COLUMNS}. */
  private static PendingOp read(ResultSet row) throws SQLException {
    Optional<String> landedBy = Optional.ofNullable(row.getString(12));
    return new PendingOp(
        row.getLong(1),
        optionalLong(row, 2).map(MemoryId::new),
        OpKind.valueOf(row.getString(3).toUpperCase(Locale.ROOT)),
        optionalLong(row, 4).map(ServerId::new),
        new IdempotencyKey(row.getString(5)),
        row.getInt(6),
        row.getInt(7),
        instant(row.getString(8)),
        Optional.ofNullable(row.getString(9)),
        Optional.ofNullable(row.getString(10)),
        Optional.ofNullable(row.getString(11))
            .map(sentAt -> new SendWindow(instant(sentAt), landedBy.map(SqliteOutbox::instant))),
        Optional.ofNullable(row.getString(13)),
        Optional.ofNullable(row.getString(14)),
        instant(row.getString(15)));
  }

  private static SendWindow toMicros(SendWindow send) {
    return new SendWindow(
        send.sentAt().truncatedTo(ChronoUnit.MICROS),
        send.landedBy().map(at -> at.truncatedTo(ChronoUnit.MICROS)));
  }

  private static Optional<Long> optionalLong(ResultSet row, int column) throws SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? Optional.empty() : Optional.of(value);
  }

  private static Instant instant(String text) {
    return Timestamps.parse(text)
        .orElseThrow(() -> new IllegalStateException("unreadable time in sync_outbox: " + text));
  }
}
