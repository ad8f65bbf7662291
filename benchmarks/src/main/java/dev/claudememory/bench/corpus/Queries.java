package dev.claudememory.bench.corpus;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Recall requests as an assistant makes them over a {@link Corpus}: a short context naming a
 * technology or project and a topic, and an expanded query of related terms. Generated from a
 * seed, independently of the memories. Most find memories only when any word may match, as real
 * recalls do (the all-words query of eight or more words rarely matches).
 *
 * <p>Not thread-safe.
 */
public final class Queries {
  private final Random random;

  public Queries(long seed) {
    // apart from the corpus's stream: the same memories whatever queries are asked
    this.random = new Random(~seed);
  }

  /** The first {@code count} queries of this seed. */
  public static List<RecallWords> first(int count, long seed) {
    Queries queries = new Queries(seed);
    List<RecallWords> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      list.add(queries.next());
    }
    return list;
  }

  public RecallWords next() {
    Term subject = random.nextBoolean() ? pick(Vocabulary.TECHNOLOGIES) : pick(Vocabulary.PROJECTS);
    Term topic = pick(Vocabulary.TOPICS);
    Set<String> context = new LinkedHashSet<>();
    context.add(subject.text().toLowerCase(Locale.ROOT).replace("the ", ""));
    context.add(topic.text());
    if (random.nextInt(3) == 0) {
      context.add(longestWord(pick(Vocabulary.ERRORS).text()).toLowerCase(Locale.ROOT));
    }
    Set<String> expanded = new LinkedHashSet<>();
    Set<String> distinct = new LinkedHashSet<>(subject.related());
    distinct.addAll(topic.related());
    List<String> related = new ArrayList<>(distinct);
    int wanted = 4 + random.nextInt(5);
    while (expanded.size() < Math.min(wanted, related.size())) {
      expanded.add(pick(related));
    }
    return new RecallWords(String.join(" ", context), String.join(" ", expanded));
  }

  private static String longestWord(String text) {
    String longest = "";
    for (String word : text.split(" ")) {
      if (word.length() > longest.length()) {
        longest = word;
      }
    }
    return longest;
  }

  private <T> T pick(List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }
}
