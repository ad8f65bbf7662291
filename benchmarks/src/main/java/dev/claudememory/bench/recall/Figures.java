package dev.claudememory.bench.recall;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

/**
 * The averages over a group of questions (one stratum, or all of them) and the recall round trips'
 * percentiles, nearest-rank: the p-th of n is the ⌈p·n/100⌉-th smallest.
 *
 * @param newerFirst for 'current' questions only: the share where the newer memory comes first
 * @param newerAboveOlder for 'current' questions only: the share where it comes above the older
 */
public record Figures(
    String group,
    int queries,
    double recallAt5,
    double recallAt10,
    double ndcgAt10,
    double mrr,
    OptionalDouble newerFirst,
    OptionalDouble newerAboveOlder,
    long p50Nanos,
    long p95Nanos) {

  /** @throws IllegalArgumentException when there are no rankings */
  public static Figures of(String group, List<QueryRanking> rankings) {
    if (rankings.isEmpty()) {
      throw new IllegalArgumentException("no questions in " + group);
    }
    boolean allCurrent = rankings.stream().allMatch(ranking -> ranking.query().stratum() == Stratum.CURRENT);
    long[] nanos = rankings.stream().mapToLong(QueryRanking::roundTripNanos).sorted().toArray();
    return new Figures(
        group,
        rankings.size(),
        mean(rankings, ranking -> ranking.recallAt(5)),
        mean(rankings, ranking -> ranking.recallAt(10)),
        mean(rankings, QueryRanking::ndcgAt10),
        mean(rankings, QueryRanking::reciprocalRank),
        allCurrent ? OptionalDouble.of(mean(rankings, ranking -> ranking.newerFirst() ? 1 : 0)) : OptionalDouble.empty(),
        allCurrent ? OptionalDouble.of(mean(rankings, ranking -> ranking.newerAboveOlder() ? 1 : 0)) : OptionalDouble.empty(),
        percentile(nanos, 50),
        percentile(nanos, 95));
  }

  static long percentile(long[] sorted, double percent) {
    long[] values = Arrays.copyOf(sorted, sorted.length);
    Arrays.sort(values);
    int rank = (int) Math.ceil(percent / 100 * values.length);
    return values[Math.max(rank, 1) - 1];
  }

  private static double mean(List<QueryRanking> rankings, ToDoubleFunction<QueryRanking> score) {
    return rankings.stream().mapToDouble(score).average().orElseThrow();
  }
}
