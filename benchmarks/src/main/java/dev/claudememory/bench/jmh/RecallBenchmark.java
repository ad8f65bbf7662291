package dev.claudememory.bench.jmh;

import dev.claudememory.bench.corpus.Corpus;
import dev.claudememory.bench.corpus.CorpusDatabase;
import dev.claudememory.bench.corpus.Queries;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.recall.RecallQuery;
import dev.claudememory.core.recall.SearchTerms;
import dev.claudememory.core.recall.SortBy;
import dev.claudememory.core.service.LocalFirstMemoryService;
import dev.claudememory.core.service.MemoryService;
import dev.claudememory.sqlite.SqliteMemoryStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
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

/**
 * {@code memory_recall} below the protocol: search terms, the all-words FTS5 query and (when it
 * finds nothing, as most assistant queries of eight or more words do) the any-word query, ranked
 * by bm25 and importance or by recency, limit 10, on a copy of the corpus database.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {ProductJvm.C1_ONLY, ProductJvm.SERIAL_GC, ProductJvm.NO_JOOQ_LOGO, ProductJvm.NO_JOOQ_TIPS})
public class RecallBenchmark {
  private static final int DISTINCT_QUERIES = 1_000;

  @Param({"1000", "10000", "100000"})
  public int memories;

  @Param({"relevance", "importance", "recency"})
  public String sortBy;

  private BenchFolder folder;
  private MemoryService service;
  private List<RecallQuery> queries;
  private int next;

  @Setup(Level.Trial)
  public void open() {
    folder = BenchFolder.create();
    CorpusDatabase.copy(CorpusDatabase.cached(memories, Corpus.DEFAULT_SEED), folder.resolve("memory.db"));
    service =
        new LocalFirstMemoryService(SqliteMemoryStore.open(folder.resolve("memory.db")), Clock.systemUTC());
    SortBy order = SortBy.parse(sortBy);
    queries =
        Queries.first(DISTINCT_QUERIES, Corpus.DEFAULT_SEED).stream()
            .map(
                words ->
                    new RecallQuery(
                        SearchTerms.of(words.context(), words.expandedQuery()),
                        Optional.empty(),
                        order,
                        RecallQuery.DEFAULT_LIMIT))
            .collect(Collectors.toList());
  }

  @Benchmark
  public List<Memory> recall() {
    RecallQuery query = queries.get(next);
    next = (next + 1) % queries.size();
    return service.recall(query).memories();
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
