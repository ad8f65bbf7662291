package dev.claudememory.sqlite;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.ContentKey;
import dev.claudememory.core.memory.ImportedMemory;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.MemoryPatch;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.memory.QuantizedVector;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.memory.StoredVector;
import dev.claudememory.core.memory.Timestamps;
import dev.claudememory.core.port.DuplicateGroup;
import dev.claudememory.core.port.MemoryWriter;
import dev.claudememory.core.port.Outbox;
import dev.claudememory.core.port.ServerLink;
import dev.claudememory.core.port.SyncState;
import dev.claudememory.core.remote.RemoteMemory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The changes of one write transaction, on the writer's connection (so it sees its own writes).
 * Usable only until its transaction ends: later it would write outside any transaction.
 *
 * <p>Every row it writes carries the {@link ContentKey} of its content (V4). Rows the Python
 * version wrote have none until a lookup by key in a write fills them in; a lookup in a read
 * compares their contents instead.
 */
final class SqliteMemoryWriter implements MemoryWriter {
  private static final String INSERT =
      "INSERT INTO memories (content, category, tags, expanded_keywords, importance, is_sensitive,"
          + " created_at, updated_at, content_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
  private static final String INSERT_FROM_SERVER =
      "INSERT INTO memories (content, category, tags, expanded_keywords, importance, is_sensitive,"
          + " created_at, updated_at, server_id, content_key, server_created_at, server_updated_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
  private static final String UPDATE =
      "UPDATE memories SET content = ?, content_key = ?, category = ?, tags = ?,"
          + " expanded_keywords = ?, importance = ?, is_sensitive = ?, updated_at = ? WHERE id = ?";
  private static final String OVERWRITE_KEEPING_CONTENT =
      "UPDATE memories SET category = ?, tags = ?, expanded_keywords = ?, importance = ?,"
          + " is_sensitive = ?, updated_at = ?, server_created_at = ?, server_updated_at = ? WHERE id = ?";
  private static final String OVERWRITE =
      "UPDATE memories SET category = ?, tags = ?, expanded_keywords = ?, importance = ?,"
          + " is_sensitive = ?, updated_at = ?, server_created_at = ?, server_updated_at = ?,"
          + " content = ?, content_key = ? WHERE id = ?";
  private static final String ASSIGN_SERVER_ID =
      "UPDATE memories SET server_id = ?, category = ?, server_created_at = NULL,"
          + " server_updated_at = NULL WHERE id = ?";
  private static final String SERVER_LINKS =
      "SELECT id, server_id, server_created_at, server_updated_at FROM memories"
          + " WHERE server_id IS NOT NULL ORDER BY id";
  private static final String LINK_OF =
      "SELECT id, server_id, server_created_at, server_updated_at FROM memories"
          + " WHERE id = ? AND server_id IS NOT NULL";
  private static final String RECORD_SERVER_COPY =
      "UPDATE memories SET server_created_at = ?, server_updated_at = ?"
          + " WHERE id = ? AND server_id IS NOT NULL";
  private static final String UNLINK =
      "UPDATE memories SET server_id = NULL, server_created_at = NULL, server_updated_at = NULL,"
          + " resent_at = ? WHERE id = ?";
  private static final String RESENT_AT = "SELECT resent_at FROM memories WHERE id = ?";
  private static final String WITHOUT_VECTOR =
      "SELECT " + MemoryRows.COLUMNS + " FROM memories WHERE id > ? AND NOT EXISTS (SELECT 1 FROM memory_vectors"
          + " WHERE memory_vectors.memory_id = memories.id AND memory_vectors.model = ?) ORDER BY id LIMIT ?";
  /** Only while the memory is as it was read: a vector never lands on changed text. */
  private static final String PUT_VECTOR =
      "INSERT INTO memory_vectors (memory_id, model, vector, scale, sequence)"
          + " SELECT id, ?, ?, ?, (SELECT coalesce(max(sequence), 0) + 1 FROM memory_vectors)"
          + " FROM memories WHERE id = ? AND updated_at = ?"
          + " ON CONFLICT (memory_id) DO UPDATE SET model = excluded.model, vector = excluded.vector,"
          + " scale = excluded.scale, sequence = excluded.sequence";
  private static final String VECTORS_AFTER =
      "SELECT sequence, memory_id, vector, scale FROM memory_vectors WHERE sequence > ? AND model = ?"
          + " ORDER BY sequence LIMIT ?";
  private static final String VECTOR_COUNT = "SELECT count(*) FROM memory_vectors WHERE model = ?";
  private static final String DELETE = "DELETE FROM memories WHERE id = ?";
  private static final String FIND_BY_SERVER_ID =
      "SELECT " + MemoryRows.COLUMNS + " FROM memories WHERE server_id = ?";
  /** Rows without a key (only left in a read) are compared by content: one indexed query either way. */
  private static final String FIND_BY_CONTENT_KEY =
      "SELECT " + MemoryRows.COLUMNS
          + " FROM memories WHERE content_key = ? OR content_key IS NULL ORDER BY id";
  private static final String UNKEYED = "SELECT id, content FROM memories WHERE content_key IS NULL";
  private static final String SET_CONTENT_KEY = "UPDATE memories SET content_key = ? WHERE id = ?";
  private static final String SYNCED =
      "SELECT " + MemoryRows.COLUMNS + " FROM memories WHERE server_id IS NOT NULL ORDER BY id";
  private static final String UNSYNCED =
      "SELECT " + MemoryRows.COLUMNS + " FROM memories WHERE server_id IS NULL ORDER BY id";

