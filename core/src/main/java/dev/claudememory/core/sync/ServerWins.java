package dev.claudememory.core.sync;

import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.Timestamps;
import dev.claudememory.core.port.LostCopy;
import dev.claudememory.core.port.MemoryWriter;
import dev.claudememory.core.port.RetiredServerId;
import dev.claudememory.core.port.ServerLink;
import dev.claudememory.core.remote.RemoteMemory;
import java.time.Instant;
import java.util.Optional;

/**
 * Applies one memory pulled from the server to the local database (SPEC §7): the server's state
 * replaces the local row unless the memory has unpushed local work; a server-side delete removes
 * the row and cancels its queued changes; a deleted memory is never brought back; a local
 * original is never replaced by the server's redacted copy of it.
 *
 * <p>The server's id of a memory names it only while the server keeps its data: a pulled memory
 * whose {@code created_at} differs from the linked copy's is another memory, and the local one is
 * sent again ({@link LostServerCopies}).
 */
final class ServerWins {
  enum Applied {
    INSERTED,
    UPDATED,
    DELETED,
    KEPT_LOCAL,
    ADOPTED,
    MERGED,
    NOTHING
  }

  private ServerWins() {}

  /**
   * @param sentAgainOf the lost copy {@code pulled} was sent again of ({@link SentAgainMark}), read
   *     off it before
   * @param serverClock the server's clock as read in the answer {@code pulled} came in
   */
  static Applied apply(
      MemoryWriter writer, RemoteMemory pulled, Optional<LostCopy> sentAgainOf, ServerClock serverClock, Instant now) {
    Optional<Memory> local = writer.findByServerId(pulled.id());
    if (local.isPresent()) {
      ServerLink link = writer.linkOf(local.get().id()).orElseThrow();
      if (LostServerCopies.sameCopy(link.serverCreatedAt(), pulled)) {
        return applyToLocal(writer, local.get(), link, pulled, now);
      }
      LostServerCopies.sendAgain(writer, local.get().id(), now); // the id now names another memory
    }
    Optional<RetiredServerId> retired = writer.syncState().retiredCopy(pulled.id(), pulled.createdAt());
    if (retired.isEmpty() && writer.syncState().retired(pulled.id()).isPresent()) {
      // the id of a memory deleted here now names another one: its queued delete must not reach it
      Optional<PendingOp> misdirected = writer.outbox().deleteOf(pulled.id());
      misdirected.ifPresent(op -> writer.outbox().remove(op.id()));
      if (misdirected.isPresent()) {
        LostServerCopies.fullResyncDue(writer.syncState(), now);
      }
    }
    // a delete whose copy no pull has shown yet waits for the look-up below
    Optional<PendingOp> queuedDelete =
        writer.outbox().deleteOf(pulled.id()).filter(op -> !op.needsReconciliation());
    if (pulled.isDeleted()) {
      queuedDelete.ifPresent(op -> writer.outbox().remove(op.id()));
      // deleted elsewhere: the memory whose create the server answered with this copy goes too
      Optional<PendingOp> answered =
          Reconciliation.unconfirmedCreateMatching(writer, pulled, serverClock).filter(op -> op.answeredId().isPresent());
      answered.ifPresent(op -> Reconciliation.adopt(writer, op, pulled, now));
      return answered.isPresent() ? Applied.DELETED : Applied.NOTHING;
    }
    if (queuedDelete.isPresent()) {
      return Applied.KEPT_LOCAL; // deleted here, delete not pushed yet: never resurrect it
    }
    if (retired.flatMap(RetiredServerId::serverCreatedAt).isPresent()) {
      // deleted here, and live again on a server restored from an older backup: deleted again
      LostServerCopies.deleteOnServer(writer, pulled.id(), Optional.of(pulled.createdAt()), now);
      return Applied.KEPT_LOCAL;
    }
    Optional<PendingOp> unconfirmed = Reconciliation.unconfirmedCreateMatching(writer, pulled, serverClock);
    if (unconfirmed.isPresent()) {
      Reconciliation.adopt(writer, unconfirmed.get(), pulled, now);
      return Applied.ADOPTED;
    }
    if (sentAgainOf.isPresent()) {
      Optional<Applied> taken = CopiesSentAgain.apply(writer, pulled, sentAgainOf.get(), now);
      if (taken.isPresent()) {
        return taken.get();
      }
    }
    if (LostServerCopies.mergedWithCopySentAgain(writer, pulled, sentAgainOf, now)) {
      return Applied.MERGED;
    }
    if (Reconciliation.mayBeSentAgainOfAnsweredCreate(writer, pulled)) {
      // its look-up takes it if the server lost the copy it was answered with; else a full pull
      // shows it again
      return Applied.NOTHING;
    }
    writer.insertFromServer(pulled);
    return Applied.INSERTED;
  }

  private static Applied applyToLocal(
      MemoryWriter writer, Memory local, ServerLink link, RemoteMemory pulled, Instant now) {
    Optional<PendingOp> queued = writer.outbox().forMemory(local.id());
    if (pulled.isDeleted()) {
      queued.ifPresent(op -> writer.outbox().remove(op.id()));
      writer.delete(local.id());
      writer.syncState().retire(new RetiredServerId(pulled.id(), Optional.of(pulled.createdAt()), now));
      return Applied.DELETED;
    }
    // an older state than a pull showed before is no news, whatever the pull: the server went back
    // (restored from a backup), and the newer state here is not undone
    boolean wentBack = isBefore(pulled.updatedAt(), link.serverUpdatedAt());
    if (queued.isPresent()) {
      if (!wentBack) {
        writer.recordServerCopy(local.id(), pulled.createdAt(), pulled.updatedAt());
      }
      return Applied.KEPT_LOCAL;
    }
    boolean keepLocalContent =
        !pulled.content().equals(local.content())
            && ContentMatch.isRedacted(pulled.content())
            && ContentMatch.sameMemory(pulled.content(), local.content());
    if (wentBack && !sameFields(pulled, local, keepLocalContent)) {
      // the newer state here is sent again rather than lost
      writer.outbox().save(PendingOp.create(Optional.of(local.id()), OpKind.UPDATE, local.serverId(), now));
      return Applied.KEPT_LOCAL;
    }
    writer.overwriteFromServer(local.id(), pulled, keepLocalContent);
    return Applied.UPDATED;
  }

  private static boolean isBefore(String timestamp, Optional<String> seen) {
    Optional<Instant> at = Timestamps.parse(timestamp);
    Optional<Instant> before = seen.flatMap(Timestamps::parse);
    return at.isPresent() && before.isPresent() && at.get().isBefore(before.get());
  }

  /** Importance is compared as the server stores it, a float4. */
  private static boolean sameFields(RemoteMemory pulled, Memory local, boolean keepLocalContent) {
    return (keepLocalContent || pulled.content().equals(local.content()))
        && pulled.category().equals(local.category().name())
        && pulled.tags().equals(local.tags())
        && pulled.expandedKeywords().equals(local.expandedKeywords())
        && (float) pulled.importance() == (float) local.importance()
        && pulled.sensitive() == local.sensitive();
  }

  /** The category a pulled row is stored under: the server's, whatever its name. */
  static Category categoryOf(RemoteMemory pulled) {
    return Category.stored(pulled.category());
  }
}
