package dev.claudememory.core.sync;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.memory.Timestamps;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * One memory's unpushed change, coalesced: at most one per memory. What a create or update sends
 * is read from the memory's row when it is pushed, so later edits ride along.
 *
 * @param id the outbox row's id; 0 before it is saved
 * @param memoryId the local memory; absent only for a delete adopted from the Python queue
 * @param serverId the server's id of the memory, for updates and deletes
 * @param revision bumped by every change merged in, so a push can tell whether it sent the latest
 * @param attempts pushes tried so far
 * @param unconfirmedContent the content of a create that was sent but whose answer never came: the
 *     server may hold it, so it is looked for there before anything else is sent
 * @param lastError why the last attempt failed
 * @param parkedReason set when the server refused the change for good: the op waits for the
 *     user (retry or discard) and is never dropped by itself
 */
public record PendingOp(
    long id,
    Optional<MemoryId> memoryId,
    OpKind kind,
    Optional<ServerId> serverId,
    IdempotencyKey key,
    int revision,
    int attempts,
    Instant nextAttemptAt,
    Optional<String> unconfirmedContent,
    Optional<String> lastError,
    Optional<String> parkedReason,
    Instant createdAt) {

  public PendingOp {
    requireNonNull(memoryId, "memoryId");
    requireNonNull(kind, "kind");
    requireNonNull(serverId, "serverId");
    requireNonNull(key, "key");
    requireNonNull(nextAttemptAt, "nextAttemptAt");
    requireNonNull(unconfirmedContent, "unconfirmedContent");
    requireNonNull(lastError, "lastError");
    requireNonNull(parkedReason, "parkedReason");
    requireNonNull(createdAt, "createdAt");
  }

  /** A new op, due now. */
  public static PendingOp create(
      Optional<MemoryId> memoryId, OpKind kind, Optional<ServerId> serverId, Instant now) {
    return new PendingOp(
        0, memoryId, kind, serverId, IdempotencyKey.random(), 1, 0, now, Optional.empty(),
        Optional.empty(), Optional.empty(), now);
  }

  /**
   * A create, due now, for a memory that may have reached the server long before this queue
   * existed (the Python version's rows that never learned their server id). It is dated when the
   * memory was written (the epoch when that cannot be read), so reconciliation looks back that far
   * even after the row is deleted here.
   */
  public static PendingOp adopted(Memory memory, Instant now) {
    Instant written = Timestamps.parse(memory.createdAt()).orElse(Instant.EPOCH);
    return new PendingOp(0, Optional.of(memory.id()), OpKind.CREATE, Optional.empty(),
        IdempotencyKey.random(), 1, 0, now, Optional.of(memory.content()), Optional.empty(),
        Optional.empty(), written.isBefore(now) ? written : now);
  }

  public boolean isParked() {
    return parkedReason.isPresent();
  }

  /** Whether the server may already hold what this op creates. */
  public boolean needsReconciliation() {
    return unconfirmedContent.isPresent() && (kind == OpKind.CREATE || serverId.isEmpty());
  }

  public PendingOp withKind(OpKind newKind) {
    return new PendingOp(id, memoryId, newKind, serverId, key, revision, attempts, nextAttemptAt,
        unconfirmedContent, lastError, parkedReason, createdAt);
  }

  public PendingOp withServerId(Optional<ServerId> newServerId) {
    return new PendingOp(id, memoryId, kind, newServerId, key, revision, attempts, nextAttemptAt,
        unconfirmedContent, lastError, parkedReason, createdAt);
  }

  public PendingOp withUnconfirmedContent(Optional<String> content) {
    return new PendingOp(id, memoryId, kind, serverId, key, revision, attempts, nextAttemptAt,
        content, lastError, parkedReason, createdAt);
  }

  /** The op with a newer change merged in: due now, unparked, a new revision. */
  public PendingOp merged(Instant now) {
    return new PendingOp(id, memoryId, kind, serverId, key, revision + 1, attempts, now,
        unconfirmedContent, lastError, Optional.empty(), createdAt);
  }

  /** The op after a failed attempt, to be tried again at {@code next}. */
  public PendingOp failed(String reason, Instant next) {
    return new PendingOp(id, memoryId, kind, serverId, key, revision, attempts, next,
        unconfirmedContent, Optional.of(reason), parkedReason, createdAt);
  }

  /** The op counting one more attempt. */
  public PendingOp attempted() {
    return new PendingOp(id, memoryId, kind, serverId, key, revision, attempts + 1, nextAttemptAt,
        unconfirmedContent, lastError, parkedReason, createdAt);
  }

  public PendingOp parked(String reason) {
    return new PendingOp(id, memoryId, kind, serverId, key, revision, attempts, nextAttemptAt,
        unconfirmedContent, Optional.of(reason), Optional.of(reason), createdAt);
  }

  /** The op made due again now, its attempts reset: the user asked for a retry. */
  public PendingOp retried(Instant now) {
    return new PendingOp(id, memoryId, kind, serverId, key, revision, 0, now, unconfirmedContent,
        lastError, Optional.empty(), createdAt);
  }

  /** {@code operation 7 (update of memory #12)}, as people read it: never the content. */
  public String describe() {
    String memory =
        memoryId.map(id -> "#" + id).orElseGet(() -> serverId.map(id -> "server " + id).orElse("-"));
    return "operation " + id + " (" + kind.name().toLowerCase(Locale.ROOT) + " of memory " + memory + ")";
  }

  /** Never shows content. */
  @Override
  public String toString() {
    return "PendingOp[id=" + id + ", memory=" + memoryId.map(MemoryId::toString).orElse("none")
        + ", kind=" + kind + ", serverId=" + serverId.map(ServerId::toString).orElse("none")
        + ", revision=" + revision + ", attempts=" + attempts + ", unconfirmed="
        + unconfirmedContent.isPresent() + ", parked=" + isParked() + "]";
  }
}
