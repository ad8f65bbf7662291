package dev.claudememory.core.maintenance;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.port.DuplicateGroup;
import dev.claudememory.core.sync.ServerDataLoss;
import java.util.List;
import java.util.Optional;

/**
 * What a sound database file holds, as far as {@code doctor} explains it.
 *
 * @param memories how many memories
 * @param fts the full-text index
 * @param schema which migrations are applied and which are still to come
 * @param outbox the sync queue; empty while its tables do not exist yet
 * @param pythonQueue changes the Python version queued ({@code pending_ops}) that sync has not
 *     adopted yet
 * @param lease the sync lease row, expired or not; empty when there is none
 * @param duplicates memories with the same content; empty when the file has no content keys yet
 * @param serverLostData the sync engine's notice that the memory API lost memories it had
 *     confirmed, shown for a week
 *     (a schema before migration 4), so they were not looked for
 */
public record DatabaseFacts(
    long memories,
    FtsIndex fts,
    SchemaVersions schema,
    Optional<OutboxFacts> outbox,
    long pythonQueue,
    Optional<LeaseFacts> lease,
    Optional<DuplicateFacts> duplicates,
    Optional<ServerDataLoss> serverLostData) {
  public DatabaseFacts {
    requireNonNull(fts, "fts");
    requireNonNull(schema, "schema");
    requireNonNull(outbox, "outbox");
    requireNonNull(lease, "lease");
    requireNonNull(duplicates, "duplicates");
    requireNonNull(serverLostData, "serverLostData");
  }

  /** Facts of a database whose memory API never lost data (or not this week). */
  public DatabaseFacts(
      long memories,
      FtsIndex fts,
      SchemaVersions schema,
      Optional<OutboxFacts> outbox,
      long pythonQueue,
      Optional<LeaseFacts> lease,
      Optional<DuplicateFacts> duplicates) {
    this(memories, fts, schema, outbox, pythonQueue, lease, duplicates, Optional.empty());
  }

  /**
   * The full-text index ({@code memories_fts}).
   *
   * @param present whether the table exists
   * @param problem what its integrity check (against the memories) reported; empty when it found
   *     none, was not run, or the table does not exist
   * @param notChecked why the check was not run: SQLite runs it as a write, which a read-only file
   *     or folder refuses
   */
  public record FtsIndex(boolean present, Optional<String> problem, Optional<String> notChecked) {
    public FtsIndex {
      requireNonNull(problem, "problem");
      requireNonNull(notChecked, "notChecked");
    }

    /** An index that was checked (or is not there). */
    public FtsIndex(boolean present, Optional<String> problem) {
      this(present, problem, Optional.empty());
    }
  }

  /**
   * The sync queue.
   *
   * @param queued changes waiting to be pushed (parked ones excluded)
   * @param parked changes the server refused for good, oldest first
   */
  public record OutboxFacts(long queued, List<ParkedChange> parked) {
    public OutboxFacts {
      parked = List.copyOf(parked);
    }
  }

  /**
   * A change the server refused for good.
   *
   * @param opId the op's id, which the sync commands take
   * @param kind create, update or delete
   * @param memoryId the local memory it changes; empty for a delete of a row already gone
   * @param reason the server's answer
   */
  public record ParkedChange(long opId, String kind, Optional<Long> memoryId, String reason) {
    public ParkedChange {
      requireNonNull(kind, "kind");
      requireNonNull(memoryId, "memoryId");
      requireNonNull(reason, "reason");
    }
  }

  /**
   * The sync lease row.
   *
   * @param holder who took it ({@code pid <n> <uuid>} for this product)
   * @param expiresAt until when, as stored
   */
  public record LeaseFacts(String holder, String expiresAt) {
    public LeaseFacts {
      requireNonNull(holder, "holder");
      requireNonNull(expiresAt, "expiresAt");
    }
  }

  /**
   * Memories with the same content: the first few groups only, which are enough to act on and keep
   * the line short.
   *
   * @param groups the first groups, by their oldest memory
   * @param more whether there are groups beyond these
   */
  public record DuplicateFacts(List<DuplicateGroup> groups, boolean more) {
    public DuplicateFacts {
      groups = List.copyOf(groups);
      if (more && groups.isEmpty()) {
        throw new IllegalArgumentException("there cannot be more groups when none were found");
      }
    }

    public static DuplicateFacts none() {
      return new DuplicateFacts(List.of(), false);
    }
  }
}
