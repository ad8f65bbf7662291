package dev.claudememory.sqlite;

import static dev.claudememory.sqlite.Schema.CATEGORY;
import static dev.claudememory.sqlite.Schema.CONTENT;
import static dev.claudememory.sqlite.Schema.CONTENT_KEY;
import static dev.claudememory.sqlite.Schema.CREATED_AT;
import static dev.claudememory.sqlite.Schema.EXPANDED_KEYWORDS;
import static dev.claudememory.sqlite.Schema.ID;
import static dev.claudememory.sqlite.Schema.IMPORTANCE;
import static dev.claudememory.sqlite.Schema.IS_SENSITIVE;
import static dev.claudememory.sqlite.Schema.MEMORIES;
import static dev.claudememory.sqlite.Schema.SERVER_ID;
import static dev.claudememory.sqlite.Schema.TAGS;
import static dev.claudememory.sqlite.Schema.UPDATED_AT;
import static java.util.Objects.requireNonNull;

import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.ContentKey;
import dev.claudememory.core.memory.ImportedMemory;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.MemoryPatch;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.memory.Timestamps;
import dev.claudememory.core.port.DuplicateGroup;
import dev.claudememory.core.port.MemoryWriter;
import dev.claudememory.core.port.Outbox;
import dev.claudememory.core.port.SyncState;
import dev.claudememory.core.remote.RemoteMemory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.Record2;

/**
 * The changes of one write transaction, on the writer's connection (so it sees its own writes).
 * Usable only until its transaction ends: later it would write outside any transaction.
 *
 * <p>Every row it writes carries the {@link ContentKey} of its content (V4). Rows the Python
 * version wrote have none until a lookup by key in a write fills them in; a lookup in a read
 * compares their contents instead.
 */
final class SqliteMemoryWriter implements MemoryWriter {
  private final DSLContext dsl;
  private final boolean writable;
  private volatile boolean open = true;

  /** @param writable false on a read connection, which refuses writes */
  SqliteMemoryWriter(DSLContext dsl, boolean writable) {
    this.dsl = dsl;
    this.writable = writable;
  }

  /** Called as its transaction ends; every later call fails. */
  void end() {
    open = false;
  }

  private void requireOpen() {
    if (!open) {
      throw new IllegalStateException(
          "this MemoryWriter was used after its write transaction ended");
    }
  }

  @Override
  public Memory insert(NewMemory memory, Instant now) {
    requireNonNull(memory, "memory");
    String timestamp = Timestamps.format(requireNonNull(now, "now"));
    return insertRow(
        memory.content().text(),
        memory.category(),
        memory.tags(),
        memory.expandedKeywords(),
        memory.importance().value(),
        memory.isSensitive(),
        timestamp,
        timestamp);
  }

  @Override
  public Memory insertImported(ImportedMemory memory, Instant now) {
    requireNonNull(memory, "memory");
    String createdAt = memory.createdAt().orElseGet(() -> Timestamps.format(requireNonNull(now, "now")));
    return insertRow(
        memory.content().text(),
        memory.category(),
        memory.tags(),
        memory.expandedKeywords(),
        memory.importance().value(),
        memory.sensitive(),
        createdAt,
        memory.updatedAt().orElse(createdAt));
  }

  /** Inserts a row that has no server id yet, keyed by its content; returns it with its id. */
  private Memory insertRow(
      String content,
      Category category,
      String tags,
      String expandedKeywords,
      double importance,
      boolean sensitive,
      String createdAt,
      String updatedAt) {
    requireOpen();
    long id =
        dsl.insertInto(MEMORIES)
            .columns(CONTENT, CATEGORY, TAGS, EXPANDED_KEYWORDS, IMPORTANCE, IS_SENSITIVE, CREATED_AT,
                UPDATED_AT, CONTENT_KEY)
            .values(
                content,
                category.name(),
                tags,
                expandedKeywords,
                importance,
                sensitive ? 1 : 0,
                createdAt,
                updatedAt,
                ContentKey.of(content).value())
            .returningResult(ID)
            .fetchSingle()
            .value1();
    return new Memory(
        new MemoryId(id), Optional.empty(), content, category, tags, expandedKeywords, importance,
        sensitive, createdAt, updatedAt);
  }

  @Override
  public Optional<Memory> update(MemoryId id, MemoryPatch patch, Instant now) {
    requireNonNull(patch, "patch");
    requireOpen();
    String timestamp = Timestamps.format(requireNonNull(now, "now"));
    return find(id)
        .map(
            current -> {
              Memory updated = patch.applyTo(current, timestamp);
              dsl.update(MEMORIES)
                  .set(CONTENT, updated.content())
                  .set(CONTENT_KEY, ContentKey.of(updated.content()).value())
                  .set(CATEGORY, updated.category().name())
                  .set(TAGS, updated.tags())
                  .set(EXPANDED_KEYWORDS, updated.expandedKeywords())
                  .set(IMPORTANCE, updated.importance())
                  .set(IS_SENSITIVE, updated.sensitive() ? 1 : 0)
                  .set(UPDATED_AT, updated.updatedAt())
                  .where(ID.eq(id.value()))
                  .execute();
              return updated;
            });
  }

