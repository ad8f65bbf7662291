package dev.claudememory.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.ServerId;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What one memory's queued op becomes after each local change (SPEC §7, defect 3). */
final class OpCoalescerTest {
  private static final Instant QUEUED = Instant.parse("2026-11-24T21:47:33.680389Z");
  private static final Instant LATER = QUEUED.plusSeconds(30);
  private static final MemoryId ID = new MemoryId(4);
  private static final ServerId SERVER_ID = new ServerId(1_004);

  private final Memory unsynced = memory(Optional.empty());
  private final Memory synced = memory(Optional.of(SERVER_ID));

  // --- nothing queued yet ---

  @Test
  void aStoreQueuesACreateDueNow() {
    PendingOp op = merge(Optional.empty(), LocalChange.STORED, unsynced, QUEUED).orElseThrow();

    assertThat(op.kind()).isEqualTo(OpKind.CREATE);
    assertThat(op.memoryId()).contains(ID);
    assertThat(op.serverId()).isEmpty();
    assertThat(op.nextAttemptAt()).isEqualTo(QUEUED);
    assertThat(op.createdAt()).isEqualTo(QUEUED);
    assertThat(op.needsReconciliation()).isFalse();
    assertThat(op.isParked()).isFalse();
  }

  @Test
  void anUpdateOfASyncedMemoryQueuesAnUpdateOfItsServerId() {
    PendingOp op = merge(Optional.empty(), LocalChange.UPDATED, synced, QUEUED).orElseThrow();

    assertThat(op.kind()).isEqualTo(OpKind.UPDATE);
    assertThat(op.serverId()).contains(SERVER_ID);
  }

  @Test
  void anUpdateOfAMemoryThatNeverReachedTheServerQueuesItsCreate() {
    PendingOp op = merge(Optional.empty(), LocalChange.UPDATED, unsynced, QUEUED).orElseThrow();

    assertThat(op.kind()).isEqualTo(OpKind.CREATE);
  }

  @Test
  void aDeleteOfASyncedMemoryQueuesADeleteOfItsServerId() {
    PendingOp op = merge(Optional.empty(), LocalChange.DELETED, synced, QUEUED).orElseThrow();

    assertThat(op.kind()).isEqualTo(OpKind.DELETE);
    assertThat(op.serverId()).contains(SERVER_ID);
  }

  @Test
  void aDeleteOfAMemoryThatNeverReachedTheServerQueuesNothing() {
    assertThat(merge(Optional.empty(), LocalChange.DELETED, unsynced, QUEUED)).isEmpty();
  }

  // --- a queued op meets a new change ---

  @Test
  void storeThenUpdateIsOneCreateWithItsKeyAndANewRevision() {
    PendingOp create = saved(merge(Optional.empty(), LocalChange.STORED, unsynced, QUEUED));

    PendingOp merged = merge(Optional.of(create), LocalChange.UPDATED, unsynced, LATER).orElseThrow();

    assertThat(merged.kind()).isEqualTo(OpKind.CREATE);
    assertThat(merged.id()).isEqualTo(create.id());
    assertThat(merged.key()).isEqualTo(create.key());
    assertThat(merged.revision()).isEqualTo(create.revision() + 1);
    assertThat(merged.createdAt()).isEqualTo(QUEUED);
    assertThat(merged.nextAttemptAt()).isEqualTo(LATER);
  }

  @Test
  void storeThenDeleteCancelsOut() {
    PendingOp create = saved(merge(Optional.empty(), LocalChange.STORED, unsynced, QUEUED));

    assertThat(merge(Optional.of(create), LocalChange.DELETED, unsynced, LATER)).isEmpty();
  }

