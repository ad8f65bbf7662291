package dev.claudememory.sqlite;

import static dev.claudememory.sqlite.Schema.OP_ATTEMPTS;
import static dev.claudememory.sqlite.Schema.OP_CREATED_AT;
import static dev.claudememory.sqlite.Schema.OP_ID;
import static dev.claudememory.sqlite.Schema.OP_KEY;
import static dev.claudememory.sqlite.Schema.OP_KIND;
import static dev.claudememory.sqlite.Schema.OP_LAST_ERROR;
import static dev.claudememory.sqlite.Schema.OP_MEMORY_ID;
import static dev.claudememory.sqlite.Schema.OP_NEXT_ATTEMPT_AT;
import static dev.claudememory.sqlite.Schema.OP_PARKED_REASON;
import static dev.claudememory.sqlite.Schema.OP_REVISION;
import static dev.claudememory.sqlite.Schema.OP_SERVER_ID;
import static dev.claudememory.sqlite.Schema.OP_UNCONFIRMED_CONTENT;
import static dev.claudememory.sqlite.Schema.OUTBOX;
import static dev.claudememory.sqlite.Schema.OUTBOX_COLUMNS;
import static dev.claudememory.sqlite.Schema.PENDING_ID;
import static dev.claudememory.sqlite.Schema.PENDING_OPS;
import static dev.claudememory.sqlite.Schema.PENDING_PAYLOAD;
import static dev.claudememory.sqlite.Schema.PENDING_TYPE;

import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.memory.Timestamps;
import dev.claudememory.core.port.LegacyOp;
import dev.claudememory.core.port.Outbox;
import dev.claudememory.core.sync.IdempotencyKey;
import dev.claudememory.core.sync.OpKind;
import dev.claudememory.core.sync.PendingOp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** The sync queue in {@code sync_outbox}, on the connection of the transaction it belongs to. */
final class SqliteOutbox implements Outbox {
  /** json_extract fails on malformed JSON; an old queue row must never fail the whole start. */
  private static final Field<Long> LEGACY_LOCAL_ID = legacyField("$.local_id");

  private static final Field<Long> LEGACY_SERVER_ID = legacyField("$.server_id");

  private final DSLContext dsl;

