package dev.claudememory.core.recall;

import java.util.ArrayList;
import java.util.EnumSet;
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
 *
 * <p>Text in scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer,
 * Myanmar) also gives {@linkplain #fragments() fragments}: FTS5's tokenizer makes a whole run of
 * such characters one token, so a word inside a sentence is found only by looking for it inside
 * the text.
 */
public final class SearchTerms {
  /** Bounds the query a very long context can produce; later words add little after this. */
  static final int MAX_WORDS = 64;

  /** Bounds the text whose meaning is embedded: the model reads 128 word pieces at most. */
  static final int MAX_TEXT_CHARACTERS = 2_000;

  /**
   * Bounds the fragments of a query: each one costs a pass over the text of every memory (about
   * 35 ms per 100,000 memories), and a question of 17 characters has 16.
   */
  static final int MAX_FRAGMENTS = 16;

  private static final Set<Character.UnicodeScript> WRITTEN_WITHOUT_SPACES =
      EnumSet.of(
          Character.UnicodeScript.HAN,
          Character.UnicodeScript.HIRAGANA,
          Character.UnicodeScript.KATAKANA,
          Character.UnicodeScript.THAI,
          Character.UnicodeScript.LAO,
          Character.UnicodeScript.KHMER,
          Character.UnicodeScript.MYANMAR);

  private final List<String> words;
  private final List<String> fragments;
  private final String text;

  private SearchTerms(List<String> words, List<String> fragments, String text) {
    this.words = List.copyOf(words);
    this.fragments = List.copyOf(fragments);
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
    return new SearchTerms(
        words,
        fragments(joined),
        text.length() > MAX_TEXT_CHARACTERS ? text.substring(0, MAX_TEXT_CHARACTERS) : text);
  }

  /** The context and expanded query as written, joined: what recall by meaning reads. */
  public String text() {
    return text;
  }

  /** The words, in order, without repeats (compared case-insensitively). */
  public List<String> words() {
    return words;
  }

  /**
   * What to look for inside the text of memories, in order, without repeats: each run of
   * characters in a script written without spaces, whole when it is one or two characters long,
   * else as its overlapping pairs of characters (so a question written as one sentence still finds
   * memories sharing parts of it). A character here is a letter with the combining marks that
   * follow it. Runs end at spaces, punctuation and characters of other scripts. Empty when the
   * text has no such run; at most {@value #MAX_FRAGMENTS}.
   */
  public List<String> fragments() {
    return fragments;
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

  private static List<String> fragments(String text) {
    Set<String> fragments = new LinkedHashSet<>();
    // the characters of the current run, each a letter with the marks after it
    List<String> run = new ArrayList<>();
    for (int i = 0; i < text.length() && fragments.size() < MAX_FRAGMENTS; ) {
      int codePoint = text.codePointAt(i);
      String character = text.substring(i, i + Character.charCount(codePoint));
      i += character.length();
      if (!run.isEmpty() && isMark(codePoint)) {
        run.set(run.size() - 1, run.get(run.size() - 1) + character);
      } else if (isWrittenWithoutSpaces(codePoint) || (!run.isEmpty() && isCommonModifierLetter(codePoint))) {
        run.add(character);
      } else if (!run.isEmpty()) {
        addFragments(run, fragments);
        run.clear();
      }
    }
    addFragments(run, fragments);
    return List.copyOf(fragments);
  }

  private static void addFragments(List<String> run, Set<String> fragments) {
    if (run.isEmpty() || !hasTokenCharacter(String.join("", run))) {
      return;
    }
    if (run.size() <= 2) {
      if (fragments.size() < MAX_FRAGMENTS) {
        fragments.add(String.join("", run));
      }
      return;
    }
    for (int i = 0; i + 1 < run.size() && fragments.size() < MAX_FRAGMENTS; i++) {
      fragments.add(run.get(i) + run.get(i + 1));
    }
  }

  private static boolean isWrittenWithoutSpaces(int codePoint) {
    return WRITTEN_WITHOUT_SPACES.contains(Character.UnicodeScript.of(codePoint));
  }

  /** Marks that belong to the letter before them: Thai vowels and tones, kana voicing marks. */
  private static boolean isMark(int codePoint) {
    int type = Character.getType(codePoint);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  /** Letters shared by scripts, as the Japanese prolonged sound mark is, continue a run. */
  private static boolean isCommonModifierLetter(int codePoint) {
    return Character.getType(codePoint) == Character.MODIFIER_LETTER
        && Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.COMMON;
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
