package dev.claudememory.bench.jmh;

import dev.claudememory.bench.corpus.Corpus;
import dev.claudememory.bench.corpus.CorpusDatabase;
import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Importance;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.MemoryPatch;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.memory.Timestamps;
import dev.claudememory.core.service.LocalFirstMemoryService;
import dev.claudememory.core.service.MemoryService;
import dev.claudememory.core.sync.LocalChange;
import dev.claudememory.core.sync.OpCoalescer;
import dev.claudememory.core.sync.OpKind;
import dev.claudememory.core.sync.PendingOp;
import dev.claudememory.sqlite.SqliteMemoryStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Coalescing of the sync queue: {@link OpCoalescer}'s three merges on their own, and an update of
 * a memory whose create is still queued, through the service on SQLite (read the queued op, merge,
 * save it back, in the update's transaction).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {ProductJvm.C1_ONLY, ProductJvm.SERIAL_GC, ProductJvm.NO_JOOQ_LOGO, ProductJvm.NO_JOOQ_TIPS})
public class CoalescingBenchmark {

  /** One synced memory and the ops a queue may hold for it. */
  @State(Scope.Thread)
  public static class Ops {
    final Instant now = Instant.parse("2026-01-15T10:00:00Z");
    final String stamp = Timestamps.format(now);
    final Memory memory =
        new Memory(new MemoryId(42), Optional.of(new ServerId(1042)), "The release branch is cut every"
            + " second Tuesday", Category.DEFAULT, "release", "release schedule branch cadence git",
            0.5, false, stamp, stamp);
    final Optional<PendingOp> queuedCreate =
        Optional.of(PendingOp.create(Optional.of(memory.id()), OpKind.CREATE, Optional.empty(), now));
  }

  /** A copy of the 10,000-memory corpus database: every memory has its create queued. */
  @State(Scope.Benchmark)
  public static class Database {
    private static final int MEMORIES = 10_000;

    BenchFolder folder;
    MemoryService service;
    int nextId = 1;

    @Setup(Level.Trial)
    public void open() {
      folder = BenchFolder.create();
      CorpusDatabase.copy(CorpusDatabase.cached(MEMORIES, Corpus.DEFAULT_SEED), folder.resolve("memory.db"));
      service =
          new LocalFirstMemoryService(SqliteMemoryStore.open(folder.resolve("memory.db")), Clock.systemUTC());
    }

    MemoryId nextMemory() {
      MemoryId id = new MemoryId(nextId);
      nextId = nextId % MEMORIES + 1;
      return id;
    }

    @TearDown(Level.Trial)
    public void close() {
      try {
        service.close();
      } finally {
        folder.close();
      }
    }
  }

  @Benchmark
  public Optional<PendingOp> firstChangeQueuesAnOp(Ops ops) {
    return OpCoalescer.merge(Optional.empty(), LocalChange.STORED, ops.memory, ops.now);
  }

  @Benchmark
  public Optional<PendingOp> updateMergesIntoQueuedCreate(Ops ops) {
    return OpCoalescer.merge(ops.queuedCreate, LocalChange.UPDATED, ops.memory, ops.now);
  }

  @Benchmark
  public Optional<PendingOp> deleteCancelsQueuedCreate(Ops ops) {
    return OpCoalescer.merge(ops.queuedCreate, LocalChange.DELETED, ops.memory, ops.now);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Optional<Memory> updateOnSqliteMergesIntoQueuedCreate(Database database) {
    MemoryId id = database.nextMemory();
    MemoryPatch patch =
        new MemoryPatch(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.of(new Importance(id.value() % 2 == 0 ? 0.6 : 0.4)), Optional.empty());
    return database.service.update(id, patch);
  }
}
