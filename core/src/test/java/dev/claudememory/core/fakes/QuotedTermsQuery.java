package dev.claudememory.core.fakes;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A parsed FTS5 query of exactly the shape {@link dev.claudememory.core.recall.SearchTerms} builds:
 * quoted strings (inner quotes doubled) joined by one operator, {@code AND} or {@code OR}. Parsing
 * is strict, so a query of any other shape fails here as it might fail in FTS5.
 *
 * @param operator {@code AND} or {@code OR}; {@code AND} for a single term
 * @param terms the unquoted strings, in order
 */
public record QuotedTermsQuery(String operator, List<String> terms) {
  public QuotedTermsQuery {
    Objects.requireNonNull(operator, "operator");
    terms = List.copyOf(terms);
  }

  /** @throws IllegalArgumentException when the query is not of that shape, saying where */
  public static QuotedTermsQuery parse(String query) {
    List<String> terms = new ArrayList<>();
    String operator = null;
    int i = 0;
    while (true) {
      if (i >= query.length() || query.charAt(i) != '"') {
        throw new IllegalArgumentException("expected '\"' at " + i + " in " + query);
      }
      StringBuilder term = new StringBuilder();
      i++;
      while (true) {
        if (i >= query.length()) {
          throw new IllegalArgumentException("unterminated string in " + query);
        }
        char c = query.charAt(i);
        if (c == '"') {
          if (i + 1 < query.length() && query.charAt(i + 1) == '"') {
            term.append('"');
            i += 2;
            continue;
          }
          i++;
          break;
        }
        term.append(c);
        i++;
      }
      terms.add(term.toString());
      if (i == query.length()) {
        return new QuotedTermsQuery(operator == null ? "AND" : operator, terms);
      }
      String next = query.startsWith(" AND ", i) ? "AND" : query.startsWith(" OR ", i) ? "OR" : null;
      if (next == null) {
        throw new IllegalArgumentException("expected ' AND ' or ' OR ' at " + i + " in " + query);
      }
      if (operator != null && !operator.equals(next)) {
        throw new IllegalArgumentException("mixed AND and OR in " + query);
      }
      operator = next;
      i += next.length() + 2;
    }
  }
}
