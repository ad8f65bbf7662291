package dev.claudememory.core.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudememory.core.StorageException;
import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.port.MemoryWriter;
import dev.claudememory.core.recall.SortBy;
import java.time.Instant;
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
  void wordsAreSplitAndFoldedLikeUnicode61() {
    assertThat(InMemoryMemoryStore.words("Café-au-LAIT, v1.2 (NEAR) 🎉 中文"))
        .containsExactly("cafe", "au", "lait", "v1", "2", "near", "中文");
  }
}
