package dev.claudememory.core.fakes;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.StorageException;
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
import dev.claudememory.core.port.LegacyOp;
import dev.claudememory.core.port.MemoryCounts;
import dev.claudememory.core.port.MemoryStore;
import dev.claudememory.core.port.MemoryWriter;
import dev.claudememory.core.port.Outbox;
import dev.claudememory.core.port.ServerLink;
import dev.claudememory.core.port.SyncState;
import dev.claudememory.core.recall.SortBy;
import dev.claudememory.core.remote.RemoteMemory;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A {@link MemoryStore} held in memory, for core tests. It keeps the port's contract ({@code
 * MemoryStoreContract}): writes are serialized and atomic (a throwing write changes nothing: rows,
 * outbox, sync state and lease are copied on write and published whole), ids grow and are never
 * reused, and reads see only committed state.
 *
 * <p>Where a database would refuse or where the sync engine must not go, it fails loudly: a
 * server id given to two memories, a second queued op for one memory, a write inside a write, a
 * writer used after its transaction. {@link #inWrite()} lets a fake API refuse calls made inside
 * a transaction.
 *
 * <p>Search stands in for FTS5: each quoted term of a {@link QuotedTermsQuery} is split into words
 * as the unicode61 tokenizer splits (letters, numbers, private use; case and accents folded) and
 * must appear as a run of words in one of the four indexed fields. A term with no word in it is
 * ignored. The score is {@code sortBy.score(-hits, importance)}, hits counting term occurrences.
 * A search for fragments counts the distinct fragments a memory's content, tags or keywords
 * contain, scored the same way (zero by recency), equal scores newest first.
 */
public final class InMemoryMemoryStore implements MemoryStore {
  private final Storage storage;
  private volatile boolean closed;

  public InMemoryMemoryStore() {
    this(new Storage());
  }

  private InMemoryMemoryStore(Storage storage) {
    this.storage = storage;
  }

  /** Closes this store and opens another over the same rows, as reopening a file would. */
  public InMemoryMemoryStore reopen() {
    close();
    return new InMemoryMemoryStore(storage);
  }

  /**
   * Puts a row in as given, with its id, category and timestamps, as a pulled or Python-era row
   * would be: for tests that need rows no {@link NewMemory} can make.
   */
  public Memory putRow(Memory memory) {
    requireNonNull(memory, "memory");
    return write(
        writer -> {
          ((Writer) writer).put(memory);
          return memory;
        });
  }

  /**
   * Sets the Python version's queued operations, as an old database would hold them, for {@link
   * Outbox#takeLegacyOps()} to hand out once.
   */
  public void setLegacyOps(List<LegacyOp> ops) {
    List<LegacyOp> copy = List.copyOf(ops);
    write(
        writer -> {
          ((Writer) writer).outbox.replaceLegacyOps(copy);
          return null;
        });
  }

  /** Who holds the sync lease (expired or not), for tests of the lease. */
  public Optional<String> leaseHolder() {
    checkOpen();
    return storage.committed.syncState().leaseHolder();
  }

  /** Whether a write transaction is open right now, on any thread. */
  public boolean inWrite() {
    return storage.writeLock.isLocked();
  }

  @Override
  public <T> T write(Function<MemoryWriter, T> work) {
    requireNonNull(work, "work");
    if (storage.writeLock.isHeldByCurrentThread()) {
      // one writer per database: a real store would deadlock or refuse a nested transaction
      throw new IllegalStateException("a write was started inside another write");
    }
    storage.writeLock.lock();
    try {
      checkOpen();
      Writer writer = new Writer(storage.committed, false);
      T result;
      try {
        result = work.apply(writer);
      } finally {
        writer.active = false;
      }
      storage.committed = writer.snapshot();
      return result;
    } finally {
      storage.writeLock.unlock();
    }
  }

  @Override
  public <T> T read(Function<MemoryWriter, T> work) {
    requireNonNull(work, "work");
    checkOpen();
    Writer reader = new Writer(storage.committed, true);
    try {
      return work.apply(reader);
    } finally {
      reader.active = false;
    }
  }

  @Override
  public Optional<Memory> find(MemoryId id) {
    requireNonNull(id, "id");
    checkOpen();
    return Optional.ofNullable(storage.committed.rows.get(id.value()));
  }

  @Override
  public List<Memory> search(
      String ftsQuery, Optional<Category> category, SortBy sortBy, int limit) {
    requireNonNull(category, "category");
    requireNonNull(sortBy, "sortBy");
    checkOpen();
    QuotedTermsQuery query = QuotedTermsQuery.parse(ftsQuery);
    List<List<String>> phrases =
        query.terms().stream()
            .map(InMemoryMemoryStore::words)
            .filter(words -> !words.isEmpty())
            .collect(Collectors.toList());
    if (phrases.isEmpty()) {
      return List.of();
    }
    List<Scored> matches = new ArrayList<>();
    for (Memory memory : inCategory(category)) {
      List<Integer> hits = new ArrayList<>();
      for (List<String> phrase : phrases) {
        hits.add(occurrences(memory, phrase));
      }
      boolean matched =
          query.operator().equals("AND")
              ? hits.stream().allMatch(count -> count > 0)
              : hits.stream().anyMatch(count -> count > 0);
      if (matched) {
        int total = hits.stream().mapToInt(Integer::intValue).sum();
        matches.add(new Scored(memory, sortBy.score(-total, memory.importance())));
      }
    }
    Comparator<Scored> order =
        sortBy.ranksByScore()
            ? Comparator.comparingDouble(Scored::score)
                .reversed()
                .thenComparing(scored -> scored.memory().id().value())
            : Comparator.comparing((Scored scored) -> scored.memory(), NEWEST_FIRST);
    return matches.stream().sorted(order).limit(limit).map(Scored::memory).collect(Collectors.toList());
  }

  @Override
  public List<Memory> searchFragments(
      List<String> fragments, Optional<Category> category, SortBy sortBy, int limit) {
    requireNonNull(fragments, "fragments");
    requireNonNull(category, "category");
    requireNonNull(sortBy, "sortBy");
    checkOpen();
    List<Scored> matches = new ArrayList<>();
    for (Memory memory : inCategory(category)) {
      if (memory.sensitive()) {
        continue; // the fragment search never reads a sensitive memory
      }
      long hits =
          fragments.stream()
              .filter(fragment -> !fragment.isEmpty())
              .distinct()
              .filter(
                  fragment ->
                      memory.content().contains(fragment)
                          || memory.tags().contains(fragment)
                          || memory.expandedKeywords().contains(fragment))
              .count();
      if (hits > 0) {
        matches.add(new Scored(memory, sortBy.score(-hits, memory.importance())));
      }
    }
    Comparator<Scored> order =
        Comparator.comparingDouble(Scored::score)
            .reversed()
            .thenComparing((Scored scored) -> scored.memory(), NEWEST_FIRST);
    return matches.stream().sorted(order).limit(limit).map(Scored::memory).collect(Collectors.toList());
  }

  @Override
  public List<Memory> recent(Optional<Category> category, int limit) {
    requireNonNull(category, "category");
    checkOpen();
    return inCategory(category).stream().sorted(NEWEST_FIRST).limit(limit).collect(Collectors.toList());
  }

  @Override
  public MemoryCounts counts() {
    checkOpen();
    Map<String, Long> byCategory =
        storage.committed.rows.values().stream()
            .collect(Collectors.groupingBy(m -> m.category().name(), Collectors.counting()));
    return new MemoryCounts(storage.committed.rows.size(), byCategory);
  }

  @Override
  public void close() {
    closed = true;
  }

  private void checkOpen() {
    if (closed) {
      throw new StorageException("the memory store is closed");
    }
  }

  private List<Memory> inCategory(Optional<Category> category) {
    return storage.committed.rows.values().stream()
        .filter(memory -> category.map(c -> c.equals(memory.category())).orElse(true))
        .collect(Collectors.toList());
  }

  private static final Comparator<Memory> NEWEST_FIRST =
      Comparator.comparing(Memory::createdAt)
          .thenComparing(memory -> memory.id().value())
          .reversed();

  /** How often the phrase stands in the memory's fields; a sensitive one's content is not searched. */
  private static int occurrences(Memory memory, List<String> phrase) {
    int count = 0;
    for (String field :
        List.of(
            memory.sensitive() ? "" : memory.content(),
            memory.category().name(),
            memory.tags(),
            memory.expandedKeywords())) {
      List<String> words = words(field);
      for (int start = 0; start + phrase.size() <= words.size(); start++) {
        if (words.subList(start, start + phrase.size()).equals(phrase)) {
          count++;
        }
      }
    }
    return count;
  }

  /** Words as unicode61 splits them: runs of letters, numbers and private use, folded. */
  static List<String> words(String text) {
    String folded =
        Normalizer.normalize(text, Normalizer.Form.NFD)
            .replaceAll("\\p{Mn}", "")
            .toLowerCase(Locale.ROOT);
    List<String> words = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    folded
        .codePoints()
        .forEach(
            codePoint -> {
              int type = Character.getType(codePoint);
              if (Character.isLetterOrDigit(codePoint)
                  || type == Character.LETTER_NUMBER
                  || type == Character.OTHER_NUMBER
                  || type == Character.PRIVATE_USE) {
                current.appendCodePoint(codePoint);
              } else if (current.length() > 0) {
                words.add(current.toString());
                current.setLength(0);
              }
            });
    if (current.length() > 0) {
      words.add(current.toString());
    }
    return words;
  }

  private record Scored(Memory memory, double score) {}

  private record ServerCopy(String createdAt, String updatedAt) {}

  private record Vector(String modelId, QuantizedVector vector, long sequence) {}

  /**
   * Committed state: rows, the last id handed out, outbox, sync state. Replaced whole by each
   * committed write; the tables in it are never changed, only copied.
   */
  private record Snapshot(
      Map<Long, Memory> rows,
      Map<Long, ServerCopy> serverCopies,
      Map<Long, Instant> resentAt,
      Map<Long, Vector> vectors,
      long vectorSequence,
      long lastId,
      OutboxTable outbox,
      SyncStateTable syncState) {}

  /** What a file would hold: shared by a store and the stores {@link #reopen()} makes. */
  private static final class Storage {
    final ReentrantLock writeLock = new ReentrantLock();
    volatile Snapshot committed =
        new Snapshot(
            Collections.emptyMap(),
            Collections.emptyMap(),
            Collections.emptyMap(),
            Collections.emptyMap(),
            0,
            0,
            new OutboxTable(),
            new SyncStateTable());
  }

  /**
   * Works on a private copy, published only when the write's work returns; a read works on a
   * copy that refuses changes.
   */
  private static final class Writer implements MemoryWriter, OutboxTable.Access {
    private final TreeMap<Long, Memory> rows;
    /** The server's timestamps of linked memories' copies, where known. */
    private final TreeMap<Long, ServerCopy> serverCopies;
    private final TreeMap<Long, Instant> resentAt;
    /** As the database's triggers keep them: gone when their memory changes or goes. */
    private final TreeMap<Long, Vector> vectors;
    private long vectorSequence;
    private final OutboxTable outbox;
    private final SyncStateTable syncState;
    private final boolean readOnly;
    private long lastId;
    private volatile boolean active = true;

    Writer(Snapshot start, boolean readOnly) {
      this.rows = new TreeMap<>(start.rows());
      this.serverCopies = new TreeMap<>(start.serverCopies());
      this.resentAt = new TreeMap<>(start.resentAt());
      this.vectors = new TreeMap<>(start.vectors());
      this.vectorSequence = start.vectorSequence();
      this.lastId = start.lastId();
      this.readOnly = readOnly;
      this.outbox = start.outbox().copyFor(this);
      this.syncState = start.syncState().copyFor(this);
    }

    Snapshot snapshot() {
      return new Snapshot(
          Collections.unmodifiableMap(new TreeMap<>(rows)),
          Collections.unmodifiableMap(new TreeMap<>(serverCopies)),
          Collections.unmodifiableMap(new TreeMap<>(resentAt)),
          Collections.unmodifiableMap(new TreeMap<>(vectors)),
          vectorSequence,
          lastId,
          outbox.copyFor(null),
          syncState.copyFor(null));
    }

    @Override
    public void reading() {
      checkActive();
    }

    @Override
    public void writing() {
      checkActive();
      if (readOnly) {
        throw new IllegalStateException("a read may not change the database");
      }
    }

    @Override
    public Optional<Memory> findByServerId(ServerId id) {
      reading();
      requireNonNull(id, "id");
      return rows.values().stream()
          .filter(memory -> memory.serverId().equals(Optional.of(id)))
          .findFirst();
    }

    @Override
    public Optional<Memory> findByContentKey(ContentKey key) {
      reading();
      requireNonNull(key, "key");
      return rows.values().stream()
          .filter(memory -> ContentKey.of(memory.content()).equals(key))
          .findFirst();
    }

    @Override
    public List<DuplicateGroup> nearDuplicates(int maxGroups) {
      reading();
      if (maxGroups < 1) {
        throw new IllegalArgumentException("maxGroups must be at least 1; got " + maxGroups);
      }
      Map<ContentKey, List<MemoryId>> byKey = new LinkedHashMap<>();
      rows.values()
          .forEach(
              memory ->
                  byKey
                      .computeIfAbsent(ContentKey.of(memory.content()), key -> new ArrayList<>())
                      .add(memory.id()));
      return byKey.values().stream()
          .filter(ids -> ids.size() > 1)
          .limit(maxGroups)
          .map(DuplicateGroup::new)
          .collect(Collectors.toList());
    }

    @Override
    public void assignServerId(MemoryId id, ServerId serverId, Category category) {
      writing();
      requireNonNull(serverId, "serverId");
      requireNonNull(category, "category");
      Memory memory = existing(id);
      requireUnused(serverId, id);
      serverCopies.remove(id.value());
      rows.put(
          id.value(),
          new Memory(
              id,
              Optional.of(serverId),
              memory.content(),
              category,
              memory.tags(),
              memory.expandedKeywords(),
              memory.importance(),
              memory.sensitive(),
              memory.createdAt(),
              memory.updatedAt()));
    }

    @Override
    public Memory insertFromServer(RemoteMemory memory) {
      writing();
      requireNonNull(memory, "memory");
      requireUnused(memory.id(), null);
      Memory row =
          new Memory(
              new MemoryId(++lastId),
              Optional.of(memory.id()),
              memory.content(),
              Category.stored(memory.category()),
              memory.tags(),
              memory.expandedKeywords(),
              memory.importance(),
              memory.sensitive(),
              memory.createdAt(),
              memory.updatedAt());
      rows.put(row.id().value(), row);
      serverCopies.put(row.id().value(), new ServerCopy(memory.createdAt(), memory.updatedAt()));
      return row;
    }

    @Override
    public void overwriteFromServer(MemoryId id, RemoteMemory memory, boolean keepLocalContent) {
      writing();
      requireNonNull(memory, "memory");
      Memory local = existing(id);
      serverCopies.put(id.value(), new ServerCopy(memory.createdAt(), memory.updatedAt()));
      vectors.remove(id.value());
      rows.put(
          id.value(),
          new Memory(
              id,
              local.serverId(),
              keepLocalContent ? local.content() : memory.content(),
              Category.stored(memory.category()),
              memory.tags(),
              memory.expandedKeywords(),
              memory.importance(),
              memory.sensitive(),
              local.createdAt(),
              memory.updatedAt()));
    }

    @Override
    public List<Memory> synced() {
      reading();
      return rows.values().stream()
          .filter(memory -> memory.serverId().isPresent())
          .collect(Collectors.toList());
    }

    @Override
    public List<ServerLink> serverLinks() {
      reading();
      return rows.values().stream()
          .filter(memory -> memory.serverId().isPresent())
          .map(memory -> link(memory).orElseThrow())
          .collect(Collectors.toList());
    }

    @Override
    public Optional<ServerLink> linkOf(MemoryId id) {
      reading();
      return find(id).flatMap(this::link);
    }

    private Optional<ServerLink> link(Memory memory) {
      return memory.serverId()
          .map(serverId -> new ServerLink(memory.id(), serverId,
              Optional.ofNullable(serverCopies.get(memory.id().value())).map(ServerCopy::createdAt),
              Optional.ofNullable(serverCopies.get(memory.id().value())).map(ServerCopy::updatedAt)));
    }

    @Override
    public void recordServerCopy(MemoryId id, String createdAt, String updatedAt) {
      writing();
      requireNonNull(createdAt, "createdAt");
      requireNonNull(updatedAt, "updatedAt");
      if (existing(id).serverId().isEmpty()) {
        throw new IllegalStateException("memory " + id + " has no server id");
      }
      serverCopies.put(id.value(), new ServerCopy(createdAt, updatedAt));
    }

    @Override
    public void unlinkFromServer(MemoryId id, Instant at) {
      writing();
      requireNonNull(at, "at");
      Memory memory = existing(id);
      serverCopies.remove(id.value());
      resentAt.put(id.value(), at.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
      rows.put(
          id.value(),
          new Memory(id, Optional.empty(), memory.content(), memory.category(), memory.tags(),
              memory.expandedKeywords(), memory.importance(), memory.sensitive(),
              memory.createdAt(), memory.updatedAt()));
    }

    @Override
    public Optional<Instant> resentAt(MemoryId id) {
      reading();
      return Optional.ofNullable(resentAt.get(requireNonNull(id, "id").value()));
    }

    @Override
    public List<Memory> unsynced() {
      reading();
      return rows.values().stream()
          .filter(memory -> memory.serverId().isEmpty())
          .collect(Collectors.toList());
    }

    @Override
    public List<Memory> withoutVector(String modelId, long afterId, int max) {
      reading();
      return rows.values().stream()
          .filter(memory -> memory.id().value() > afterId)
          .filter(memory -> {
            Vector vector = vectors.get(memory.id().value());
            return vector == null || !vector.modelId().equals(modelId);
          })
          .limit(max)
          .collect(Collectors.toList());
    }

    @Override
    public boolean putVector(MemoryId id, String updatedAt, String modelId, QuantizedVector vector) {
      writing();
      Memory memory = rows.get(requireNonNull(id, "id").value());
      if (memory == null || !memory.updatedAt().equals(updatedAt)) {
        return false;
      }
      vectors.put(id.value(), new Vector(modelId, vector, ++vectorSequence));
      return true;
    }

    @Override
    public List<StoredVector> vectorsAfter(String modelId, long afterSequence, int max) {
      reading();
      return vectors.entrySet().stream()
          .filter(entry -> entry.getValue().modelId().equals(modelId) && entry.getValue().sequence() > afterSequence)
          .sorted(Comparator.comparingLong(entry -> entry.getValue().sequence()))
          .limit(max)
          .map(entry -> new StoredVector(entry.getValue().sequence(), new MemoryId(entry.getKey()), entry.getValue().vector()))
          .collect(Collectors.toList());
    }

    @Override
    public long vectorCount(String modelId) {
      reading();
      return vectors.values().stream().filter(vector -> vector.modelId().equals(modelId)).count();
    }

    @Override
    public Outbox outbox() {
      reading();
      return outbox;
    }

    @Override
    public SyncState syncState() {
      reading();
      return syncState;
    }

    private Memory existing(MemoryId id) {
      requireNonNull(id, "id");
      Memory memory = rows.get(id.value());
      if (memory == null) {
        throw new IllegalStateException("no memory has id " + id);
      }
      return memory;
    }

    /** The unique index on server_id. */
    private void requireUnused(ServerId serverId, MemoryId except) {
      findByServerId(serverId)
          .filter(other -> !other.id().equals(except))
          .ifPresent(
              other -> {
                throw new IllegalStateException(
                    "server id " + serverId + " already belongs to memory " + other.id());
              });
    }

    @Override
    public Memory insert(NewMemory memory, Instant now) {
      writing();
      requireNonNull(memory, "memory");
      String timestamp = Timestamps.format(requireNonNull(now, "now"));
      Memory row =
          new Memory(
              new MemoryId(++lastId),
              Optional.empty(),
              memory.content().text(),
              memory.category(),
              memory.tags(),
              memory.expandedKeywords(),
              memory.importance().value(),
              memory.isSensitive(),
              timestamp,
              timestamp);
      rows.put(row.id().value(), row);
      return row;
    }

    @Override
    public Memory insertImported(ImportedMemory memory, Instant now) {
      writing();
      requireNonNull(memory, "memory");
      String createdAt =
          memory.createdAt().orElseGet(() -> Timestamps.format(requireNonNull(now, "now")));
      Memory row =
          new Memory(
              new MemoryId(++lastId),
              Optional.empty(),
              memory.content().text(),
              memory.category(),
              memory.tags(),
              memory.expandedKeywords(),
              memory.importance().value(),
              memory.sensitive(),
              createdAt,
              memory.updatedAt().orElse(createdAt));
      rows.put(row.id().value(), row);
      return row;
    }

    @Override
    public Optional<Memory> update(MemoryId id, MemoryPatch patch, Instant now) {
      writing();
      requireNonNull(patch, "patch");
      String timestamp = Timestamps.format(requireNonNull(now, "now"));
      return find(id)
          .map(
              memory -> {
                Memory updated = patch.applyTo(memory, timestamp);
                rows.put(id.value(), updated);
                vectors.remove(id.value());
                return updated;
              });
    }

    @Override
    public Optional<Memory> delete(MemoryId id) {
      writing();
      serverCopies.remove(requireNonNull(id, "id").value());
      resentAt.remove(id.value());
      vectors.remove(id.value());
      return Optional.ofNullable(rows.remove(id.value()));
    }

    @Override
    public Optional<Memory> find(MemoryId id) {
      checkActive();
      return Optional.ofNullable(rows.get(requireNonNull(id, "id").value()));
    }

    void put(Memory memory) {
      writing();
      rows.put(memory.id().value(), memory);
      lastId = Math.max(lastId, memory.id().value());
    }

    private void checkActive() {
      if (!active) {
        throw new IllegalStateException("the writer was used after its write returned");
      }
    }
  }
}
