package dev.claudememory.bench.jmh;

import dev.claudememory.bench.corpus.Corpus;
import dev.claudememory.bench.corpus.Queries;
import dev.claudememory.bench.corpus.RecallWords;
import dev.claudememory.core.recall.SearchTerms;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** FTS query building: splitting, deduplicating and quoting the words, and both FTS5 queries. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {ProductJvm.C1_ONLY, ProductJvm.SERIAL_GC})
public class SearchTermsBenchmark {
  private static final int DISTINCT_QUERIES = 1_000;

  private List<RecallWords> queries;
  private int next;

  @Setup
  public void generate() {
    queries = Queries.first(DISTINCT_QUERIES, Corpus.DEFAULT_SEED);
  }

  @Benchmark
  public void buildQueries(Blackhole blackhole) {
    RecallWords words = queries.get(next);
    next = (next + 1) % queries.size();
    SearchTerms terms = SearchTerms.of(words.context(), words.expandedQuery());
    blackhole.consume(terms.allWordsQuery());
    blackhole.consume(terms.anyWordQuery());
  }
}
