package dev.claudememory.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudememory.core.InvalidInputException;
import dev.claudememory.core.StorageException;
import dev.claudememory.core.fakes.InMemoryMemoryStore;
import dev.claudememory.core.fakes.SettableClock;
import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Content;
import dev.claudememory.core.memory.Importance;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.MemoryPatch;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.recall.ListQuery;
import dev.claudememory.core.recall.RecallQuery;
import dev.claudememory.core.recall.SearchTerms;
import dev.claudememory.core.recall.SortBy;
import dev.claudememory.core.sync.BackgroundSync;
import dev.claudememory.core.sync.IdempotencyKey;
import dev.claudememory.core.sync.OpKind;
import dev.claudememory.core.sync.PendingOp;
import dev.claudememory.core.sync.SyncStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class LocalFirstMemoryServiceTest {
  private final SettableClock clock =
      new SettableClock(Instant.parse("2026-11-24T21:47:33.680389Z"));
  private final InMemoryMemoryStore store = new InMemoryMemoryStore();
  private final LocalFirstMemoryService service = new LocalFirstMemoryService(store, clock);

  @AfterEach
  void close() {
    service.close();
  }

  private static MemoryPatch tagsPatch(String tags) {
    return new MemoryPatch(
        Optional.empty(), Optional.empty(), Optional.of(tags), Optional.empty(), Optional.empty());
  }

  @Test
  void storeReturnsTheMemoryWithItsIdAndTheClocksTime() {
    Memory stored =
        service.store(
            new NewMemory(
                new Content("Kestrel is the staging cluster"),
                Category.canonical(" Infra "),
                "k8s",
                "kestrel staging cluster kubernetes env",
                new Importance(0.9),
                false)).memory();

    assertThat(stored.id().value()).isPositive();
    assertThat(stored.category().name()).isEqualTo("infrastructure");
    assertThat(stored.importance()).isEqualTo(0.9);
    assertThat(stored.createdAt()).isEqualTo("2026-11-24T21:47:33.680389+00:00");
    assertThat(service.get(stored.id())).contains(stored);
  }

  @Test
  void recallFindsEveryWordFirstThenAnyWord() {
    Memory both = service.store(NewMemory.of("kestrel deploys with marmalade", "release")).memory();
    Memory one = service.store(NewMemory.of("kestrel only", "release")).memory();

    assertThat(service.recall(RecallQuery.of("kestrel", "marmalade")).memories()).containsExactly(both);
    assertThat(service.recall(RecallQuery.of("marmalade", "unheard")).memories())
        .containsExactly(both);
    assertThat(service.recall(RecallQuery.of("kestrel", "unheard")).memories())
        .containsExactlyInAnyOrder(both, one);
  }

  @Test
  void recallAndListShowASensitiveMemoryMaskedFoundByItsKeywordsAndGetShowsItWhole() {
    Memory secret = service.store(NewMemory.of("kestrel password=hunter2", "kestrel")).memory();
    String masked = "[SENSITIVE - use secret_get(id=" + secret.id() + ")]";

    assertThat(service.recall(RecallQuery.of("kestrel", "password")).memories())
        .singleElement()
        .satisfies(found -> {
          assertThat(found.id()).isEqualTo(secret.id());
          assertThat(found.sensitive()).isTrue();
          assertThat(found.content()).isEqualTo(masked);
        });
    assertThat(service.recall(RecallQuery.of("hunter2", "password")).memories()).isEmpty();
    assertThat(service.list(new ListQuery(Optional.empty(), 10))).extracting(Memory::content).containsExactly(masked);
    assertThat(service.get(secret.id()).map(Memory::content)).contains("kestrel password=hunter2");
  }

  @Test
  void recallHonoursCategoryAndSort() {
    clock.set(Instant.parse("2026-01-01T00:00:00Z"));
    Memory older = service.store(NewMemory.of("kestrel first", "")).memory();
    clock.advance(Duration.ofHours(1));
    Memory newer = service.store(NewMemory.of("kestrel second", "")).memory();
    service.store(
        new NewMemory(
            new Content("kestrel decided"),
            Category.canonical("decisions"),
            "",
            "",
            Importance.DEFAULT,
            false));

    RecallQuery byRecency =
        new RecallQuery(
            SearchTerms.of("kestrel", ""), Optional.of(Category.DEFAULT), SortBy.RECENCY, 10);

    assertThat(service.recall(byRecency).memories()).containsExactly(newer, older);
  }

  @Test
  void listShowsTheNewestFirst() {
    Memory first = service.store(NewMemory.of("first", "")).memory();
    clock.advance(Duration.ofSeconds(1));
    Memory second = service.store(NewMemory.of("second", "")).memory();

    assertThat(service.list(new ListQuery(Optional.empty(), 20))).containsExactly(second, first);
    assertThat(service.list(new ListQuery(Optional.empty(), 1))).containsExactly(second);
  }

  @Test
  void updateChangesTheGivenFieldsAtTheClocksTime() {
    Memory stored = service.store(NewMemory.of("the old text", "old")).memory();
    Instant later = clock.advance(Duration.ofMinutes(3));

    Optional<Memory> updated =
        service.update(
            stored.id(),
            new MemoryPatch(
                Optional.of(new Content("the new text")),
                Optional.empty(),
                Optional.empty(),
                Optional.of(new Importance(0.9)),
                Optional.empty()));

    assertThat(updated).isPresent();
    assertThat(updated.get().content()).isEqualTo("the new text");
    assertThat(updated.get().importance()).isEqualTo(0.9);
    assertThat(updated.get().expandedKeywords()).isEqualTo("old");
    assertThat(updated.get().updatedAt()).isEqualTo("2026-11-24T21:50:33.680389+00:00");
    assertThat(Instant.parse("2026-11-24T21:50:33.680389Z")).isEqualTo(later);
    assertThat(service.get(stored.id())).isEqualTo(updated);
  }

  @Test
  void updateAndDeleteOfAnUnknownIdAreEmpty() {
    MemoryPatch patch =
        new MemoryPatch(
            Optional.empty(), Optional.empty(), Optional.of("t"), Optional.empty(), Optional.empty());

    assertThat(service.update(new MemoryId(404), patch)).isEmpty();
    assertThat(service.delete(new MemoryId(404))).isEmpty();
    assertThat(service.get(new MemoryId(404))).isEmpty();
  }

  @Test
  void deleteReturnsWhatWasDeleted() {
    Memory stored = service.store(NewMemory.of("short-lived", "")).memory();

    assertThat(service.delete(stored.id())).contains(stored);
    assertThat(service.get(stored.id())).isEmpty();
    assertThat(service.delete(stored.id())).isEmpty();
  }

  @Test
  void countCountsEveryMemoryPerCategory() {
    service.store(NewMemory.of("a", ""));
    service.store(NewMemory.of("token=abc123def456", ""));
    service.store(
        new NewMemory(
            new Content("p"), Category.canonical("people"), "", "", Importance.DEFAULT, false));

    assertThat(service.count().total()).isEqualTo(3);
    assertThat(service.count().byCategory())
        .containsExactly(Map.entry("facts", 2L), Map.entry("people", 1L));
  }

  @Test
  void invalidInputIsRefusedBeforeTheStoreIsTouched() {
    assertThatThrownBy(() -> service.store(NewMemory.of("x".repeat(1_401), "")))
        .isInstanceOf(InvalidInputException.class);

    assertThat(service.count().total()).isZero();
  }

  @Test
  void eachWriteQueuesItsChangeForTheServerAndWakesTheSync() {
    AtomicInteger wakes = new AtomicInteger();
    LocalFirstMemoryService syncing =
        new LocalFirstMemoryService(store, clock, wakes::incrementAndGet);

    Memory stored = syncing.store(NewMemory.of("queued for the server", "")).memory();
    PendingOp create = store.read(reader -> reader.outbox().forMemory(stored.id())).orElseThrow();
    syncing.update(stored.id(), tagsPatch("edited"));
    PendingOp merged = store.read(reader -> reader.outbox().forMemory(stored.id())).orElseThrow();

    assertThat(create.kind()).isEqualTo(OpKind.CREATE);
    assertThat(create.createdAt()).isEqualTo(clock.instant());
    assertThat(merged.id()).isEqualTo(create.id());
    assertThat(merged.revision()).isEqualTo(2);
    assertThat(wakes.get()).isEqualTo(2);
    syncing.delete(stored.id());
    List<PendingOp> left = store.read(reader -> reader.outbox().all());
    assertThat(left).isEmpty();
    assertThat(wakes.get()).isEqualTo(3);
  }

  @Test
  void aWriteThatChangesNothingQueuesNothingAndWakesNothing() {
    AtomicInteger wakes = new AtomicInteger();
    LocalFirstMemoryService syncing =
        new LocalFirstMemoryService(store, clock, wakes::incrementAndGet);

    syncing.update(new MemoryId(404), tagsPatch("t"));
    syncing.delete(new MemoryId(404));

    List<PendingOp> ops = store.read(reader -> reader.outbox().all());
    assertThat(wakes.get()).isZero();
    assertThat(ops).isEmpty();
  }

  @Test
  void aStoreWhoseQueueingFailsLeavesNeitherRowNorOp() {
    Memory existing = service.store(NewMemory.of("existing", "")).memory();
    PendingOp queued = store.read(reader -> reader.outbox().forMemory(existing.id())).orElseThrow();
    // a stray delete queued for the next id: queueing the store fails inside its transaction
    store.write(writer -> writer.outbox().save(new PendingOp(0, Optional.of(new MemoryId(2)),
        OpKind.DELETE, Optional.of(new ServerId(77)), new IdempotencyKey("stray"), 1, 0,
        clock.instant(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), clock.instant())));

    assertThatThrownBy(() -> service.store(NewMemory.of("never half-written", "")))
        .isInstanceOf(IllegalStateException.class);

    List<PendingOp> ops = store.read(reader -> reader.outbox().all());
    assertThat(service.count().total()).isEqualTo(1);
    assertThat(ops)
        .extracting(PendingOp::memoryId)
        .containsExactly(Optional.of(existing.id()), Optional.of(new MemoryId(2)));
    assertThat(queued.kind()).isEqualTo(OpKind.CREATE);
  }

  @Test
  void closingTheServiceStopsTheSyncWhileTheStoreIsStillOpenThenClosesTheStore() {
    InMemoryMemoryStore synced = new InMemoryMemoryStore();
    AtomicReference<Boolean> storeOpenWhenSyncClosed = new AtomicReference<>();
    BackgroundSync sync = new BackgroundSync() {
      @Override
      public void wake() {}

      @Override
      public Optional<SyncStatus> status() {
        return Optional.empty();
      }

      @Override
      public void close() {
        // a sync gives its lease up in the database as it stops
        try {
          synced.read(reader -> reader.unsynced());
          storeOpenWhenSyncClosed.set(true);
        } catch (StorageException closed) {
          storeOpenWhenSyncClosed.set(false);
        }
      }
    };
    LocalFirstMemoryService withSync = new LocalFirstMemoryService(synced, clock, sync);

    withSync.close();

    assertThat(storeOpenWhenSyncClosed).as("the sync was closed, the store still open").hasValue(true);
    assertThatThrownBy(() -> withSync.get(new MemoryId(1))).isInstanceOf(StorageException.class);
  }

  @Test
  void closingTheServiceClosesTheStore() {
    service.close();

    assertThatThrownBy(() -> service.get(new MemoryId(1))).isInstanceOf(StorageException.class);
  }
}
