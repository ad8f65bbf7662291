package dev.claudememory.bench.jmh;

import dev.claudememory.bench.corpus.Corpus;
import dev.claudememory.bench.corpus.CorpusDatabase;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.service.LocalFirstMemoryService;
import dev.claudememory.core.service.MemoryService;
import dev.claudememory.core.service.StoreResult;
import dev.claudememory.sqlite.SqliteMemoryStore;
import java.time.Clock;
import java.util.List;
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
 * {@code memory_store} below the protocol: {@link LocalFirstMemoryService#store} inserts the row
 * and queues its sync op in one transaction on the single writer, into a real SQLite file that
 * already holds 10,000 memories.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {ProductJvm.C1_ONLY, ProductJvm.SERIAL_GC, ProductJvm.NO_JOOQ_LOGO, ProductJvm.NO_JOOQ_TIPS})
public class StoreBenchmark {
  private static final int EXISTING_MEMORIES = 10_000;
  private static final int DISTINCT_NEW_MEMORIES = 100_000;

  private BenchFolder folder;
  private MemoryService service;
  private List<NewMemory> memories;
  private int next;

  @Setup(Level.Trial)
  public void open() {
    folder = BenchFolder.create();
    // another seed: new memories, not copies of stored ones
    memories = Corpus.first(DISTINCT_NEW_MEMORIES, Corpus.DEFAULT_SEED + 1);
    CorpusDatabase.copy(
        CorpusDatabase.cached(EXISTING_MEMORIES, Corpus.DEFAULT_SEED), folder.resolve("memory.db"));
    service =
        new LocalFirstMemoryService(SqliteMemoryStore.open(folder.resolve("memory.db")), Clock.systemUTC());
  }

  @Benchmark
  public StoreResult store() {
    NewMemory memory = memories.get(next);
    next = (next + 1) % memories.size();
    return service.store(memory);
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
