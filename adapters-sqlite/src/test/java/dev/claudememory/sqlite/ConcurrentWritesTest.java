package dev.claudememory.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.recall.SearchTerms;
import dev.claudememory.core.recall.SortBy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §8: concurrent stores from threads and processes never fail and never lose a row. */
@Timeout(600)
class ConcurrentWritesTest {
  private static final int THREADS = 8;
  private static final int PROCESSES = 2;
  private static final int PER_WRITER = 500;
  private static final Duration BOUND = Duration.ofSeconds(240);
  private static final Instant NOW = Instant.parse("2026-02-01T00:00:00Z");

  @TempDir Path dir;

  @Test
  void eightThreadsStoringFiveHundredEachLoseNothingWhileOthersRead() throws Exception {
    Path file = dir.resolve("memory.db");
    try (SqliteMemoryStore store = SqliteMemoryStore.open(file)) {
      Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
      Set<MemoryId> ids = ConcurrentHashMap.newKeySet();
      AtomicBoolean writing = new AtomicBoolean(true);
      ExecutorService readers = Executors.newFixedThreadPool(2);
      try {
        for (int r = 0; r < 2; r++) {
          readers.submit(() -> readUntilStopped(store, writing, errors));
        }
        runWriterThreads(store, "thread", ids, errors);
      } finally {
        writing.set(false);
        readers.shutdown();
        assertThat(readers.awaitTermination(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
      }

      assertThat(errors).isEmpty();
      assertThat(ids).hasSize(THREADS * PER_WRITER);
      assertThat(store.counts().total()).isEqualTo(THREADS * PER_WRITER);
    }
    assertThat(RawDatabase.rows(file, "SELECT count(*) FROM memories"))
        .containsExactly(List.of(String.valueOf(THREADS * PER_WRITER)));
  }

  @Test
  void twoProcessesAndEightThreadsStoringTogetherLoseNothing() throws Exception {
    Path file = dir.resolve("memory.db");
    List<Process> children = new ArrayList<>();
    try (SqliteMemoryStore store = SqliteMemoryStore.open(file)) {
      Path go = dir.resolve("go");
      for (int p = 0; p < PROCESSES; p++) {
        children.add(
            startChild(
                file, PER_WRITER, "process" + p, dir.resolve("ready" + p), go,
                dir.resolve("log" + p), "open-first"));
      }
      for (int p = 0; p < PROCESSES; p++) {
        awaitReady(children.get(p), dir.resolve("ready" + p), dir.resolve("log" + p));
      }
      Files.createFile(go);

      Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
      runWriterThreads(store, "thread", ConcurrentHashMap.newKeySet(), errors);

      for (int p = 0; p < PROCESSES; p++) {
        Process child = children.get(p);
        assertThat(child.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS))
            .as("process %d finished in time", p)
            .isTrue();
        assertThat(child.exitValue()).as(Files.readString(dir.resolve("log" + p))).isZero();
      }
      assertThat(errors).isEmpty();
      assertThat(store.counts().total()).isEqualTo((THREADS + PROCESSES) * PER_WRITER);
      for (int p = 0; p < PROCESSES; p++) {
        assertThat(countContaining(file, "process" + p + " memory")).isEqualTo(PER_WRITER);
      }
      assertThat(countContaining(file, "thread")).isEqualTo(THREADS * PER_WRITER);
    } finally {
      children.forEach(Process::destroyForcibly);
    }
  }

  @Test
  void processesCreatingANewFileAtTheSameMomentAllMigrateIt() throws Exception {
    Path file = dir.resolve("new/memory.db");
    Path go = dir.resolve("go");
    int perProcess = 50;
    List<Process> children = new ArrayList<>();
    // warm this process up as the children warm up
    SqliteMemoryStore.open(dir.resolve("warm-up.db")).close();
    try {
      for (int p = 0; p < PROCESSES; p++) {
        children.add(
            startChild(
                file, perProcess, "process" + p, dir.resolve("ready" + p), go,
                dir.resolve("log" + p), "open-on-go"));
      }
      for (int p = 0; p < PROCESSES; p++) {
        awaitReady(children.get(p), dir.resolve("ready" + p), dir.resolve("log" + p));
      }
      Files.createFile(go);
      try (SqliteMemoryStore store = SqliteMemoryStore.open(file)) {
        for (int i = 0; i < perProcess; i++) {
          NewMemory memory = NewMemory.of("in-process memory " + i, "");
          store.write(writer -> writer.insert(memory, NOW));
        }
      }
      for (int p = 0; p < PROCESSES; p++) {
        Process child = children.get(p);
        assertThat(child.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(Files.readString(dir.resolve("log" + p))).isZero();
      }
    } finally {
      children.forEach(Process::destroyForcibly);
    }

    assertThat(RawDatabase.rows(file, "SELECT count(*) FROM memories"))
        .containsExactly(List.of(String.valueOf((PROCESSES + 1) * perProcess)));
    assertThat(RawDatabase.rows(file, "SELECT version FROM flyway_schema_history ORDER BY installed_rank"))
        .containsExactly(List.of("1"), List.of("2"), List.of("3"), List.of("4"), List.of("5"), List.of("6"), List.of("7"), List.of("8"), List.of("9"), List.of("10"), List.of("11"));
  }

  private static void runWriterThreads(
      SqliteMemoryStore store, String label, Set<MemoryId> ids, Queue<Throwable> errors)
      throws InterruptedException {
    ExecutorService writers = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    try {
      for (int t = 0; t < THREADS; t++) {
        String prefix = label + t + " memory ";
        writers.submit(
            () -> {
              try {
                start.await();
                for (int i = 0; i < PER_WRITER; i++) {
                  NewMemory memory = NewMemory.of(prefix + i, "concurrency");
                  ids.add(store.write(writer -> writer.insert(memory, NOW)).id());
                }
              } catch (Throwable e) {
                errors.add(e);
              }
              return null;
            });
      }
      start.countDown();
    } finally {
      writers.shutdown();
      assertThat(writers.awaitTermination(BOUND.toSeconds(), TimeUnit.SECONDS))
          .as("writers finished in time")
          .isTrue();
    }
  }

  private static void readUntilStopped(
      SqliteMemoryStore store, AtomicBoolean writing, Queue<Throwable> errors) {
    try {
      while (writing.get()) {
        store.recent(Optional.empty(), 20);
        List<Memory> found =
            store.search(
                SearchTerms.of("memory concurrency", "").allWordsQuery(),
                Optional.empty(),
                SortBy.RELEVANCE,
                20);
        store.counts();
        if (!found.isEmpty()) {
          store.find(found.get(0).id());
        }
      }
    } catch (Throwable e) {
      errors.add(e);
    }
  }

  private static Process startChild(
      Path file, int count, String label, Path ready, Path go, Path log, String mode)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            "-Dorg.jooq.no-logo=true",
            "-Dorg.jooq.no-tips=true",
            StoreManyMain.class.getName(),
            file.toString(),
            String.valueOf(count),
            label,
            ready.toString(),
            go.toString(),
            mode)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private static void awaitReady(Process child, Path ready, Path log) throws Exception {
    long deadline = System.nanoTime() + BOUND.toNanos();
    while (!Files.exists(ready)) {
      if (!child.isAlive()) {
        throw new AssertionError("child exited before it was ready:\n" + Files.readString(log));
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("child not ready within " + BOUND + ":\n" + Files.readString(log));
      }
      Thread.sleep(20);
    }
  }

  private static long countContaining(Path file, String text) throws SQLException {
    return Long.parseLong(
        RawDatabase.rows(
                file, "SELECT count(*) FROM memories WHERE content LIKE '%" + text + "%'")
            .get(0)
            .get(0));
  }
}
