package dev.claudememory.core.sync;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.memory.Timestamps;
import dev.claudememory.core.remote.MemoryFields;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * One memory's unpushed change, coalesced: at most one per memory. What a create or update sends
 * is read from the memory's row when it is pushed, so later edits ride along.
 *
 * @param id the outbox row's id; 0 before it is saved
 * @param memoryId the local memory; absent only for a delete adopted from the Python queue
 * @param serverId the server's id of the memory, for updates and deletes; for a create (or a
 *     delete of a memory whose create was in flight) whose content is still unconfirmed, the id the
 *     server answered the create with, which names its copy only once a pull shows it
 * @param revision bumped by every change merged in, so a push can tell whether it sent the latest
 * @param attempts pushes tried so far
 * @param unconfirmedContent the content of a create that was sent but whose answer never came: the
 *     server may hold it, so it is looked for there before anything else is sent. For an update,
 *     the content the server's copy holds, when known: if the server loses that copy, another
 *     machine may send it again as it was, and the look-up for it needs that content
 * @param unconfirmedTerms the tags and related terms that create sent ({@link #termsOf}), when
 *     known: a copy on the server with its content but other terms is another memory that says
 *     the same
 * @param unconfirmedSend when that create may have made its copy, when known: another machine's
 *     copy with the same text and terms created outside it is not this memory's
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
    Optional<String> unconfirmedTerms,
    Optional<SendWindow> unconfirmedSend,
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
    requireNonNull(unconfirmedTerms, "unconfirmedTerms");
    requireNonNull(unconfirmedSend, "unconfirmedSend");
    requireNonNull(lastError, "lastError");
    requireNonNull(parkedReason, "parkedReason");
    requireNonNull(createdAt, "createdAt");
  }

  /** A new op, due now. */
  public static PendingOp create(
      Optional<MemoryId> memoryId, OpKind kind, Optional<ServerId> serverId, Instant now) {
    return new PendingOp(
        0, memoryId, kind, serverId, IdempotencyKey.random(), 1, 0, now, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), now);
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
        IdempotencyKey.random(), 1, 0, now, Optional.of(memory.content()),
        Optional.of(termsOf(memory.tags(), memory.expandedKeywords())), Optional.empty(),
        Optional.empty(), Optional.empty(), written.isBefore(now) ? written : now);
  }

  public boolean isParked() {
    return parkedReason.isPresent();
  }

  /**
   * Whether the server may already hold what this op creates, in a copy a pull has not shown yet:
   * its answer was lost, or it named an id that may since have been given to another memory.
   */
  public boolean needsReconciliation() {
    return unconfirmedContent.isPresent() && kind != OpKind.UPDATE;
  }

  /** The id the server answered this op's create with, while no pull has shown that copy. */
  Optional<ServerId> answeredId() {
    return needsReconciliation() ? serverId : Optional.empty();
  }

  /**
   * The op whose create the server answered with {@code id}: due now, to be confirmed by a pull
   * that shows the copy with what was sent (a server that lost its data hands ids out again).
   */
  PendingOp answered(ServerId id, Instant now) {
    return new PendingOp(this.id, memoryId, kind, Optional.of(id), key, revision, attempts, now,
        unconfirmedContent, unconfirmedTerms, unconfirmedSend, lastError, parkedReason, createdAt);
  }

  public PendingOp withKind(OpKind newKind) {
    return new PendingOp(id, memoryId, newKind, serverId, key, revision, attempts, nextAttemptAt,
        unconfirmedContent, unconfirmedTerms, unconfirmedSend, lastError, parkedReason, createdAt);
  }

  public PendingOp withServerId(Optional<ServerId> newServerId) {
    return new PendingOp(id, memoryId, kind, newServerId, key, revision, attempts, nextAttemptAt,
        unconfirmedContent, unconfirmedTerms, unconfirmedSend, lastError, parkedReason, createdAt);
  }

  /** The op with {@code content} unconfirmed, and the terms sent with it and when not known. */
  public PendingOp withUnconfirmedContent(Optional<String> content) {
    return new PendingOp(id, memoryId, kind, serverId, key, revision, attempts, nextAttemptAt,
        content, Optional.empty(), Optional.empty(), lastError, parkedReason, createdAt);
  }

  /** What a memory's copy carries besides its content, as one text to compare. */
  static String termsOf(String tags, String expandedKeywords) {
    return tags + "\n" + expandedKeywords;
  }

  /**
   * The op with a newer change merged in: due now, unparked, a new revision. A create that may
   * still land on the server keeps waiting until it must have landed.
   */
  public PendingOp merged(Instant now) {
    return new PendingOp(id, memoryId, kind, serverId, key, revision + 1, attempts, notBefore(now),
        unconfirmedContent, unconfirmedTerms, unconfirmedSend, lastError, Optional.empty(), createdAt);
  }

  /**
   * The op after a failed attempt, to be tried again at {@code next}, or later if a create it sent
   * may still land on the server until then.
   */
  public PendingOp failed(String reason, Instant next) {
    return new PendingOp(id, memoryId, kind, serverId, key, revision, attempts, notBefore(next),
        unconfirmedContent, unconfirmedTerms, unconfirmedSend, Optional.of(reason), parkedReason,
        createdAt);
  }

  /**
   * The op sent once more at {@code sentAt}, as recorded before the request leaves: a create
   * remembers its content, terms and when it was sent (the server may hold it once the request
   * left) and is not looked for on the server before {@code landed}, by when the request has
   * reached the server or never will.
   */
  PendingOp sending(Optional<MemoryFields> created, Instant sentAt, Instant landed) {
    if (created.isEmpty()) {
      return new PendingOp(id, memoryId, kind, serverId, key, revision, attempts + 1, nextAttemptAt,
          unconfirmedContent, unconfirmedTerms, unconfirmedSend, lastError, parkedReason, createdAt);
    }
    MemoryFields sent = created.get();
    return new PendingOp(id, memoryId, kind, serverId, key, revision, attempts + 1, landed,
        Optional.of(sent.content()), Optional.of(termsOf(sent.tags(), sent.expandedKeywords())),
        Optional.of(SendWindow.opened(sentAt)), lastError, parkedReason, createdAt);
  }

  /**
   * The op made a create again because the server no longer holds the memory's copy: it is first
   * looked for on the server as far back as the memory was written (another machine may have sent
   * it again already), then sent.
   */
  PendingOp sentAgain(Memory memory) {
    Instant written = Timestamps.parse(memory.createdAt()).orElse(Instant.EPOCH);
    // an update not pushed yet: the copy other machines hold, and may have sent again, is older
    boolean copyKnown =
        kind == OpKind.UPDATE && unconfirmedContent.isPresent() && unconfirmedTerms.isPresent();
    return new PendingOp(id, memoryId, OpKind.CREATE, Optional.empty(), key, revision, attempts,
        nextAttemptAt, copyKnown ? unconfirmedContent : Optional.of(memory.content()),
        copyKnown ? unconfirmedTerms : Optional.of(termsOf(memory.tags(), memory.expandedKeywords())),
        Optional.empty(), lastError, parkedReason, written.isBefore(createdAt) ? written : createdAt);
  }

  /**
   * The update, with {@code copy} as the server's copy of its memory holds it (see {@link
   * #unconfirmedContent}).
   */
  public PendingOp copyHolds(MemoryFields copy) {
    return new PendingOp(id, memoryId, kind, serverId, key, revision, attempts, nextAttemptAt,
        Optional.of(copy.content()), Optional.of(termsOf(copy.tags(), copy.expandedKeywords())),
        Optional.empty(), lastError, parkedReason, createdAt);
  }

  /**
   * The op once the copy its create was answered with is gone from the server, which lost it: the
   * copy another machine may have sent again of the same memory is looked for first, with the
   * content and terms this create sent, made at any time since the memory was written.
   */
  PendingOp answeredCopyLost() {
    return new PendingOp(id, memoryId, kind, Optional.empty(), key, revision, attempts, nextAttemptAt,
        unconfirmedContent, unconfirmedTerms, Optional.empty(), lastError, parkedReason, createdAt);
  }

  /**
   * The op once its create's answer came back, or was given up on: the copy it may have made was
   * created by {@code landedBy}.
   */
  PendingOp landedBy(Instant landedBy) {
    return new PendingOp(id, memoryId, kind, serverId, key, revision, attempts, nextAttemptAt,
        unconfirmedContent, unconfirmedTerms, unconfirmedSend.map(send -> send.closedAt(landedBy)),
        lastError, parkedReason, createdAt);
  }

  /** The op due at {@code at}, whatever it waited for. */
  PendingOp dueAt(Instant at) {
    return new PendingOp(id, memoryId, kind, serverId, key, revision, attempts, at,
        unconfirmedContent, unconfirmedTerms, unconfirmedSend, lastError, parkedReason, createdAt);
  }

  private Instant notBefore(Instant due) {
    return needsReconciliation() && nextAttemptAt.isAfter(due) ? nextAttemptAt : due;
  }

  /** The op counting one more attempt. */
  public PendingOp attempted() {
    return new PendingOp(id, memoryId, kind, serverId, key, revision, attempts + 1, nextAttemptAt,
        unconfirmedContent, unconfirmedTerms, unconfirmedSend, lastError, parkedReason, createdAt);
  }

  public PendingOp parked(String reason) {
    return new PendingOp(id, memoryId, kind, serverId, key, revision, attempts, nextAttemptAt,
        unconfirmedContent, unconfirmedTerms, unconfirmedSend, Optional.of(reason),
        Optional.of(reason), createdAt);
  }

  /** The op made due again now, its attempts reset: the user asked for a retry. */
  public PendingOp retried(Instant now) {
    return new PendingOp(id, memoryId, kind, serverId, key, revision, 0, now, unconfirmedContent,
        unconfirmedTerms, unconfirmedSend, lastError, Optional.empty(), createdAt);
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
