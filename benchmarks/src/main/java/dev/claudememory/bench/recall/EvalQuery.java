package dev.claudememory.bench.recall;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One question of the evaluation set and its relevance judgments, written together.
 *
 * @param context what {@code memory_recall} gets as {@code context}
 * @param expandedQuery what it gets as {@code expanded_query}; empty for a user's raw message
 * @param category the category filter an assistant would add, if any
 * @param judgments memory key to grade: 2 answers the question, 1 helps; unjudged memories are 0
 * @param outdated for {@link Stratum#CURRENT}: the memories the answer replaced (grade 0)
 * @throws IllegalArgumentException when the judgments do not fit the stratum
 */
public record EvalQuery(
    String id,
    Stratum stratum,
    String context,
    String expandedQuery,
    Optional<String> category,
    Map<String, Integer> judgments,
    List<String> outdated) {
  public static final int ANSWERS = 2;
  public static final int HELPS = 1;

  public EvalQuery {
    requireNonNull(id, "id");
    requireNonNull(stratum, "stratum");
    requireNonNull(context, "context");
    if (context.isBlank()) {
      throw new IllegalArgumentException(id + ": the context is blank");
    }
    requireNonNull(expandedQuery, "expandedQuery");
    requireNonNull(category, "category");
    judgments = Collections.unmodifiableMap(new LinkedHashMap<>(judgments));
    outdated = List.copyOf(outdated);
    judgments.forEach((key, grade) -> {
      if (grade != ANSWERS && grade != HELPS) {
        throw new IllegalArgumentException(id + ": " + key + " has grade " + grade + "; grades are 1 and 2");
      }
    });
    long answers = judgments.values().stream().filter(grade -> grade == ANSWERS).count();
    if (answers == 0) {
      throw new IllegalArgumentException(id + ": no memory is judged to answer it");
    }
    if (stratum == Stratum.RAW && !expandedQuery.isEmpty()) {
      throw new IllegalArgumentException(id + ": a raw message has no expanded query");
    }
    if (stratum != Stratum.RAW && stratum != Stratum.MULTI_HOP && stratum != Stratum.CURRENT
        && expandedQuery.isBlank()) {
      throw new IllegalArgumentException(id + ": this stratum needs an expanded query");
    }
    if (stratum == Stratum.MULTI_HOP && answers < 2) {
      throw new IllegalArgumentException(id + ": a multi-hop question needs at least two answering memories");
    }
    if (stratum == Stratum.CURRENT) {
      if (answers != 1 || outdated.isEmpty()) {
        throw new IllegalArgumentException(id + ": a 'current' question has one answer and the memories it replaced");
      }
    } else if (!outdated.isEmpty()) {
      throw new IllegalArgumentException(id + ": only a 'current' question names outdated memories");
    }
    for (String key : outdated) {
      if (judgments.containsKey(key)) {
        throw new IllegalArgumentException(id + ": " + key + " is both judged and outdated");
      }
    }
  }

  /** The keys of the memories that answer it (grade 2), in the order written. */
  public List<String> answers() {
    return judgments.entrySet().stream()
        .filter(entry -> entry.getValue() == ANSWERS)
        .map(Map.Entry::getKey)
        .collect(Collectors.toList());
  }

  /** The grade of a memory: 2, 1, or 0 when unjudged. */
  public int grade(String key) {
    return judgments.getOrDefault(key, 0);
  }

  /** Whether the assistant's words are missing: the message is searched as typed. */
  public boolean isRawMessage() {
    return expandedQuery.isEmpty();
  }
}