  SqliteOutbox(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public Optional<PendingOp> forMemory(MemoryId id) {
    return dsl.select(OUTBOX_COLUMNS).from(OUTBOX).where(OP_MEMORY_ID.eq(id.value()))
        .fetchOptional(SqliteOutbox::toOp);
  }

  @Override
  public Optional<PendingOp> deleteOf(ServerId id) {
    return dsl.select(OUTBOX_COLUMNS).from(OUTBOX)
        .where(OP_SERVER_ID.eq(id.value()).and(OP_KIND.eq(kindName(OpKind.DELETE))))
        .limit(1)
        .fetchOptional(SqliteOutbox::toOp);
  }

  @Override
  public Optional<PendingOp> byId(long opId) {
    return dsl.select(OUTBOX_COLUMNS).from(OUTBOX).where(OP_ID.eq(opId)).fetchOptional(SqliteOutbox::toOp);
  }

  @Override
  public List<PendingOp> due(Instant now, int max) {
    return dsl.select(OUTBOX_COLUMNS).from(OUTBOX)
        .where(OP_PARKED_REASON.isNull().and(OP_NEXT_ATTEMPT_AT.le(Timestamps.format(now))))
        .orderBy(OP_CREATED_AT, OP_ID)
        .limit(max)
        .fetch(SqliteOutbox::toOp);
  }

  @Override
  public List<PendingOp> all() {
    return dsl.select(OUTBOX_COLUMNS).from(OUTBOX).orderBy(OP_ID).fetch(SqliteOutbox::toOp);
  }

  @Override
  public PendingOp save(PendingOp op) {
    if (op.id() == 0) {
      long id =
          dsl.insertInto(OUTBOX)
              .columns(OP_MEMORY_ID, OP_KIND, OP_SERVER_ID, OP_KEY, OP_REVISION, OP_ATTEMPTS,
                  OP_NEXT_ATTEMPT_AT, OP_UNCONFIRMED_CONTENT, OP_LAST_ERROR, OP_PARKED_REASON, OP_CREATED_AT)
              .values(
                  op.memoryId().map(MemoryId::value).orElse(null),
                  kindName(op.kind()),
                  op.serverId().map(ServerId::value).orElse(null),
                  op.key().value(),
                  op.revision(),
                  op.attempts(),
                  Timestamps.format(op.nextAttemptAt()),
                  op.unconfirmedContent().orElse(null),
                  op.lastError().orElse(null),
                  op.parkedReason().orElse(null),
                  Timestamps.format(op.createdAt()))
              .returningResult(OP_ID)
              .fetchSingle()
              .value1();
      return byId(id).orElseThrow();
    }
    int updated =
        dsl.update(OUTBOX)
            .set(OP_MEMORY_ID, op.memoryId().map(MemoryId::value).orElse(null))
            .set(OP_KIND, kindName(op.kind()))
            .set(OP_SERVER_ID, op.serverId().map(ServerId::value).orElse(null))
            .set(OP_KEY, op.key().value())
            .set(OP_REVISION, op.revision())
            .set(OP_ATTEMPTS, op.attempts())
            .set(OP_NEXT_ATTEMPT_AT, Timestamps.format(op.nextAttemptAt()))
            .set(OP_UNCONFIRMED_CONTENT, op.unconfirmedContent().orElse(null))
            .set(OP_LAST_ERROR, op.lastError().orElse(null))
            .set(OP_PARKED_REASON, op.parkedReason().orElse(null))
            .set(OP_CREATED_AT, Timestamps.format(op.createdAt()))
            .where(OP_ID.eq(op.id()))
            .execute();
    if (updated != 1) {
      throw new IllegalStateException("no queued op " + op.id() + " to replace");
    }
    return op;
  }

  @Override
  public void remove(long opId) {
    dsl.deleteFrom(OUTBOX).where(OP_ID.eq(opId)).execute();
  }

  @Override
  public List<LegacyOp> takeLegacyOps() {
    List<LegacyOp> ops =
        dsl.select(PENDING_ID, PENDING_TYPE, LEGACY_LOCAL_ID, LEGACY_SERVER_ID)
            .from(PENDING_OPS)
            .orderBy(PENDING_ID)
            .fetch(
                row ->
                    new LegacyOp(
                        row.value1(),
                        row.value2() == null ? "" : row.value2(),
                        Optional.ofNullable(row.value3()).map(MemoryId::new),
                        Optional.ofNullable(row.value4()).map(ServerId::new)));
    dsl.deleteFrom(PENDING_OPS).execute();
    return ops;
  }

  private static Field<Long> legacyField(String path) {
    return DSL.field(
        "CASE WHEN json_valid({0}) THEN json_extract({0}, {1}) END",
        SQLDataType.BIGINT,
        PENDING_PAYLOAD,
        DSL.inline(path));
  }

  private static String kindName(OpKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  private static PendingOp toOp(Record row) {
    return new PendingOp(
        row.get(OP_ID),
        Optional.ofNullable(row.get(OP_MEMORY_ID)).map(MemoryId::new),
        OpKind.valueOf(row.get(OP_KIND).toUpperCase(Locale.ROOT)),
        Optional.ofNullable(row.get(OP_SERVER_ID)).map(ServerId::new),
        new IdempotencyKey(row.get(OP_KEY)),
        row.get(OP_REVISION),
        row.get(OP_ATTEMPTS),
        instant(row.get(OP_NEXT_ATTEMPT_AT)),
        Optional.ofNullable(row.get(OP_UNCONFIRMED_CONTENT)),
        Optional.ofNullable(row.get(OP_LAST_ERROR)),
        Optional.ofNullable(row.get(OP_PARKED_REASON)),
        instant(row.get(OP_CREATED_AT)));
  }

  private static Instant instant(String text) {
    return Timestamps.parse(text)
        .orElseThrow(() -> new IllegalStateException("unreadable time in sync_outbox: " + text));
  }
}
