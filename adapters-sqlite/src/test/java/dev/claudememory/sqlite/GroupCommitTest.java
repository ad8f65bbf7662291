package dev.claudememory.sqlite;

import static dev.claudememory.sqlite.Memories.T0;
import static dev.claudememory.sqlite.Memories.memory;
import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.memory.Memory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * Writes queued while a transaction runs commit together in the next one: each caller hears back
 * only after its work is committed, and work that fails is rolled back alone.
 */
@Timeout(60)
class GroupCommitTest {
  private static final int QUEUED = 40;

  @TempDir Path dir;

  @Test
  void queuedWritesCommitTogetherAndAFailingOneIsRolledBackAlone() throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(QUEUED);
    try (SqliteMemoryStore store = SqliteMemoryStore.open(dir.resolve("memory.db"))) {
      CountDownLatch writerBusy = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Memory> first =
          CompletableFuture.supplyAsync(
              () ->
                  store.write(
                      writer -> {
                        writerBusy.countDown();
                        await(release);
                        return writer.insert(memory("first heron"), T0);
                      }),
              callers);
      assertThat(writerBusy.await(10, TimeUnit.SECONDS)).isTrue();

      List<CompletableFuture<Memory>> queued = new ArrayList<>();
      for (int i = 0; i < QUEUED - 1; i++) {
        String content = "queued heron " + i;
        boolean fails = i == 17;
        queued.add(
            CompletableFuture.supplyAsync(
                () -> {
                  Memory stored =
                      store.write(
                          writer -> {
                            Memory inserted = writer.insert(memory(content), T0);
                            if (fails) {
                              throw new IllegalStateException("refused after inserting " + content);
                            }
                            return inserted;
                          });
                  // acknowledged only once committed: a read connection sees it already
                  assertThat(store.find(stored.id())).contains(stored);
                  return stored;
                },
                callers));
      }
      Thread.sleep(300); // let every caller queue its write behind the first
      release.countDown();

      assertThat(first.get(10, TimeUnit.SECONDS).content()).isEqualTo("first heron");
      List<String> committed = new ArrayList<>(List.of("first heron"));
      for (int i = 0; i < queued.size(); i++) {
        if (i == 17) {
          ExecutionException failure =
              org.assertj.core.api.Assertions.catchThrowableOfType(
                  () -> queued.get(17).get(10, TimeUnit.SECONDS), ExecutionException.class);
          assertThat(failure.getCause()).hasMessageContaining("refused after inserting queued heron 17");
        } else {
          committed.add(queued.get(i).get(10, TimeUnit.SECONDS).content());
        }
      }
      assertThat(store.recent(java.util.Optional.empty(), 100))
          .extracting(Memory::content)
          .containsExactlyInAnyOrderElementsOf(committed)
          .doesNotContain("queued heron 17");
    } finally {
      callers.shutdownNow();
    }
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
