package dev.claudememory.bench.recall;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * What recall answered to one question: the memories it returned, best first, by their keys, and
 * the scores that follow from the question's judgments.
 *
 * <ul>
 *   <li>recall@k: the share of the answering memories (grade 2) among the first k;
 *   <li>nDCG@10: graded, gain 2^grade − 1 (3 for an answer, 1 for a memory that helps), discounted
 *       by log2(rank + 1), over the ideal ordering of every judged memory;
 *   <li>reciprocal rank: 1 / the rank of the first answering memory, 0 when none is returned;
 *   <li>for a 'current' question, whether the newer memory comes first, and whether it comes above
 *       every memory it replaced (one left out counts as below; the newer one left out fails).
 * </ul>
 *
 * @param ranked memory keys as returned, at most {@value #DEPTH}
 * @param roundTripNanos the client's time from sending the request to reading the answer
 */
public record QueryRanking(EvalQuery query, List<String> ranked, long roundTripNanos) {
  public static final int DEPTH = 10;

  public QueryRanking {
    requireNonNull(query, "query");
    ranked = List.copyOf(ranked);
    if (ranked.size() > DEPTH) {
      throw new IllegalArgumentException("recall returns at most " + DEPTH + " memories, not " + ranked.size());
    }
    if (new HashSet<>(ranked).size() != ranked.size()) {
      throw new IllegalArgumentException(query.id() + ": a memory is returned twice: " + ranked);
    }
    if (roundTripNanos < 0) {
      throw new IllegalArgumentException("a round trip cannot be negative");
    }
  }

  public double recallAt(int k) {
    List<String> answers = query.answers();
    long found = ranked.stream().limit(k).filter(answers::contains).count();
    return (double) found / answers.size();
  }

  public double ndcgAt10() {
    double dcg = 0;
    for (int i = 0; i < ranked.size(); i++) {
      dcg += gain(query.grade(ranked.get(i))) / log2(i + 2);
    }
    List<Integer> ideal = new ArrayList<>(query.judgments().values());
    ideal.sort((a, b) -> b - a);
    double idealDcg = 0;
    for (int i = 0; i < Math.min(DEPTH, ideal.size()); i++) {
      idealDcg += gain(ideal.get(i)) / log2(i + 2);
    }
    return dcg / idealDcg;
  }

  public double reciprocalRank() {
    for (int i = 0; i < ranked.size(); i++) {
      if (query.grade(ranked.get(i)) == EvalQuery.ANSWERS) {
        return 1.0 / (i + 1);
      }
    }
    return 0;
  }

  /** For a 'current' question: the newer memory is returned first. */
  public boolean newerFirst() {
    return !ranked.isEmpty() && ranked.get(0).equals(newer());
  }

  /** For a 'current' question: the newer memory is returned, above every memory it replaced. */
  public boolean newerAboveOlder() {
    int newerRank = ranked.indexOf(newer());
    if (newerRank < 0) {
      return false;
    }
    for (String older : query.outdated()) {
      int olderRank = ranked.indexOf(older);
      if (olderRank >= 0 && olderRank < newerRank) {
        return false;
      }
    }
    return true;
  }

  private String newer() {
    if (query.stratum() != Stratum.CURRENT) {
      throw new IllegalStateException(query.id() + " is not a 'current' question");
    }
    return query.answers().get(0);
  }

  private static double gain(int grade) {
    return Math.pow(2, grade) - 1;
  }

  private static double log2(int value) {
    return Math.log(value) / Math.log(2);
  }
}
