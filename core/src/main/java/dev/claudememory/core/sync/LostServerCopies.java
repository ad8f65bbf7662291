package dev.claudememory.core.sync;

import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.ContentKey;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.memory.Timestamps;
import dev.claudememory.core.port.LostCopy;
import dev.claudememory.core.port.MemoryWriter;
import dev.claudememory.core.port.RetiredServerId;
import dev.claudememory.core.port.ServerLink;
import dev.claudememory.core.port.SyncState;
import dev.claudememory.core.remote.RemoteMemory;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What sync does when the server no longer holds memories it had confirmed: its database was
 * restored from an older backup or recreated, or the API's URL now names another deployment, and
 * it hands the same ids out again. A memory the server simply no longer has, with no delete ever
 * seen, was not deleted by the user: no local memory is overwritten with another memory's content
 * or deleted for it. Each such memory is unlinked from its lost copy and sent again (looked for on
 * the server first, so nothing is duplicated), and the user is told once.
 *
 * <p>A copy is told from another memory given its id by the server's {@code created_at}, recorded
 * when a pull first shows the copy ({@link ServerLink#serverCreatedAt()}).
 */
final class LostServerCopies {
  private static final System.Logger LOG = System.getLogger(LostServerCopies.class.getName());
  /** How long the notice is shown after the server was found to have lost memories. */
  static final Duration NOTICE_SHOWN = Duration.ofDays(7);
  /** How long a deleted memory's server id is remembered. */
  static final Duration RETIRED_KEPT = Duration.ofDays(30);

  private LostServerCopies() {}

  /** Whether {@code pulled} is the copy whose {@code created_at} was recorded (or none was). */
  static boolean sameCopy(Optional<String> recordedCreatedAt, RemoteMemory pulled) {
    if (recordedCreatedAt.isEmpty()) {
      return true;
    }
    Optional<Instant> recorded = Timestamps.parse(recordedCreatedAt.get());
    Optional<Instant> shown = Timestamps.parse(pulled.createdAt());
    return recorded.isPresent() && shown.isPresent()
        ? recorded.get().equals(shown.get())
        : recordedCreatedAt.get().equals(pulled.createdAt());
  }

  /**
   * Unlinks a memory from a copy the server no longer holds and queues it to be sent again: a
   * queued update becomes the create, keeping its key.
   */
  static void sendAgain(MemoryWriter writer, MemoryId id, Instant now) {
    Memory memory = writer.find(id).orElseThrow();
    // a backup restored later may bring the lost copy back, older than the memory: it is deleted
    // then, not taken for another memory
    writer.linkOf(id).ifPresent(link -> link.serverCreatedAt().ifPresent(createdAt -> {
      writer.syncState().retire(new RetiredServerId(link.serverId(), Optional.of(createdAt), now));
      // the new copy is marked with it, so other machines that held the memory recognise it
      LostCopy lost = writer.syncState().lostCopyOf(id)
          .map(earlier -> earlier.thenLost(link.serverId(), createdAt))
          .orElseGet(() -> LostCopy.first(link.serverId(), createdAt));
      writer.syncState().rememberLostCopy(id, lost, now);
    }));
    LOG.log(Level.DEBUG, () -> "memory #" + id + " is sent again: the server lost its copy "
        + writer.linkOf(id).map(link -> "server " + link.serverId() + " created " + link.serverCreatedAt().orElse("?")).orElse("-"));
    writer.unlinkFromServer(id, now);
    Optional<PendingOp> queued = writer.outbox().forMemory(id);
    writer.outbox().save(queued.map(op -> op.sentAgain(memory)).orElseGet(() -> PendingOp.adopted(memory, now)));
    noticed(writer.syncState(), now, 1);
  }

  /**
   * The server answered {@code op}'s create with an id, and lost that copy before a pull showed
   * it. Another machine that held the memory may have sent it again meanwhile: that copy is looked
   * for first, as the create sent it, and then a create is sent again (its memory counted as sent
   * again), a delete deletes that copy or has nothing to delete.
   */
  static void lostBeforeSeen(MemoryWriter writer, PendingOp op, Instant now) {
    writer.outbox().save(op.answeredCopyLost());
    if (op.kind() == OpKind.CREATE) {
      op.memoryId().ifPresent(id -> writer.unlinkFromServer(id, now));
      noticed(writer.syncState(), now, 1);
    } else {
      fullResyncDue(writer.syncState(), now);
    }
  }

  /**
   * The server answered a create with {@code created}: a memory here still linked to that id
   * holds a copy the server lost. Its delete, if one is remembered or queued, concerned another
   * memory, which the server no longer holds: the delete must not reach the new one.
   */
  static void createdAs(MemoryWriter writer, MemoryId createdFor, ServerId created, Instant now) {
    writer.findByServerId(created)
        .filter(holder -> !holder.id().equals(createdFor))
        .ifPresent(holder -> sendAgain(writer, holder.id(), now));
    Optional<PendingOp> queuedDelete =
        writer.outbox().deleteOf(created).filter(op -> !op.needsReconciliation());
    queuedDelete.ifPresent(op -> writer.outbox().remove(op.id()));
    // a retired copy known by its creation time stays retired: it is not the one just created
    boolean retiredUnknownCopy =
        writer.syncState().retired(created).filter(retired -> retired.serverCreatedAt().isEmpty()).isPresent();
    if (retiredUnknownCopy || queuedDelete.isPresent()) {
      writer.syncState().forgetRetiredOfUnknownCopy(created);
      fullResyncDue(writer.syncState(), now);
    }
  }

  /**
   * Before a full pull, which lists every memory of the user with the deleted ones, is applied: a
   * linked memory it lacks was lost by the server, not deleted there, and is sent again. Known
   * before the memories are applied, so that no other copy of such a memory is deleted in favour
   * of the lost one.
   */
  static void beforeFullPull(MemoryWriter writer, Set<ServerId> held, Instant now) {
    for (ServerLink link : writer.serverLinks()) {
      if (!held.contains(link.serverId())) {
        sendAgain(writer, link.memoryId(), now);
      }
    }
  }

  /**
   * After a full pull: a queued delete of an id it lacks has nothing left to delete (and must not
   * delete the next memory given that id).
   */
  static void afterFullPull(MemoryWriter writer, Set<ServerId> held, Instant now) {
    for (PendingOp op : writer.outbox().all()) {
      boolean deleteOfALostId =
          op.kind() == OpKind.DELETE && !op.needsReconciliation()
              && op.serverId().filter(id -> !held.contains(id)).isPresent();
      if (deleteOfALostId) {
        writer.outbox().remove(op.id());
      }
    }
    writer.syncState().pruneRetired(now.minus(RETIRED_KEPT));
    writer.syncState().remove(SyncKeys.FULL_RESYNC_DUE);
    boolean noticeOld =
        writer.syncState().get(SyncKeys.SERVER_LOST_DATA_AT).flatMap(Timestamps::parse)
            .filter(at -> !at.plus(NOTICE_SHOWN).isAfter(now)).isPresent();
    if (noticeOld) {
      writer.syncState().remove(SyncKeys.SERVER_LOST_DATA_AT);
      writer.syncState().remove(SyncKeys.SERVER_LOST_DATA_SENT_AGAIN);
    }
  }

  /**
   * Two machines that both held a memory the server lost may both send it again before either
   * sees the other's copy. The copy with the lower id is kept and the other deleted on the server,
   * so every machine ends with the same one. A copy with other tags or related terms is another
   * memory that says the same, and is kept, and so is one sent again of another lost copy than
   * this memory's ({@link SentAgainMark}). True when {@code pulled} was such a second copy.
   */
  static boolean mergedWithCopySentAgain(
      MemoryWriter writer, RemoteMemory pulled, Optional<LostCopy> sentAgainOf, Instant now) {
    Optional<Memory> twin =
        writer.findByContentKey(ContentKey.of(pulled.content()))
            .filter(memory -> memory.serverId().filter(id -> !id.equals(pulled.id())).isPresent())
            .filter(memory -> memory.tags().equals(pulled.tags())
                && memory.expandedKeywords().equals(pulled.expandedKeywords()))
            .filter(memory -> writer.resentAt(memory.id()).isPresent())
            .filter(memory -> sentAgainOf.isEmpty()
                || writer.syncState().lostCopyOf(memory.id())
                    .filter(lost -> !lost.sameMemory(sentAgainOf.get())).isEmpty())
            .filter(memory -> writer.outbox().forMemory(memory.id()).isEmpty());
    if (twin.isEmpty()) {
      return false;
    }
    MemoryId local = twin.get().id();
    ServerId ours = twin.get().serverId().orElseThrow();
    if (pulled.id().value() < ours.value()) {
      Optional<String> oursCreatedAt = writer.linkOf(local).flatMap(ServerLink::serverCreatedAt);
      writer.assignServerId(local, pulled.id(), Category.stored(pulled.category()));
      writer.recordServerCopy(local, pulled.createdAt(), pulled.updatedAt());
      if (!Reconciliation.holdsAsHere(pulled, twin.get(), false)) {
        // the other machine held only the server's redacted copy: the original goes from here
        writer.outbox().save(Reconciliation.updateTo(local, pulled, now));
      }
      deleteOnServer(writer, ours, oursCreatedAt, now);
    } else {
      deleteOnServer(writer, pulled.id(), Optional.of(pulled.createdAt()), now);
    }
    return true;
  }

  /** Queues the delete of a server copy no local memory is linked to, and remembers its id. */
  static void deleteOnServer(MemoryWriter writer, ServerId id, Optional<String> createdAt, Instant now) {
    LOG.log(Level.DEBUG, () -> "server " + id + " created " + createdAt.orElse("?") + " is to be deleted");
    if (writer.outbox().deleteOf(id).isEmpty()) {
      writer.outbox().save(PendingOp.create(Optional.empty(), OpKind.DELETE, Optional.of(id), now));
    }
    writer.syncState().retire(new RetiredServerId(id, createdAt, now));
  }

  /** Counts memories sent again in the notice, and asks for a full resync. */
  static void noticed(SyncState state, Instant now, int sentAgain) {
    Optional<Instant> shownSince =
        state.get(SyncKeys.SERVER_LOST_DATA_AT).flatMap(Timestamps::parse)
            .filter(at -> at.plus(NOTICE_SHOWN).isAfter(now));
    int count = 0;
    if (shownSince.isPresent()) {
      count = state.get(SyncKeys.SERVER_LOST_DATA_SENT_AGAIN).map(Integer::parseInt).orElse(0);
    } else {
      state.put(SyncKeys.SERVER_LOST_DATA_AT, Timestamps.format(now));
      LOG.log(Level.WARNING, "the memory API no longer holds memories it had confirmed"
          + " (restored, recreated or another deployment): they are sent to it again");
    }
    state.put(SyncKeys.SERVER_LOST_DATA_SENT_AGAIN, Integer.toString(count + sentAgain));
    fullResyncDue(state, now);
  }

  /** The next cycle pulls everything and checks every link. */
  static void fullResyncDue(SyncState state, Instant now) {
    state.put(SyncKeys.FULL_RESYNC_DUE, Timestamps.format(now));
  }
}
