package dev.claudememory.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.claudememory.core.StorageException;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.recall.ListQuery;
import dev.claudememory.core.recall.RecallQuery;
import dev.claudememory.core.service.LocalFirstMemoryService;
import dev.claudememory.core.service.MemoryService;
import dev.claudememory.core.sync.PendingOp;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, injected the way SQLite itself reports one: {@code PRAGMA max_page_count} on the
 * writer's connection caps the file, and a write that needs one more page fails with SQLITE_FULL
 * ("database or disk is full"), through the same path as a disk with no space left. A store then
 * fails with a message that says so, everything acknowledged before stays, reads go on, and stores
 * work again once there is room.
 */
@Timeout(60)
class DiskFullTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
  /** Enough stores to fill any room this test leaves. */
  private static final int MANY = 500;

  @TempDir Path dir;

  private static NewMemory heron(int number) {
    // long enough that a few fill a page, and unlike each other so none is a duplicate
    return NewMemory.of(
        "heron number " + number + " stands in the reeds " + "and waits ".repeat(60),
        "heron bird reeds water waiting");
  }

  /** Leaves the file room for {@code pages} more pages, or takes the cap away (a huge room). */
  private static void leaveRoom(SqliteDatabase database, long pages) {
    database.write(
        session -> {
          long used = ((Number) session.dsl().fetchValue("PRAGMA page_count")).longValue();
          return session.dsl().fetch("PRAGMA max_page_count = " + (used + pages));
        });
  }

  @Test
  void aStoreOnAFullDiskFailsClearlyKeepsEverythingStoredBeforeAndReadsGoOn() throws Exception {
    Path file = dir.resolve("memory.db");
    List<Memory> acknowledged = new ArrayList<>();
    StorageException full = null;
    try (SqliteDatabase database = SqliteDatabase.open(file);
        MemoryService service =
            new LocalFirstMemoryService(new SqliteMemoryStore(database), CLOCK)) {
      leaveRoom(database, 8);

      for (int i = 0; i < MANY && full == null; i++) {
        try {
          acknowledged.add(service.store(heron(i)).memory());
        } catch (StorageException e) {
          full = e;
        }
      }

      assertThat(full).as("a store failed once the disk was full").isNotNull();
      assertThat(acknowledged).as("stores acknowledged before the disk was full").isNotEmpty();
      assertThat(full)
          .hasMessageContaining("Could not write to the memory database " + file)
          .hasMessageContaining("the disk is full, so nothing of this change was stored")
          .hasMessageContaining("the memories stored before are kept and can still be read")
          .hasMessageContaining("Free some space");
      assertEverythingAcknowledgedIsReadable(service, acknowledged);
      // another try fails the same way and changes nothing
      StorageException again =
          catchThrowableOfType(() -> service.store(heron(MANY)), StorageException.class);
      assertThat(again).hasMessageContaining("the disk is full");
      assertThat(service.count().total()).isEqualTo(acknowledged.size());

      leaveRoom(database, 1_000_000);
      acknowledged.add(service.store(heron(MANY + 1)).memory());
      assertEverythingAcknowledgedIsReadable(service, acknowledged);
    }

    try (SqliteDatabase database = SqliteDatabase.open(file);
        MemoryService reopened =
            new LocalFirstMemoryService(new SqliteMemoryStore(database), CLOCK)) {
      assertEverythingAcknowledgedIsReadable(reopened, acknowledged);
      Object integrity = database.read(session -> session.dsl().fetchValue("PRAGMA integrity_check"));
      assertThat(integrity).isEqualTo("ok");
    }
  }

  @Test
  void storesQueuedBehindTheOneThatFillsTheDiskAreEachAnsweredAndNoneIsLostOrHalfStored()
      throws Exception {
    Path file = dir.resolve("memory.db");
    int queuedStores = 40;
    ExecutorService callers = Executors.newFixedThreadPool(queuedStores);
    List<Memory> acknowledged = new ArrayList<>();
    List<StorageException> refused = new ArrayList<>();
    try (SqliteDatabase database = SqliteDatabase.open(file);
        MemoryService service =
            new LocalFirstMemoryService(new SqliteMemoryStore(database), CLOCK)) {
      // hold the writer, so that every store below queues and they run as one group
      CountDownLatch writerHeld = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Object> holder =
          CompletableFuture.supplyAsync(
              () ->
                  database.write(
                      session -> {
                        writerHeld.countDown();
                        await(release);
                        long used = ((Number) session.dsl().fetchValue("PRAGMA page_count")).longValue();
                        return session.dsl().fetch("PRAGMA max_page_count = " + (used + 6));
                      }),
              callers);
      assertThat(writerHeld.await(10, TimeUnit.SECONDS)).isTrue();
      List<CompletableFuture<Memory>> stores = new ArrayList<>();
      for (int i = 0; i < queuedStores - 1; i++) {
        NewMemory memory = heron(i);
        stores.add(CompletableFuture.supplyAsync(() -> service.store(memory).memory(), callers));
      }
      Thread.sleep(300); // let every store queue behind the held writer
      release.countDown();
      holder.get(10, TimeUnit.SECONDS);

      for (CompletableFuture<Memory> store : stores) {
        try {
          acknowledged.add(store.get(30, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(StorageException.class);
          refused.add((StorageException) e.getCause());
        }
      }

      assertThat(acknowledged).as("stores that fitted").isNotEmpty();
      assertThat(refused).as("stores that did not fit").isNotEmpty();
      assertThat(refused)
          .allSatisfy(e -> assertThat(e).hasMessageContaining("the disk is full, so nothing"));
      assertEverythingAcknowledgedIsReadable(service, acknowledged);
    } finally {
      callers.shutdownNow();
    }

    try (SqliteDatabase database = SqliteDatabase.open(file);
        SqliteMemoryStore store = new SqliteMemoryStore(database)) {
      // exactly the acknowledged stores, each with its queued sync operation: none half-stored
      assertThat(store.recent(Optional.empty(), 1000))
          .containsExactlyInAnyOrderElementsOf(acknowledged);
      for (Memory memory : acknowledged) {
        Optional<PendingOp> queued = store.read(reader -> reader.outbox().forMemory(memory.id()));
        assertThat(queued).as("the sync operation of %s", memory.id()).isPresent();
      }
      List<PendingOp> allQueued = store.read(reader -> reader.outbox().all());
      assertThat(allQueued).hasSize(acknowledged.size());
    }
  }

  private static void assertEverythingAcknowledgedIsReadable(
      MemoryService service, List<Memory> acknowledged) {
    for (Memory memory : acknowledged) {
      assertThat(service.get(memory.id())).contains(memory);
    }
    assertThat(service.list(new ListQuery(Optional.empty(), 1000)))
        .containsExactlyInAnyOrderElementsOf(acknowledged);
    assertThat(service.recall(RecallQuery.of("heron", "reeds")).memories()).isNotEmpty();
    assertThat(service.count().total()).isEqualTo(acknowledged.size());
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
