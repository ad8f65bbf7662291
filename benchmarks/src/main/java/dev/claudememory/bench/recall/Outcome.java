package dev.claudememory.bench.recall;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** What one configuration gave: rankings to score, or the reason it has no figures. */
public sealed interface Outcome {
  Configuration configuration();

  /**
   * Every question was answered by the search the configuration asks for.
   *
   * @param searchReported whether the answers said which search ran (a build before hybrid search
   *     does not, and its answers are full-text ones)
   */
  record Measured(Configuration configuration, List<QueryRanking> rankings, boolean searchReported) implements Outcome {
    public Measured {
      requireNonNull(configuration, "configuration");
      rankings = List.copyOf(rankings);
    }
  }

  /** The server cannot run this configuration (no embedding model, vectors never ready). */
  record Unavailable(Configuration configuration, String reason) implements Outcome {
    public Unavailable {
      requireNonNull(configuration, "configuration");
      requireNonNull(reason, "reason");
    }
  }

  /**
   * The server answered, but not with the search the configuration asks for (a lexical answer in a
   * hybrid run): figures from those answers would mislead, so none are reported.
   */
  record Refused(Configuration configuration, String reason) implements Outcome {
    public Refused {
      requireNonNull(configuration, "configuration");
      requireNonNull(reason, "reason");
    }
  }
}
