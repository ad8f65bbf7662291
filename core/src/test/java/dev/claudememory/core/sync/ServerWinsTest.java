package dev.claudememory.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.remote.RemoteMemory;
import dev.claudememory.core.sync.ServerWins.Applied;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How one pulled memory changes the local database (SPEC §7, "server wins, precisely"). */
final class ServerWinsTest {
  private static final String CREATED = "2026-11-24T21:00:00.000000+00:00";
  private static final String EDITED = "2026-11-24T22:00:00.000000+00:00";

  private final SyncRig rig = new SyncRig();

  @Test
  void aServerEditReplacesAMemoryWithNoQueuedOp() {
    Memory memory = synced("the old text", 1_001);

    Applied applied = apply(pulled(1_001, "the new text", "decisions", false));

    assertThat(applied).isEqualTo(Applied.UPDATED);
    Memory local = rig.local(memory.id()).orElseThrow();
    assertThat(local.content()).isEqualTo("the new text");
    assertThat(local.category().name()).isEqualTo("decisions");
    assertThat(local.updatedAt()).isEqualTo(EDITED);
  }

  @Test
  void aMemoryWithAQueuedOpKeepsItsLocalStateUntilItIsPushed() {
    Memory memory = synced("the old text", 1_001);
    rig.edit(memory.id(), "edited here, not pushed yet");

    Applied applied = apply(pulled(1_001, "edited elsewhere", "facts", false));

    assertThat(applied).isEqualTo(Applied.KEPT_LOCAL);
    assertThat(rig.local(memory.id()).orElseThrow().content())
        .isEqualTo("edited here, not pushed yet");
    assertThat(rig.opFor(memory.id()).orElseThrow().kind()).isEqualTo(OpKind.UPDATE);
  }

  @Test
  void aServerDeleteRemovesTheRowAndCancelsItsQueuedUpdate() {
    Memory memory = synced("soon gone", 1_001);
    rig.edit(memory.id(), "edited here, not pushed yet");

    Applied applied = apply(deleted(1_001, "soon gone"));

    assertThat(applied).isEqualTo(Applied.DELETED);
    assertThat(rig.local(memory.id())).isEmpty();
    assertThat(rig.ops()).isEmpty();
  }

  @Test
  void theServersRedactedCopyChangesEverythingButTheLocalOriginal() {
    Memory memory = synced("db password=hunter2 on kestrel", 1_001);

    apply(pulled(1_001, "db password=[REDACTED:password] on kestrel", "infrastructure", true));

    Memory local = rig.local(memory.id()).orElseThrow();
    assertThat(local.content()).isEqualTo("db password=hunter2 on kestrel");
    assertThat(local.category().name()).isEqualTo("infrastructure");
    assertThat(local.sensitive()).isTrue();
  }

  @Test
  void aRedactedCopyOfOtherTextIsAnEditAndReplacesTheContent() {
    Memory memory = synced("db password=hunter2 on kestrel", 1_001);

    apply(pulled(1_001, "db password=[REDACTED:password] on marmalade", "facts", true));

    assertThat(rig.local(memory.id()).orElseThrow().content())
        .isEqualTo("db password=[REDACTED:password] on marmalade");
  }

  @Test
  void aMemoryStoredElsewhereIsInsertedWithTheServersFields() {
    Applied applied = apply(pulled(2_002, "from the laptop", "Custom Category", false));

    assertThat(applied).isEqualTo(Applied.INSERTED);
    Memory local = rig.store.read(reader -> reader.findByServerId(new ServerId(2_002))).orElseThrow();
    assertThat(local.content()).isEqualTo("from the laptop");
    assertThat(local.category().name()).isEqualTo("Custom Category");
    assertThat(local.createdAt()).isEqualTo(CREATED);
    assertThat(rig.ops()).isEmpty();
  }

  @Test
  void aMemoryDeletedHereWhoseDeleteIsQueuedIsNotBroughtBack() {
    Memory memory = synced("deleted here", 1_001);
    rig.delete(memory.id());

    Applied applied = apply(pulled(1_001, "deleted here, edited elsewhere", "facts", false));

    assertThat(applied).isEqualTo(Applied.KEPT_LOCAL);
    assertThat(rig.localRows()).isEmpty();
    assertThat(rig.ops()).singleElement().satisfies(op -> assertThat(op.kind()).isEqualTo(OpKind.DELETE));
  }

  @Test
  void aServerDeleteOfAMemoryDeletedHereCancelsTheQueuedDelete() {
    Memory memory = synced("deleted on both sides", 1_001);
    rig.delete(memory.id());

    Applied applied = apply(deleted(1_001, "deleted on both sides"));

    assertThat(applied).isEqualTo(Applied.NOTHING);
    assertThat(rig.ops()).isEmpty();
  }

  @Test
  void aServerDeleteOfAMemoryNeverSeenHereChangesNothing() {
    Memory memory = rig.store("unrelated");

    Applied applied = apply(deleted(3_003, "never seen here"));

    assertThat(applied).isEqualTo(Applied.NOTHING);
    assertThat(rig.localRows()).containsExactly(memory);
  }

  @Test
  void theCopyOfACreateWhoseAnswerWasLostIsAdoptedNotInserted() {
    Memory memory = rig.store("sent, answer lost");
    PendingOp sent = rig.opFor(memory.id()).orElseThrow();
    rig.store.write(
        writer -> writer.outbox().save(
            sent.attempted().withUnconfirmedContent(Optional.of("sent, answer lost"))));

    Applied applied = apply(pulled(4_004, "sent, answer lost", "facts", false));

    assertThat(applied).isEqualTo(Applied.ADOPTED);
    assertThat(rig.localRows()).hasSize(1);
    assertThat(rig.serverIdOf(memory.id())).isEqualTo(new ServerId(4_004));
    PendingOp op = rig.opFor(memory.id()).orElseThrow();
    assertThat(op.kind()).isEqualTo(OpKind.UPDATE);
    assertThat(op.needsReconciliation()).isFalse();
  }

  private Applied apply(RemoteMemory memory) {
    ServerClock sameClock = new ServerClock(Optional.of(Duration.ZERO), Optional.of(Duration.ZERO));
    return rig.store.write(writer -> ServerWins.apply(writer, memory, Optional.empty(), sameClock, rig.clock.instant()));
  }

  /** A memory stored here and pushed: it has a server id and nothing queued. */
  private Memory synced(String content, long serverId) {
    Memory memory = rig.store(content);
    MemoryId id = memory.id();
    rig.store.write(
        writer -> {
          writer.assignServerId(id, new ServerId(serverId), memory.category());
          writer.outbox().forMemory(id).ifPresent(op -> writer.outbox().remove(op.id()));
          return null;
        });
    return rig.local(id).orElseThrow();
  }

  private static RemoteMemory pulled(long id, String content, String category, boolean sensitive) {
    return new RemoteMemory(new ServerId(id), content, category, "", "", 0.5, sensitive, CREATED,
        EDITED, Optional.empty());
  }

  private static RemoteMemory deleted(long id, String content) {
    return new RemoteMemory(new ServerId(id), content, "facts", "", "", 0.5, false, CREATED, EDITED,
        Optional.of(EDITED));
  }
}
