package dev.claudememory.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.fakes.InMemoryMemoryStore;
import dev.claudememory.core.fakes.SettableClock;
import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Content;
import dev.claudememory.core.memory.Importance;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryPatch;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.remote.RemoteMemory;
import dev.claudememory.core.sync.BackgroundSync;
import dev.claudememory.core.sync.PendingOp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Duplicates at the door: a store of content a memory already holds stores nothing. */
final class DuplicateStoreTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2026-11-24T21:47:33.680389Z"));
  private final InMemoryMemoryStore store = new InMemoryMemoryStore();
  private final AtomicInteger wakes = new AtomicInteger();
  private final LocalFirstMemoryService service =
      new LocalFirstMemoryService(store, clock, BackgroundSync.of(wakes::incrementAndGet));

  @AfterEach
  void close() {
    service.close();
  }

  @Test
  void theSameContentInAnotherCaseAndSpacingAnswersTheExistingMemoryAndQueuesNothing() {
    StoreResult first = service.store(NewMemory.of("Kestrel deploys run on Fridays", "release"));
    int wakesAfterFirst = wakes.get();

    StoreResult again =
        service.store(
            new NewMemory(
                new Content("  kestrel DEPLOYS run\non Fridays "),
                Category.canonical("decisions"),
                "other,tags",
                "different keywords",
                new Importance(0.9),
                false));

    assertThat(first.alreadyStored()).isFalse();
    assertThat(again.alreadyStored()).isTrue();
    assertThat(again.memory()).isEqualTo(first.memory());
    assertThat(store.counts().total()).isEqualTo(1);
    assertThat(queued()).hasSize(1);
    assertThat(wakes.get()).isEqualTo(wakesAfterFirst);
  }

  @Test
  void aNearMissIsStored() {
    service.store(NewMemory.of("Kestrel deploys run on Fridays", ""));

    StoreResult other = service.store(NewMemory.of("Kestrel deploys run on Fridays!", ""));

    assertThat(other.alreadyStored()).isFalse();
    assertThat(store.counts().total()).isEqualTo(2);
  }

  @Test
  void aMemoryPulledFromTheServerIsADuplicateToo() {
    Memory pulled =
        store.write(
            writer ->
                writer.insertFromServer(
                    new RemoteMemory(
                        new ServerId(77),
                        "Caf\u00e9 closes at six",
                        "facts",
                        "",
                        "",
                        0.5,
                        false,
                        "2026-01-01T00:00:00.000000+00:00",
                        "2026-01-01T00:00:00.000000+00:00",
                        Optional.empty())));

    StoreResult again = service.store(NewMemory.of("CAFE\u0301 closes at six", ""));

    assertThat(again.alreadyStored()).isTrue();
    assertThat(again.memory().id()).isEqualTo(pulled.id());
    assertThat(queued()).isEmpty();
  }

  @Test
  void contentADeletedOrEditedMemoryHeldCanBeStoredAgain() {
    Memory deleted = service.store(NewMemory.of("Short-lived plan", "")).memory();
    Memory edited = service.store(NewMemory.of("First wording", "")).memory();
    service.delete(deleted.id());
    service.update(
        edited.id(),
        new MemoryPatch(
            Optional.of(new Content("Second wording")),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty()));

    assertThat(service.store(NewMemory.of("short-lived plan", "")).alreadyStored()).isFalse();
    assertThat(service.store(NewMemory.of("first wording", "")).alreadyStored()).isFalse();
    assertThat(service.store(NewMemory.of("second wording", "")).alreadyStored()).isTrue();
  }

  @Test
  void withDuplicatesAllowedTheSameContentIsStoredAgain() {
    LocalFirstMemoryService allowing =
        new LocalFirstMemoryService(store, clock, BackgroundSync.NONE, DuplicateContent.STORE_AGAIN);
    Memory first = allowing.store(NewMemory.of("Kestrel deploys run on Fridays", "")).memory();

    StoreResult again = allowing.store(NewMemory.of("Kestrel deploys run on Fridays", ""));

    assertThat(again.alreadyStored()).isFalse();
    assertThat(again.memory().id()).isNotEqualTo(first.id());
    assertThat(store.counts().total()).isEqualTo(2);
    assertThat(store.nearDuplicates(10)).hasSize(1);
  }

  private List<PendingOp> queued() {
    return store.read(reader -> reader.outbox().all());
  }
}
