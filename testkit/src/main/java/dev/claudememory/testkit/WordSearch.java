package dev.claudememory.testkit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fake's recall: plain word matching, not PostgreSQL full-text search. A memory matches when
 * any query word is one of the words of its content, tags, expanded keywords or category; its rank
 * is the share of query words it holds.
 */
final class WordSearch {
  private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}_]+");

  private WordSearch() {}

  static List<Hit> search(
      List<Row> rows, String query, Optional<String> category, String sortBy, int limit) {
    Set<String> words = words(query);
    if (words.isEmpty()) {
      return List.of();
    }
    List<Hit> hits = new ArrayList<>();
    for (Row row : rows) {
      if (category.isPresent() && !category.get().equals(row.category())) {
        continue;
      }
      Set<String> held =
          words(row.content() + " " + row.tags() + " " + row.expandedKeywords() + " "
              + row.category());
      long matched = words.stream().filter(held::contains).count();
      if (matched > 0) {
        hits.add(new Hit(row, (double) matched / words.size()));
      }
    }
    hits.sort(order(sortBy).thenComparing(hit -> -hit.row().id()));
    return hits.subList(0, Math.min(limit, hits.size()));
  }

  private static Comparator<Hit> order(String sortBy) {
    switch (sortBy) {
      case "importance":
        return Comparator.comparingDouble(
            hit -> -(hit.rank() * 0.4 + hit.row().importance() * 0.6));
      case "recency":
        return Comparator.comparing((Hit hit) -> hit.row().createdAt()).reversed();
      case "relevance":
        return Comparator.comparingDouble(
            hit -> -(hit.rank() * 0.7 + hit.row().importance() * 0.3));
      default:
        throw new AssertionError(sortBy);
    }
  }

  private static Set<String> words(String text) {
    Set<String> words = new LinkedHashSet<>();
    for (String word : NOT_A_WORD.split(text.toLowerCase(Locale.ROOT))) {
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    return words;
  }

  record Hit(Row row, double rank) {}
}
