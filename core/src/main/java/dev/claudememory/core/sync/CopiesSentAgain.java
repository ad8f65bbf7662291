package dev.claudememory.core.sync;

import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.memory.Timestamps;
import dev.claudememory.core.port.LostCopy;
import dev.claudememory.core.port.MemoryWriter;
import dev.claudememory.core.port.RetiredServerId;
import dev.claudememory.core.port.ServerLink;
import dev.claudememory.core.remote.RemoteMemory;
import dev.claudememory.core.sync.ServerWins.Applied;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Optional;

/**
 * A copy that a machine sent again after the server lost a memory's copy, recognised by the lost
 * copy its {@link SentAgainMark} names, whatever its text. Every machine that held the memory
 * ends with one copy: of two sent again, the one with the lower id, as every machine decides
 * alike. The machine that holds the later version of the memory sends it to that copy; the others
 * take it from there. A machine that deleted the memory deletes the copy.
 */
final class CopiesSentAgain {
  private static final System.Logger LOG = System.getLogger(CopiesSentAgain.class.getName());

  private CopiesSentAgain() {}

  /**
   * Applies {@code pulled}, sent again of {@code lost}, when a memory here held that copy or was
   * deleted; empty when nothing here knew it (it is then a memory like any other).
   */
  static Optional<Applied> apply(MemoryWriter writer, RemoteMemory pulled, LostCopy lost, Instant now) {
    Optional<Memory> stillLinked =
        stillLinkedTo(writer, lost.serverId(), lost).or(() -> stillLinkedTo(writer, lost.originId(), lost));
    if (stillLinked.isPresent()) {
      // the server lost this memory's copy, which no pull here has shown yet
      LostServerCopies.sendAgain(writer, stillLinked.get().id(), now);
      return Optional.of(take(writer, stillLinked.get().id(), pulled, lost, now));
    }
    Optional<MemoryId> sentAgainHere = writer.syncState().memoryOfLostCopy(lost);
    if (sentAgainHere.isPresent() && writer.find(sentAgainHere.get()).isPresent()) {
      return Optional.of(take(writer, sentAgainHere.get(), pulled, lost, now));
    }
    boolean deletedHere =
        sentAgainHere.isPresent()
            || retiredHere(writer, lost.serverId(), lost.serverCreatedAt())
            || retiredHere(writer, lost.originId(), lost.originCreatedAt());
    if (deletedHere) {
      LostServerCopies.deleteOnServer(writer, pulled.id(), Optional.of(pulled.createdAt()), now);
      return Optional.of(Applied.KEPT_LOCAL);
    }
    return Optional.empty();
  }

  /** The memory here linked to {@code id} as the copy {@code lost} names, unaware it was lost. */
  private static Optional<Memory> stillLinkedTo(MemoryWriter writer, ServerId id, LostCopy lost) {
    return writer.findByServerId(id)
        .filter(memory -> writer.linkOf(memory.id()).flatMap(ServerLink::serverCreatedAt)
            .filter(createdAt -> lost.names(id, createdAt)).isPresent());
  }

  private static boolean retiredHere(MemoryWriter writer, ServerId id, String createdAt) {
    return writer.syncState().retiredCopy(id, createdAt).flatMap(RetiredServerId::serverCreatedAt).isPresent();
  }

  /**
   * The memory moves to {@code pulled}, another machine's copy sent again of it, unless its own
   * copy sent again has the lower id; the later version then goes to the copy that stays.
   */
  private static Applied take(
      MemoryWriter writer, MemoryId memoryId, RemoteMemory pulled, LostCopy theirs, Instant now) {
    Memory local = writer.find(memoryId).orElseThrow();
    Optional<ServerId> ours = local.serverId();
    LOG.log(Level.DEBUG, () -> "memory #" + memoryId + " on " + ours.map(id -> "server " + id).orElse("no copy")
        + " meets its copy server " + pulled.id() + " sent again by another machine");
    if (ours.isPresent() && ours.get().value() < pulled.id().value()) {
      // this machine's copy stays; the other machine moves to it, and sends its version if later
      LostServerCopies.deleteOnServer(writer, pulled.id(), Optional.of(pulled.createdAt()), now);
      return Applied.MERGED;
    }
    Optional<String> oursCreatedAt = writer.linkOf(memoryId).flatMap(ServerLink::serverCreatedAt);
    Optional<String> ourVersion =
        ours.isPresent()
            ? writer.syncState().lostCopyOf(memoryId).flatMap(LostCopy::sentVersion)
            : Optional.of(local.updatedAt());
    Optional<PendingOp> queued = writer.outbox().forMemory(memoryId);
    writer.assignServerId(memoryId, pulled.id(), ServerWins.categoryOf(pulled));
    writer.recordServerCopy(memoryId, pulled.createdAt(), pulled.updatedAt());
    ours.ifPresent(copy -> LostServerCopies.deleteOnServer(writer, copy, oursCreatedAt, now));
    boolean editedHere = queued.filter(op -> op.kind() == OpKind.UPDATE).isPresent();
    queued.filter(op -> op.kind() == OpKind.CREATE).ifPresent(op -> writer.outbox().remove(op.id()));
    boolean sameAsHere = Reconciliation.holdsAsHere(pulled, local, false);
    if (sameAsHere && !editedHere) {
      return Applied.ADOPTED;
    }
    if (editedHere || later(ourVersion, theirs.sentVersion())) {
      // the version here is the memory's: it goes to the copy that stays
      PendingOp update = queued.filter(op -> op.kind() == OpKind.UPDATE)
          .map(op -> op.withServerId(Optional.of(pulled.id())).copyHolds(Reconciliation.fieldsOf(pulled)))
          .orElseGet(() -> Reconciliation.updateTo(memoryId, pulled, now));
      writer.outbox().save(update.dueAt(now));
      return Applied.KEPT_LOCAL;
    }
    boolean keepLocalContent =
        ContentMatch.isRedacted(pulled.content()) && ContentMatch.sameMemory(pulled.content(), local.content());
    writer.overwriteFromServer(memoryId, pulled, keepLocalContent);
    // the memory here is now their version
    theirs.sentVersion().ifPresent(version -> writer.syncState().lostCopyOf(memoryId).ifPresent(lost ->
        writer.syncState().rememberLostCopy(memoryId, lost.sentAt(version), now)));
    if (keepLocalContent) {
      // the other machine held only the server's redaction: the original goes from here
      writer.outbox().save(Reconciliation.updateTo(memoryId, pulled, now));
    }
    return Applied.UPDATED;
  }

  /** Whether {@code ours} is a later version than {@code theirs}; an unknown one is the earliest. */
  private static boolean later(Optional<String> ours, Optional<String> theirs) {
    Optional<Instant> here = ours.flatMap(Timestamps::parse);
    Optional<Instant> there = theirs.flatMap(Timestamps::parse);
    return here.isPresent() && (there.isEmpty() || here.get().isAfter(there.get()));
  }
}