  @Override
  public Optional<Memory> delete(MemoryId id) {
    requireOpen();
    Optional<Memory> existing = find(id);
    existing.ifPresent(memory -> dsl.deleteFrom(MEMORIES).where(ID.eq(id.value())).execute());
    return existing;
  }

  @Override
  public Optional<Memory> find(MemoryId id) {
    requireNonNull(id, "id");
    requireOpen();
    return dsl.select(MemoryRows.SELECTED)
        .from(MEMORIES)
        .where(ID.eq(id.value()))
        .fetchOptional(MemoryRows::toMemory);
  }

  @Override
  public Optional<Memory> findByServerId(ServerId id) {
    requireNonNull(id, "id");
    requireOpen();
    return dsl.select(MemoryRows.SELECTED)
        .from(MEMORIES)
        .where(SERVER_ID.eq(id.value()))
        .fetchOptional(MemoryRows::toMemory);
  }

  @Override
  public Optional<Memory> findByContentKey(ContentKey key) {
    requireNonNull(key, "key");
    requireOpen();
    if (writable) {
      fillMissingContentKeys();
    }
    // rows without a key (only left in a read) are compared by content: one indexed query either way
    return dsl.select(MemoryRows.SELECTED)
        .from(MEMORIES)
        .where(CONTENT_KEY.eq(key.value()).or(CONTENT_KEY.isNull()))
        .orderBy(ID)
        .fetch(MemoryRows::toMemory)
        .stream()
        .filter(memory -> ContentKey.of(memory.content()).equals(key))
        .findFirst();
  }

  /** Keys for the rows the Python version wrote since the last fill; none at all, usually. */
  private void fillMissingContentKeys() {
    List<Query> updates = new ArrayList<>();
    for (Record2<Long, String> row :
        dsl.select(ID, CONTENT).from(MEMORIES).where(CONTENT_KEY.isNull()).fetch()) {
      updates.add(
          dsl.update(MEMORIES)
              .set(CONTENT_KEY, ContentKey.of(row.value2()).value())
              .where(ID.eq(row.value1())));
    }
    if (!updates.isEmpty()) {
      dsl.batch(updates).execute();
    }
  }

  @Override
  public List<DuplicateGroup> nearDuplicates(int maxGroups) {
    requireOpen();
    if (maxGroups < 1) {
      throw new IllegalArgumentException("maxGroups must be at least 1; got " + maxGroups);
    }
    return ContentKeyGroups.find(dsl, maxGroups);
  }

  @Override
  public void assignServerId(MemoryId id, ServerId serverId, Category category) {
    requireOpen();
    dsl.update(MEMORIES)
        .set(SERVER_ID, serverId.value())
        .set(CATEGORY, category.name())
        .where(ID.eq(id.value()))
        .execute();
  }

  @Override
  public Memory insertFromServer(RemoteMemory memory) {
    requireOpen();
    long id =
        dsl.insertInto(MEMORIES)
            .columns(CONTENT, CATEGORY, TAGS, EXPANDED_KEYWORDS, IMPORTANCE, IS_SENSITIVE, CREATED_AT,
                UPDATED_AT, SERVER_ID, CONTENT_KEY)
            .values(
                memory.content(),
                memory.category(),
                memory.tags(),
                memory.expandedKeywords(),
                memory.importance(),
                memory.sensitive() ? 1 : 0,
                memory.createdAt(),
                memory.updatedAt(),
                memory.id().value(),
                ContentKey.of(memory.content()).value())
            .returningResult(ID)
            .fetchSingle()
            .value1();
    return find(new MemoryId(id)).orElseThrow();
  }

  @Override
  public void overwriteFromServer(MemoryId id, RemoteMemory memory, boolean keepLocalContent) {
    requireOpen();
    var update =
        dsl.update(MEMORIES)
            .set(CATEGORY, memory.category())
            .set(TAGS, memory.tags())
            .set(EXPANDED_KEYWORDS, memory.expandedKeywords())
            .set(IMPORTANCE, memory.importance())
            .set(IS_SENSITIVE, memory.sensitive() ? 1 : 0)
            .set(UPDATED_AT, memory.updatedAt());
    (keepLocalContent
            ? update
            : update
                .set(CONTENT, memory.content())
                .set(CONTENT_KEY, ContentKey.of(memory.content()).value()))
        .where(ID.eq(id.value()))
        .execute();
  }

  @Override
  public List<Memory> synced() {
    requireOpen();
    return dsl.select(MemoryRows.SELECTED).from(MEMORIES).where(SERVER_ID.isNotNull()).orderBy(ID)
        .fetch(MemoryRows::toMemory);
  }

  @Override
  public List<Memory> unsynced() {
    requireOpen();
    return dsl.select(MemoryRows.SELECTED).from(MEMORIES).where(SERVER_ID.isNull()).orderBy(ID)
        .fetch(MemoryRows::toMemory);
  }

  @Override
  public Outbox outbox() {
    requireOpen();
    return new SqliteOutbox(dsl);
  }

  @Override
  public SyncState syncState() {
    requireOpen();
    return new SqliteSyncState(dsl);
  }
}
