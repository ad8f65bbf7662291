package dev.claudememory.testkit;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.memory.SensitiveContent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The fake server's database: memories of its one user, soft deletes, shares. Every method is one
 * transaction under this object's lock, and writes are stamped inside it, so stamps order commits
 * (the real server's late commits, SPEC §7 defect 5, are not simulated).
 *
 * <p>Thread-safe.
 */
final class MemoryTable {
  private final Timeline timeline;
  private final TreeMap<Long, Row> rows = new TreeMap<>();
  private final Map<MemoryShareKey, MemoryShare> memoryShares = new LinkedHashMap<>();
  private final Map<TagShareKey, TagShare> tagShares = new LinkedHashMap<>();
  private long lastId;

  MemoryTable(Clock clock) {
    this.timeline = new Timeline(clock);
  }

  synchronized Row create(MemoryInput input) {
    Instant now = timeline.stampWrite();
    Row row =
        row(++lastId, input.content(), input.category(), input.tags(), input.expandedKeywords(),
            input.importance(), input.forceSensitive(), now, now);
    rows.put(row.id(), row);
    return row;
  }

  /** Stores all or, when one throws, none. */
  synchronized List<Row> createAll(List<MemoryInput> inputs) {
    List<Row> created = new ArrayList<>();
    for (MemoryInput input : inputs) {
      created.add(create(input));
    }
    return created;
  }

  /** The updated row; empty when the id is unknown or deleted. */
  synchronized Optional<Row> update(long id, MemoryChange change) {
    Optional<Row> found = live(id);
    if (found.isEmpty()) {
      return found;
    }
    Row old = found.get();
    Row updated =
        row(id, change.content().orElse(old.original()), change.category().orElse(old.category()),
            change.tags().orElse(old.tags()),
            change.expandedKeywords().orElse(old.expandedKeywords()),
            change.importance().orElse(old.importance()), old.forcedSensitive(), old.createdAt(),
            timeline.stampWrite());
    rows.put(id, updated);
    return Optional.of(updated);
  }

  /** The row as it was before the delete; empty when unknown or already deleted. */
  synchronized Optional<Row> softDelete(long id) {
    Optional<Row> found = live(id);
    found.ifPresent(row -> rows.put(id, row.deleted(timeline.stampWrite())));
    return found;
  }

  synchronized Optional<Row> live(long id) {
    return Optional.ofNullable(rows.get(id)).filter(Row::isLive);
  }

  synchronized Optional<Row> any(long id) {
    return Optional.ofNullable(rows.get(id));
  }

  /**
   * The sync query. The server time is read before the query, as the API reads it, so a write
   * landing in between is in this answer and again in the next pull, never in neither.
   */
  synchronized Changes changes(Optional<Instant> since) {
    Instant serverTime = timeline.serverTime();
    List<Row> changed = new ArrayList<>();
    for (Row row : rows.values()) {
      boolean wanted =
          since.map(cursor -> row.updatedAt().isAfter(cursor)).orElseGet(row::isLive);
      if (wanted) {
        changed.add(row);
      }
    }
    changed.sort((a, b) -> a.updatedAt().compareTo(b.updatedAt()));
    return new Changes(serverTime, changed);
  }

  /** The whole state: every row (soft-deleted ones too), the id sequence and the shares. */
  synchronized State state() {
    return new State(this, new TreeMap<>(rows), lastId, new LinkedHashMap<>(memoryShares),
        new LinkedHashMap<>(tagShares));
  }

  /**
   * Puts an earlier state back, as a database restored from a backup: later rows vanish, later
   * deletes and edits are undone, and the ids after its sequence are handed out again. The clock
   * goes on: later writes are stamped after every stamp given so far.
   *
   * @throws IllegalArgumentException for the state of another table
   */
  synchronized void restore(State state) {
    if (state.table() != this) {
      throw new IllegalArgumentException("a snapshot of another server cannot be restored here");
    }
    rows.clear();
    rows.putAll(state.rows());
    lastId = state.lastId();
    memoryShares.clear();
    memoryShares.putAll(state.memoryShares());
    tagShares.clear();
    tagShares.putAll(state.tagShares());
  }

  /** Forgets every row, tombstones included, and every share: the next id is 1 again. */
  synchronized void clear() {
    rows.clear();
    memoryShares.clear();
    tagShares.clear();
    lastId = 0;
  }

  /**
   * Replaces everything with other memories, ids from 1, stamped {@code age} before now, one
   * microsecond apart in order: the data of another deployment, written before anyone asked it.
   */
  synchronized List<Row> replaceWith(List<MemoryInput> inputs, Duration age) {
    clear();
    Instant stamp = timeline.now().minus(age).truncatedTo(ChronoUnit.MICROS);
    List<Row> created = new ArrayList<>();
    for (MemoryInput input : inputs) {
      stamp = stamp.plus(1, ChronoUnit.MICROS);
      Row row =
          row(++lastId, input.content(), input.category(), input.tags(), input.expandedKeywords(),
              input.importance(), input.forceSensitive(), stamp, stamp);
      rows.put(row.id(), row);
      created.add(row);
    }
    return created;
  }

  synchronized List<Row> liveRows() {
    return rows.values().stream().filter(Row::isLive).toList();
  }

  synchronized List<Row> allRows() {
    return List.copyOf(rows.values());
  }

  synchronized MemoryShare share(long memoryId, String sharedWith, String permission) {
    MemoryShare share =
        new MemoryShare(memoryId, sharedWith, permission, timeline.stampWrite());
    memoryShares.put(new MemoryShareKey(memoryId, sharedWith), share);
    return share;
  }

  synchronized void unshare(long memoryId, String sharedWith) {
    memoryShares.remove(new MemoryShareKey(memoryId, sharedWith));
  }

  synchronized TagShare shareTag(String tag, String sharedWith, String permission) {
    TagShare share = new TagShare(tag, sharedWith, permission, timeline.stampWrite());
    tagShares.put(new TagShareKey(tag, sharedWith), share);
    return share;
  }

  synchronized void unshareTag(String tag, String sharedWith) {
    tagShares.remove(new TagShareKey(tag, sharedWith));
  }

  /** Shares of live memories, oldest first. */
  synchronized List<MemoryShare> memoryShares() {
    return memoryShares.values().stream().filter(s -> live(s.memoryId()).isPresent()).toList();
  }

  synchronized List<TagShare> tagShares() {
    return List.copyOf(tagShares.values());
  }

  /**
   * A row as the API stores it: credential-looking content marked sensitive and redacted (the
   * original kept aside), importance rounded to float4.
   */
  private static Row row(
      long id, String original, String category, String tags, String expandedKeywords,
      double importance, boolean forcedSensitive, Instant createdAt, Instant updatedAt) {
    boolean credential = SensitiveContent.looksLikeCredential(original);
    String stored = credential ? Redactor.redact(original) : original;
    return new Row(
        id, stored, original, category, tags, expandedKeywords, (float) importance,
        forcedSensitive || credential, forcedSensitive, createdAt, updatedAt, Optional.empty());
  }

  /** A sync answer: the server time read before the query, and the rows it found. */
  record Changes(Instant serverTime, List<Row> rows) {
    Changes {
      requireNonNull(serverTime, "serverTime");
      rows = List.copyOf(rows);
    }
  }

  /**
   * A copy of the whole table at one moment, made by {@link #state()} and never changed: rows and
   * shares are immutable, so copying the maps is enough.
   */
  record State(
      MemoryTable table, TreeMap<Long, Row> rows, long lastId,
      Map<MemoryShareKey, MemoryShare> memoryShares, Map<TagShareKey, TagShare> tagShares) {}

  record MemoryShare(long memoryId, String sharedWith, String permission, Instant createdAt) {}

  record TagShare(String tag, String sharedWith, String permission, Instant createdAt) {}

  private record MemoryShareKey(long memoryId, String sharedWith) {}

  private record TagShareKey(String tag, String sharedWith) {}
}
