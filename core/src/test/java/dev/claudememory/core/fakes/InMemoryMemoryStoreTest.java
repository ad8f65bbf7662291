package dev.claudememory.core.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudememory.core.StorageException;
import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.port.LegacyOp;
import dev.claudememory.core.port.MemoryWriter;
import dev.claudememory.core.recall.SortBy;
import dev.claudememory.core.sync.IdempotencyKey;
import dev.claudememory.core.sync.OpKind;
import dev.claudememory.core.sync.PendingOp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What the fake does beyond the port's contract, which {@code MemoryStoreContract} covers. */
final class InMemoryMemoryStoreTest {
  private final InMemoryMemoryStore store = new InMemoryMemoryStore();

  @Test
  void putRowKeepsARowAsGivenAndLaterIdsFollowIt() {
    Memory legacy =
        new Memory(
            new MemoryId(41),
            Optional.empty(),
            "from the Python days",
            Category.stored("Old Style"),
            "",
            "",
            3.5,
            false,
            "2024-01-01T00:00:00",
            "2024-01-01T00:00:00");

    store.putRow(legacy);
    Memory next = store.write(w -> w.insert(NewMemory.of("new", ""), Instant.EPOCH));

    assertThat(store.find(legacy.id())).contains(legacy);
    assertThat(next.id()).isEqualTo(new MemoryId(42));
    assertThat(store.counts().byCategory()).containsEntry("Old Style", 1L);
  }

  @Test
  void aWriterUsedAfterItsWriteReturnedFails() {
    AtomicReference<MemoryWriter> escaped = new AtomicReference<>();
    store.write(
        writer -> {
          escaped.set(writer);
          return null;
        });

    assertThatThrownBy(() -> escaped.get().find(new MemoryId(1)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aClosedStoreRefusesEveryCall() {
    store.close();

    assertThatThrownBy(() -> store.find(new MemoryId(1))).isInstanceOf(StorageException.class);
    assertThatThrownBy(() -> store.recent(Optional.empty(), 1))
        .isInstanceOf(StorageException.class);
    assertThatThrownBy(() -> store.write(w -> null)).isInstanceOf(StorageException.class);
  }

  @Test
  void aQueryOfAnotherShapeFailsAsFts5Would() {
    assertThatThrownBy(
            () -> store.search("kestrel NEAR marmalade", Optional.empty(), SortBy.RELEVANCE, 5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void legacyOpsAreHandedOutOnceAndAThrowingWriteGivesThemBack() {
    List<LegacyOp> legacy =
        List.of(new LegacyOp(1, "store", Optional.of(new MemoryId(3)), Optional.empty()),
            new LegacyOp(2, "delete", Optional.empty(), Optional.of(new ServerId(9))));
    store.setLegacyOps(legacy);

    assertThatThrownBy(
            () ->
                store.write(
                    writer -> {
                      writer.outbox().takeLegacyOps();
                      throw new IllegalStateException("rolled back");
                    }))
        .isInstanceOf(IllegalStateException.class);

    List<LegacyOp> first = store.write(writer -> writer.outbox().takeLegacyOps());
    List<LegacyOp> second = store.write(writer -> writer.outbox().takeLegacyOps());
    assertThat(first).isEqualTo(legacy);
    assertThat(second).isEmpty();
  }

  @Test
  void aWriteInsideAWriteIsRefused() {
    assertThatThrownBy(() -> store.write(outer -> store.write(inner -> null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("inside another write");
  }

  @Test
  void inWriteTellsWhetherATransactionIsOpen() {
    boolean duringWrite = store.write(writer -> store.inWrite());
    boolean duringRead = store.read(reader -> store.inWrite());

    assertThat(store.inWrite()).isFalse();
    assertThat(duringWrite).isTrue();
    assertThat(duringRead).isFalse();
  }

  @Test
  void savingAnOpThatIsNotQueuedFails() {
    PendingOp never =
        new PendingOp(42, Optional.empty(), OpKind.DELETE, Optional.of(new ServerId(1)),
            new IdempotencyKey("k"), 1, 0, Instant.EPOCH, Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Instant.EPOCH);

    assertThatThrownBy(() -> store.write(writer -> writer.outbox().save(never)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void opTimesAreKeptToTheMicrosecondAsTheDatabaseKeepsThem() {
    Instant withNanos = Instant.parse("2026-11-24T21:47:33.680389123Z");
    PendingOp op =
        new PendingOp(0, Optional.empty(), OpKind.DELETE, Optional.of(new ServerId(1)),
            new IdempotencyKey("k"), 1, 0, withNanos, Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), withNanos);

    PendingOp saved = store.write(writer -> writer.outbox().save(op));

    assertThat(saved.nextAttemptAt()).isEqualTo(Instant.parse("2026-11-24T21:47:33.680389Z"));
    assertThat(saved.createdAt()).isEqualTo(Instant.parse("2026-11-24T21:47:33.680389Z"));
  }

  @Test
  void theLeaseHolderIsVisibleToTests() {
    assertThat(store.leaseHolder()).isEmpty();

    store.write(writer -> writer.syncState().acquireLease("process-a", Instant.EPOCH,
        Duration.ofSeconds(60)));

    assertThat(store.leaseHolder()).contains("process-a");
  }

  @Test
  void wordsAreSplitAndFoldedLikeUnicode61() {
    assertThat(InMemoryMemoryStore.words("Café-au-LAIT, v1.2 (NEAR) 🎉 中文"))
        .containsExactly("cafe", "au", "lait", "v1", "2", "near", "中文");
  }
}
