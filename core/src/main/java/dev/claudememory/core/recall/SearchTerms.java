package dev.claudememory.core.recall;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The words recall searches for, and the FTS5 queries made of them. The context and expanded query
 * are joined and split on whitespace; each word becomes one quoted FTS5 string, so operators
 * ({@code AND OR NOT NEAR}), {@code * ^ : -}, parentheses and quotes in user text are literal and
 * can never raise an FTS5 syntax error or change the query's meaning.
 *
 * <p>Words with no letter or number are dropped: the FTS5 tokenizer indexes only those, so such a
 * word could match nothing and would only make the all-words query fail.
 */
public final class SearchTerms {
  /** Bounds the query a very long context can produce; later words add little after this. */
  static final int MAX_WORDS = 64;

  /** Bounds the text whose meaning is embedded: the model reads 128 word pieces at most. */
  static final int MAX_TEXT_CHARACTERS = 2_000;

  private final List<String> words;
  private final String text;

  private SearchTerms(List<String> words, String text) {
    this.words = List.copyOf(words);
    this.text = text;
  }

  public static SearchTerms of(String context, String expandedQuery) {
    String joined = (context == null ? "" : context) + " " + (expandedQuery == null ? "" : expandedQuery);
    Set<String> seen = new LinkedHashSet<>();
    List<String> words = new ArrayList<>();
    for (String word : splitOnWhitespace(joined)) {
      if (hasTokenCharacter(word) && seen.add(word.toLowerCase(Locale.ROOT)) && words.size() < MAX_WORDS) {
        words.add(word);
      }
    }
    String text = joined.strip();
    return new SearchTerms(words, text.length() > MAX_TEXT_CHARACTERS ? text.substring(0, MAX_TEXT_CHARACTERS) : text);
  }

  /** The context and expanded query as written, joined: what recall by meaning reads. */
  public String text() {
    return text;
  }

  /** The words, in order, without repeats (compared case-insensitively). */
  public List<String> words() {
    return words;
  }

  /** Whether nothing searchable is left; such a recall finds nothing. */
  public boolean isEmpty() {
    return words.isEmpty();
  }

  /** An FTS5 query matching rows that contain every word. */
  public String allWordsQuery() {
    return words.stream().map(SearchTerms::quote).collect(Collectors.joining(" AND "));
  }

  /** An FTS5 query matching rows that contain any word. */
  public String anyWordQuery() {
    return words.stream().map(SearchTerms::quote).collect(Collectors.joining(" OR "));
  }

  /** One FTS5 string: the word in double quotes, inner quotes doubled. */
  static String quote(String word) {
    return '"' + word.replace("\"", "\"\"") + '"';
  }

  /**
   * Splits on any Unicode whitespace, treating control characters (NUL included) as whitespace,
   * so no control character ever reaches SQLite.
   */
  private static List<String> splitOnWhitespace(String text) {
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    text.codePoints()
        .forEach(
            codePoint -> {
              if (Character.isWhitespace(codePoint)
                  || Character.isSpaceChar(codePoint)
                  || Character.getType(codePoint) == Character.CONTROL
                  || Character.getType(codePoint) == Character.SURROGATE) {
                if (current.length() > 0) {
                  parts.add(current.toString());
                  current.setLength(0);
                }
              } else {
                current.appendCodePoint(codePoint);
              }
            });
    if (current.length() > 0) {
      parts.add(current.toString());
    }
    return parts;
  }

  /** FTS5's unicode61 tokenizer indexes the categories L*, N* and Co; all else separates. */
  private static boolean hasTokenCharacter(String word) {
    return word.codePoints()
        .anyMatch(
            codePoint -> {
              int type = Character.getType(codePoint);
              return Character.isLetter(codePoint)
                  || type == Character.DECIMAL_DIGIT_NUMBER
                  || type == Character.LETTER_NUMBER
                  || type == Character.OTHER_NUMBER
                  || type == Character.PRIVATE_USE;
            });
  }

  @Override
  public String toString() {
    return "SearchTerms" + words;
  }
}
