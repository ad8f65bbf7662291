package dev.claudememory.core.sync;

import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.Timestamps;
import dev.claudememory.core.port.MemoryWriter;
import dev.claudememory.core.port.RetiredServerId;
import dev.claudememory.core.remote.RemoteMemory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Finds on the server the copy of a create whose answer was lost, so it is adopted instead of
 * created twice (the server does not deduplicate).
 */
final class Reconciliation {
  private Reconciliation() {}

  /**
   * A queued create or delete still unsure whether the server holds {@code pulled}: of several with
   * its text, the one whose memory was written the moment the copy was created (a memory imported
   * with its copy's created_at).
   */
  static Optional<PendingOp> unconfirmedCreateMatching(MemoryWriter writer, RemoteMemory pulled) {
    List<PendingOp> matching =
        writer.outbox().all().stream()
            .filter(PendingOp::needsReconciliation)
            .filter(op -> ContentMatch.sameMemory(pulled.content(), op.unconfirmedContent().orElseThrow()))
            .collect(Collectors.toList());
    return matching.stream()
        .filter(op -> createdAt(pulled, op.createdAt()))
        .findFirst()
        .or(() -> matching.stream().findFirst());
  }

  /** Whether the server created {@code copy} at {@code instant}. */
  static boolean createdAt(RemoteMemory copy, Instant instant) {
    return Timestamps.parse(copy.createdAt()).filter(instant::equals).isPresent();
  }

  /**
   * Records that {@code found} is the server's copy of the memory {@code op} created: the memory
   * takes its id; a create becomes an update (the local row may be newer), a delete targets it.
   * When the server has deleted its copy, the local memory goes too (the server wins).
   */
  static void adopt(MemoryWriter writer, PendingOp op, RemoteMemory found, Instant now) {
    Optional<MemoryId> memoryId = op.memoryId();
    Optional<Memory> local = memoryId.flatMap(writer::find);
    RetiredServerId retired = new RetiredServerId(found.id(), Optional.of(found.createdAt()), now);
    if (op.kind() == OpKind.DELETE || local.isEmpty()) {
      if (found.isDeleted()) {
        writer.outbox().remove(op.id());
      } else {
        writer.outbox().save(op.withKind(OpKind.DELETE).withServerId(Optional.of(found.id()))
            .withUnconfirmedContent(Optional.empty()).dueAt(now));
      }
      writer.syncState().retire(retired);
      return;
    }
    if (found.isDeleted()) {
      writer.outbox().remove(op.id());
      writer.delete(local.get().id());
      writer.syncState().retire(retired);
      return;
    }
    writer.assignServerId(local.get().id(), found.id(), ServerWins.categoryOf(found));
    writer.recordServerCopy(local.get().id(), found.createdAt(), found.updatedAt());
    writer.outbox().save(op.withKind(OpKind.UPDATE).withServerId(Optional.of(found.id()))
        .withUnconfirmedContent(Optional.empty()).dueAt(now));
  }
}
