package dev.claudememory.bench.jmh;

import dev.claudememory.bench.corpus.Corpus;
import dev.claudememory.bench.corpus.CorpusDatabase;
import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.recall.ListQuery;
import dev.claudememory.core.service.LocalFirstMemoryService;
import dev.claudememory.core.service.MemoryService;
import dev.claudememory.sqlite.SqliteMemoryStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** {@code memory_list} below the protocol: the 20 newest memories, of all categories or of one. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {ProductJvm.C1_ONLY, ProductJvm.SERIAL_GC, ProductJvm.NO_JOOQ_LOGO, ProductJvm.NO_JOOQ_TIPS})
public class ListBenchmark {
  @Param({"1000", "10000", "100000"})
  public int memories;

  /** Empty for every category. */
  @Param({"", "decisions"})
  public String category;

  private BenchFolder folder;
  private MemoryService service;
  private ListQuery query;

  @Setup(Level.Trial)
  public void open() {
    folder = BenchFolder.create();
    CorpusDatabase.copy(CorpusDatabase.cached(memories, Corpus.DEFAULT_SEED), folder.resolve("memory.db"));
    service =
        new LocalFirstMemoryService(SqliteMemoryStore.open(folder.resolve("memory.db")), Clock.systemUTC());
    query =
        new ListQuery(
            category.isEmpty() ? Optional.empty() : Optional.of(Category.canonical(category)),
            ListQuery.DEFAULT_LIMIT);
  }

  @Benchmark
  public List<Memory> list() {
    return service.list(query);
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
