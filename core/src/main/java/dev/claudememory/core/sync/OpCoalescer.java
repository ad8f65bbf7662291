package dev.claudememory.core.sync;

import dev.claudememory.core.memory.Memory;
import java.time.Instant;
import java.util.Optional;

/**
 * Merges a memory's new local change into its queued op, so the queue holds at most one op per
 * memory and never sends what a later change undid: store+update merge into the store,
 * store+delete cancel out, update+delete becomes a delete.
 *
 * <p>A store whose push may have reached the server (its answer was lost) cannot simply be
 * cancelled by a delete: it becomes a delete that first looks for the memory on the server.
 */
public final class OpCoalescer {
  private OpCoalescer() {}

  /**
   * The op to keep for {@code memory} after {@code change}; empty when nothing is left to send.
   *
   * @param memory the row as the change left it (for a delete, as it was)
   */
  public static Optional<PendingOp> merge(
      Optional<PendingOp> queued, LocalChange change, Memory memory, Instant now) {
    if (queued.isEmpty()) {
      return first(change, memory, now);
    }
    PendingOp op = queued.get();
    if (change == LocalChange.DELETED) {
      return afterDelete(op, memory, now);
    }
    if (op.kind() == OpKind.DELETE) {
      throw new IllegalStateException("a deleted memory changed again: " + op);
    }
    // a create or an update absorbs any further edit: the push reads the row as it is then
    return Optional.of(op.merged(now));
  }

  private static Optional<PendingOp> first(LocalChange change, Memory memory, Instant now) {
    switch (change) {
      case STORED:
        return Optional.of(
            PendingOp.create(Optional.of(memory.id()), OpKind.CREATE, Optional.empty(), now));
      case UPDATED:
        // a row that never reached the server (stored before sync was on) is created by its update
        return Optional.of(
            PendingOp.create(
                Optional.of(memory.id()),
                memory.serverId().isPresent() ? OpKind.UPDATE : OpKind.CREATE,
                memory.serverId(),
                now));
      case DELETED:
        return memory.serverId()
            .map(
                serverId ->
                    PendingOp.create(
                        Optional.of(memory.id()), OpKind.DELETE, Optional.of(serverId), now));
      default:
        throw new AssertionError(change);
    }
  }

  private static Optional<PendingOp> afterDelete(PendingOp op, Memory memory, Instant now) {
    if (op.kind() == OpKind.CREATE && op.unconfirmedContent().isEmpty()) {
      return Optional.empty(); // never reached the server: nothing to undo there
    }
    // what an update's copy held matters to no delete
    PendingOp merged =
        op.kind() == OpKind.UPDATE
            ? op.merged(now).withUnconfirmedContent(Optional.empty())
            : op.merged(now);
    return Optional.of(
        merged.withKind(OpKind.DELETE).withServerId(op.serverId().or(memory::serverId)));
  }
}