  @Test
  void aStoreThatWasSentButNotConfirmedThenDeletedIsADeleteThatLooksForItFirst() {
    PendingOp sent =
        saved(merge(Optional.empty(), LocalChange.STORED, unsynced, QUEUED))
            .attempted()
            .withUnconfirmedContent(Optional.of("the content as sent"));

    PendingOp delete = merge(Optional.of(sent), LocalChange.DELETED, unsynced, LATER).orElseThrow();

    assertThat(delete.kind()).isEqualTo(OpKind.DELETE);
    assertThat(delete.serverId()).isEmpty();
    assertThat(delete.unconfirmedContent()).contains("the content as sent");
    assertThat(delete.needsReconciliation()).isTrue();
    assertThat(delete.key()).isEqualTo(sent.key());
  }

  @Test
  void updateThenDeleteIsADeleteOfTheServerId() {
    PendingOp update = saved(merge(Optional.empty(), LocalChange.UPDATED, synced, QUEUED));

    PendingOp delete = merge(Optional.of(update), LocalChange.DELETED, synced, LATER).orElseThrow();

    assertThat(delete.kind()).isEqualTo(OpKind.DELETE);
    assertThat(delete.serverId()).contains(SERVER_ID);
    assertThat(delete.needsReconciliation()).isFalse();
  }

  @Test
  void updateThenUpdateIsOneUpdate() {
    PendingOp update = saved(merge(Optional.empty(), LocalChange.UPDATED, synced, QUEUED));

    PendingOp merged = merge(Optional.of(update), LocalChange.UPDATED, synced, LATER).orElseThrow();

    assertThat(merged.kind()).isEqualTo(OpKind.UPDATE);
    assertThat(merged.revision()).isEqualTo(2);
  }

  @Test
  void aParkedOpIsUnparkedAndDueAtOnceWhenTheMemoryIsEditedAgain() {
    PendingOp parked =
        saved(merge(Optional.empty(), LocalChange.UPDATED, synced, QUEUED))
            .failed("busy", QUEUED.plusSeconds(3_600))
            .parked("HTTP 422: unknown category");

    PendingOp edited = merge(Optional.of(parked), LocalChange.UPDATED, synced, LATER).orElseThrow();

    assertThat(edited.isParked()).isFalse();
    assertThat(edited.nextAttemptAt()).isEqualTo(LATER);
  }

  @Test
  void aParkedOpIsUnparkedByADeleteToo() {
    PendingOp parked =
        saved(merge(Optional.empty(), LocalChange.UPDATED, synced, QUEUED)).parked("HTTP 422");

    PendingOp delete = merge(Optional.of(parked), LocalChange.DELETED, synced, LATER).orElseThrow();

    assertThat(delete.kind()).isEqualTo(OpKind.DELETE);
    assertThat(delete.isParked()).isFalse();
  }

  @Test
  void aMemoryWithAQueuedDeleteCannotChangeAgain() {
    PendingOp delete = saved(merge(Optional.empty(), LocalChange.DELETED, synced, QUEUED));

    assertThatThrownBy(() -> merge(Optional.of(delete), LocalChange.UPDATED, synced, LATER))
        .isInstanceOf(IllegalStateException.class);
  }

  private static Optional<PendingOp> merge(
      Optional<PendingOp> queued, LocalChange change, Memory memory, Instant now) {
    return OpCoalescer.merge(queued, change, memory, now);
  }

  /** The op as the outbox would hold it after saving. */
  private static PendingOp saved(Optional<PendingOp> op) {
    PendingOp unsaved = op.orElseThrow();
    return new PendingOp(9, unsaved.memoryId(), unsaved.kind(), unsaved.serverId(), unsaved.key(),
        unsaved.revision(), unsaved.attempts(), unsaved.nextAttemptAt(),
        unsaved.unconfirmedContent(), unsaved.unconfirmedTerms(), unsaved.unconfirmedSend(), unsaved.lastError(), unsaved.parkedReason(),
        unsaved.createdAt());
  }

  private static Memory memory(Optional<ServerId> serverId) {
    return new Memory(ID, serverId, "content", Category.DEFAULT, "", "", 0.5, false,
        "2026-11-24T21:47:33.680389+00:00", "2026-11-24T21:47:33.680389+00:00");
  }
}