  private final Session session;
  private final boolean writable;
  private volatile boolean open = true;

  /** @param writable false on a read connection, which refuses writes */
  SqliteMemoryWriter(Session session, boolean writable) {
    this.session = session;
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
        session.insertReturningId(
            INSERT,
            content,
            category.name(),
            tags,
            expandedKeywords,
            importance,
            sensitive ? 1 : 0,
            createdAt,
            updatedAt,
            ContentKey.of(content).value());
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
              session.execute(
                  UPDATE,
                  updated.content(),
                  ContentKey.of(updated.content()).value(),
                  updated.category().name(),
                  updated.tags(),
                  updated.expandedKeywords(),
                  updated.importance(),
                  updated.sensitive() ? 1 : 0,
                  updated.updatedAt(),
                  id.value());
              return updated;
            });
  }

  @Override
  public Optional<Memory> delete(MemoryId id) {
    requireOpen();
    Optional<Memory> existing = find(id);
    existing.ifPresent(memory -> session.execute(DELETE, id.value()));
    return existing;
  }

  @Override
  public Optional<Memory> find(MemoryId id) {
    requireNonNull(id, "id");
    requireOpen();
    return session.queryFirst(MemoryRows.FIND, MemoryRows::read, id.value());
  }

  @Override
  public Optional<Memory> findByServerId(ServerId id) {
    requireNonNull(id, "id");
    requireOpen();
    return session.queryFirst(FIND_BY_SERVER_ID, MemoryRows::read, id.value());
  }

  @Override
  public Optional<Memory> findByContentKey(ContentKey key) {
    requireNonNull(key, "key");
    requireOpen();
    if (writable) {
      fillMissingContentKeys();
    }
    return session.query(FIND_BY_CONTENT_KEY, MemoryRows::read, key.value()).stream()
        .filter(memory -> ContentKey.of(memory.content()).equals(key))
        .findFirst();
  }

  /** Keys for the rows the Python version wrote since the last fill; none at all, usually. */
  private void fillMissingContentKeys() {
    record Unkeyed(long id, String content) {}
    for (Unkeyed row :
        session.query(UNKEYED, result -> new Unkeyed(result.getLong(1), result.getString(2)))) {
      session.execute(SET_CONTENT_KEY, ContentKey.of(row.content()).value(), row.id());
    }
  }

  @Override
  public List<DuplicateGroup> nearDuplicates(int maxGroups) {
    requireOpen();
    if (maxGroups < 1) {
      throw new IllegalArgumentException("maxGroups must be at least 1; got " + maxGroups);
    }
    return ContentKeyGroups.find(session.dsl(), maxGroups);
  }

  @Override
  public void assignServerId(MemoryId id, ServerId serverId, Category category) {
    requireOpen();
    session.execute(ASSIGN_SERVER_ID, serverId.value(), category.name(), id.value());
  }

  @Override
  public Memory insertFromServer(RemoteMemory memory) {
    requireOpen();
    long id =
        session.insertReturningId(
            INSERT_FROM_SERVER,
            memory.content(),
            memory.category(),
            memory.tags(),
            memory.expandedKeywords(),
            memory.importance(),
            memory.sensitive() ? 1 : 0,
            memory.createdAt(),
            memory.updatedAt(),
            memory.id().value(),
            ContentKey.of(memory.content()).value(),
            memory.createdAt(),
            memory.updatedAt());
    return find(new MemoryId(id)).orElseThrow();
  }

  @Override
  public void overwriteFromServer(MemoryId id, RemoteMemory memory, boolean keepLocalContent) {
    requireOpen();
    int sensitive = memory.sensitive() ? 1 : 0;
    if (keepLocalContent) {
      session.execute(
          OVERWRITE_KEEPING_CONTENT, memory.category(), memory.tags(), memory.expandedKeywords(),
          memory.importance(), sensitive, memory.updatedAt(), memory.createdAt(), memory.updatedAt(),
          id.value());
    } else {
      session.execute(
          OVERWRITE, memory.category(), memory.tags(), memory.expandedKeywords(),
          memory.importance(), sensitive, memory.updatedAt(), memory.createdAt(), memory.updatedAt(),
          memory.content(), ContentKey.of(memory.content()).value(), id.value());
    }
  }

  @Override
  public List<Memory> synced() {
    requireOpen();
    return session.query(SYNCED, MemoryRows::read);
  }

  @Override
  public List<ServerLink> serverLinks() {
    requireOpen();
    return session.query(SERVER_LINKS, SqliteMemoryWriter::readLink);
  }

  @Override
  public Optional<ServerLink> linkOf(MemoryId id) {
    requireNonNull(id, "id");
    requireOpen();
    return session.queryFirst(LINK_OF, SqliteMemoryWriter::readLink, id.value());
  }

  private static ServerLink readLink(ResultSet row) throws SQLException {
    return new ServerLink(
        new MemoryId(row.getLong(1)),
        new ServerId(row.getLong(2)),
        Optional.ofNullable(row.getString(3)),
        Optional.ofNullable(row.getString(4)));
  }

  @Override
  public void recordServerCopy(MemoryId id, String serverCreatedAt, String serverUpdatedAt) {
    requireNonNull(id, "id");
    requireNonNull(serverCreatedAt, "serverCreatedAt");
    requireNonNull(serverUpdatedAt, "serverUpdatedAt");
    requireOpen();
    session.execute(RECORD_SERVER_COPY, serverCreatedAt, serverUpdatedAt, id.value());
  }

  @Override
  public void unlinkFromServer(MemoryId id, Instant resentAt) {
    requireNonNull(id, "id");
    requireOpen();
    session.execute(UNLINK, Timestamps.format(requireNonNull(resentAt, "resentAt")), id.value());
  }

  @Override
  public Optional<Instant> resentAt(MemoryId id) {
    requireNonNull(id, "id");
    requireOpen();
    return session.queryFirst(RESENT_AT, row -> Optional.ofNullable(row.getString(1)), id.value())
        .flatMap(at -> at.flatMap(Timestamps::parse));
  }

  @Override
  public List<Memory> unsynced() {
    requireOpen();
    return session.query(UNSYNCED, MemoryRows::read);
  }

  @Override
  public List<Memory> withoutVector(String modelId, long afterId, int max) {
    requireOpen();
    return session.query(WITHOUT_VECTOR, MemoryRows::read, afterId, requireNonNull(modelId, "modelId"), max);
  }

  @Override
  public boolean putVector(MemoryId id, String updatedAt, String modelId, QuantizedVector vector) {
    requireOpen();
    return session.execute(PUT_VECTOR, modelId, vector.values(), (double) vector.scale(), id.value(), updatedAt) > 0;
  }

  @Override
  public List<StoredVector> vectorsAfter(String modelId, long afterSequence, int max) {
    requireOpen();
    return session.query(
        VECTORS_AFTER,
        row -> new StoredVector(
            row.getLong(1), new MemoryId(row.getLong(2)), new QuantizedVector(row.getBytes(3), row.getFloat(4))),
        afterSequence,
        modelId,
        max);
  }

  @Override
  public long vectorCount(String modelId) {
    requireOpen();
    return session.queryFirst(VECTOR_COUNT, row -> row.getLong(1), modelId).orElse(0L);
  }

  @Override
  public Outbox outbox() {
    requireOpen();
    return new SqliteOutbox(session);
  }

  @Override
  public SyncState syncState() {
    requireOpen();
    return new SqliteSyncState(session);
  }
}
