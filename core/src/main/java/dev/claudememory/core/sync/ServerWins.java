package dev.claudememory.core.sync;

import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.port.MemoryWriter;
import dev.claudememory.core.remote.RemoteMemory;
import java.util.Optional;

/**
 * Applies one memory pulled from the server to the local database (SPEC §7): the server's state
 * replaces the local row unless the memory has unpushed local work; a server-side delete removes
 * the row and cancels its queued changes; a deleted memory is never brought back; a local
 * original is never replaced by the server's redacted copy of it.
 */
final class ServerWins {
  enum Applied {
    INSERTED,
    UPDATED,
    DELETED,
    KEPT_LOCAL,
    ADOPTED,
    NOTHING
  }

  private ServerWins() {}

  static Applied apply(MemoryWriter writer, RemoteMemory pulled) {
    Optional<Memory> local = writer.findByServerId(pulled.id());
    if (local.isPresent()) {
      return applyToLocal(writer, local.get(), pulled);
    }
    if (pulled.isDeleted()) {
      writer.outbox().deleteOf(pulled.id()).ifPresent(op -> writer.outbox().remove(op.id()));
      return Applied.NOTHING;
    }
    if (writer.outbox().deleteOf(pulled.id()).isPresent()) {
      return Applied.KEPT_LOCAL; // deleted here, delete not pushed yet: never resurrect it
    }
    Optional<PendingOp> unconfirmed = Reconciliation.unconfirmedCreateMatching(writer, pulled);
    if (unconfirmed.isPresent()) {
      Reconciliation.adopt(writer, unconfirmed.get(), pulled);
      return Applied.ADOPTED;
    }
    writer.insertFromServer(pulled);
    return Applied.INSERTED;
  }

  private static Applied applyToLocal(MemoryWriter writer, Memory local, RemoteMemory pulled) {
    Optional<PendingOp> queued = writer.outbox().forMemory(local.id());
    if (pulled.isDeleted()) {
      queued.ifPresent(op -> writer.outbox().remove(op.id()));
      writer.delete(local.id());
      return Applied.DELETED;
    }
    if (queued.isPresent()) {
      return Applied.KEPT_LOCAL;
    }
    boolean keepLocalContent =
        !pulled.content().equals(local.content())
            && ContentMatch.isRedacted(pulled.content())
            && ContentMatch.sameMemory(pulled.content(), local.content());
    writer.overwriteFromServer(local.id(), pulled, keepLocalContent);
    return Applied.UPDATED;
  }

  /** The category a pulled row is stored under: the server's, whatever its name. */
  static Category categoryOf(RemoteMemory pulled) {
    return Category.stored(pulled.category());
  }
}
