package dev.claudememory.core.sync;

import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.memory.Timestamps;
import dev.claudememory.core.port.MemoryWriter;
import dev.claudememory.core.port.RetiredServerId;
import dev.claudememory.core.remote.MemoryFields;
import dev.claudememory.core.remote.RemoteMemory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Finds on the server the copy of a create whose answer was lost, so it is adopted instead of
 * created twice (the server does not deduplicate).
 */
final class Reconciliation {
  private Reconciliation() {}

  /**
   * A queued create or delete still unsure whether the server holds {@code pulled}: of several with
   * its text, the one whose memory {@code pulled} certainly is, else one whose create got no answer,
   * sent the terms {@code pulled} carries and may have made it then.
   */
  static Optional<PendingOp> unconfirmedCreateMatching(
      MemoryWriter writer, RemoteMemory pulled, ServerClock serverClock) {
    List<PendingOp> matching =
        writer.outbox().all().stream()
            .filter(PendingOp::needsReconciliation)
            .filter(op -> ContentMatch.sameMemory(pulled.content(), op.unconfirmedContent().orElseThrow()))
            .collect(Collectors.toList());
    return matching.stream()
        .filter(op -> certainCopy(writer, op, List.of(pulled), deleted -> false, serverClock).isPresent())
        .findFirst()
        .or(() -> matching.stream()
            .filter(op -> op.answeredId().isEmpty() && carriesTermsSent(pulled, op))
            .filter(op -> !madeOutsideSend(pulled, op, serverClock))
            .findFirst());
  }

  /**
   * Whether {@code pulled} carries the content and terms a create sent that the server answered
   * with another id, which no pull has shown yet: if the server lost that copy, {@code pulled} may
   * be the same memory sent again by another machine, and the create's look-up takes it.
   */
  static boolean mayBeSentAgainOfAnsweredCreate(MemoryWriter writer, RemoteMemory pulled) {
    return writer.outbox().all().stream()
        .filter(op -> op.answeredId().filter(id -> !id.equals(pulled.id())).isPresent())
        .anyMatch(op -> carriesTermsSent(pulled, op)
            && ContentMatch.sameMemory(pulled.content(), op.unconfirmedContent().orElseThrow()));
  }

  /**
   * Whether {@code copy} carries the tags and related terms {@code op}'s create sent, or they are
   * not known: another memory that says the same, stored on another machine, rarely carries the
   * same terms too.
   */
  static boolean carriesTermsSent(RemoteMemory copy, PendingOp op) {
    return op.unconfirmedTerms()
        .map(sent -> sent.equals(PendingOp.termsOf(copy.tags(), copy.expandedKeywords())))
        .orElse(true);
  }

  /**
   * Whether {@code copy} was created when {@code op}'s create cannot have made it, and so is
   * another memory's that says the same; false when that is not known.
   */
  static boolean madeOutsideSend(RemoteMemory copy, PendingOp op, ServerClock serverClock) {
    Optional<Instant> created = Timestamps.parse(copy.createdAt());
    return created.isPresent()
        && op.unconfirmedSend().filter(send -> send.excludes(created.get(), serverClock)).isPresent();
  }

  /**
   * Of copies with the text {@code op} sent, the one that is certainly its memory's: the one the
   * server answered the create with, and no other when it answered; else one created the moment the
   * memory was written (a memory exported with its copy's created_at and imported here), live or
   * deleted; or with every other field the memory has here (another memory with the same text
   * differs in some) and not made outside the time its create may have landed, live or a deleted
   * one that {@code deletedMayBeIt}.
   */
  static Optional<RemoteMemory> certainCopy(
      MemoryWriter writer,
      PendingOp op,
      List<RemoteMemory> copies,
      Predicate<RemoteMemory> deletedMayBeIt,
      ServerClock serverClock) {
    Optional<ServerId> answered = op.answeredId();
    if (answered.isPresent()) {
      return copies.stream().filter(copy -> copy.id().equals(answered.get())).findFirst();
    }
    Optional<Memory> local = op.memoryId().flatMap(writer::find);
    return copies.stream()
        .filter(copy -> Timestamps.parse(copy.createdAt()).filter(op.createdAt()::equals).isPresent())
        .findFirst()
        .or(() -> copies.stream()
            .filter(copy -> !copy.isDeleted() || deletedMayBeIt.test(copy))
            .filter(copy -> !madeOutsideSend(copy, op, serverClock))
            .filter(copy -> local.filter(row -> sameFields(copy, row)).isPresent())
            .findFirst());
  }

  /**
   * Whether {@code copy} holds the memory as {@code row} has it. A redacted copy holds the original
   * only when this memory's own create made it ({@code madeByItsCreate}): another machine that held
   * only the server's redacted copy, and sent it again after the server lost its data, made a copy
   * whose original is the redacted text.
   */
  static boolean holdsAsHere(RemoteMemory copy, Memory row, boolean madeByItsCreate) {
    boolean sameContent =
        copy.content().equals(row.content())
            || madeByItsCreate && ContentMatch.sameMemory(copy.content(), row.content());
    return sameContent && sameFields(copy, row);
  }

  /** An update, due now, that sends the memory as it is here to {@code copy}, which holds what it shows. */
  static PendingOp updateTo(MemoryId memory, RemoteMemory copy, Instant now) {
    return PendingOp.create(Optional.of(memory), OpKind.UPDATE, Optional.of(copy.id()), now).copyHolds(fieldsOf(copy));
  }

  static MemoryFields fieldsOf(RemoteMemory copy) {
    return new MemoryFields(copy.content(), copy.category(), copy.tags(), copy.expandedKeywords(),
        copy.importance(), copy.sensitive());
  }

  /** Importance is compared as the server stores it, a float4. */
  private static boolean sameFields(RemoteMemory copy, Memory row) {
    return copy.category().equals(row.category().name())
        && copy.tags().equals(row.tags())
        && copy.expandedKeywords().equals(row.expandedKeywords())
        && (float) copy.importance() == (float) row.importance();
  }

  /**
   * Records that {@code found} is the server's copy of the memory {@code op} created: the memory
   * takes its id; a create is done, or becomes an update when the row here differs from the copy,
   * a delete targets it.
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
    Memory linked = writer.find(local.get().id()).orElseThrow();
    if (holdsAsHere(found, linked, op.answeredId().filter(found.id()::equals).isPresent())) {
      writer.outbox().remove(op.id()); // the copy holds the memory as it is here
      return;
    }
    writer.outbox().save(op.withKind(OpKind.UPDATE).withServerId(Optional.of(found.id()))
        .copyHolds(fieldsOf(found)).dueAt(now));
  }
}
