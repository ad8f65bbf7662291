package dev.claudememory.core.recall;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The words of a text that say what it is about: its runs of letters and digits, lower-cased,
 * without the short words and the words of conversation ("the", "please", "thanks") that every
 * prompt and many memories hold.
 */
final class PromptWords {
  /** Shorter words are mostly grammar ("is", "we", "to"); a number of two digits still counts. */
  private static final int MIN_LETTERS = 3;

  private static final Set<String> COMMON =
      Set.of(
          "the", "and", "for", "with", "that", "this", "these", "those", "there", "then", "than",
          "from", "into", "onto", "about", "over", "under", "after", "before", "again", "also",
          "are", "was", "were", "been", "being", "has", "have", "had", "does", "did", "doing",
          "done", "not", "but", "all", "any", "some", "our", "ours", "your", "yours", "you", "its",
          "his", "her", "their", "them", "they", "she", "him", "who", "whom", "what", "which",
          "when", "where", "why", "how", "can", "could", "would", "should", "will", "shall",
          "may", "might", "must", "let", "lets", "get", "got", "just", "now", "here", "very",
          "much", "more", "most", "one", "only", "same", "such", "each", "other", "out", "off",
          "use", "using", "used", "make", "made", "want", "need", "know", "think", "see", "look",
          "please", "thanks", "thank", "thx", "okay", "yes", "yeah", "yep", "nope", "sure",
          "great", "good", "fine", "cool", "nice", "right", "well", "continue", "proceed",
          "ahead", "try", "tell", "show", "give", "take", "put", "keep", "like", "don", "doesn",
          "isn", "didn", "won", "wasn", "aren");

  private PromptWords() {}

  /** The words of this text that say what it is about, in order, each once. */
  static Set<String> of(String text) {
    Set<String> words = new LinkedHashSet<>();
    StringBuilder word = new StringBuilder();
    text.codePoints()
        .forEach(
            codePoint -> {
              if (Character.isLetterOrDigit(codePoint)) {
                word.appendCodePoint(Character.toLowerCase(codePoint));
              } else {
                keep(word, words);
              }
            });
    keep(word, words);
    return words;
  }

  private static void keep(StringBuilder word, Set<String> words) {
    if (word.length() == 0) {
      return;
    }
    String candidate = word.toString().toLowerCase(Locale.ROOT);
    word.setLength(0);
    boolean number = candidate.chars().allMatch(Character::isDigit);
    if ((candidate.codePointCount(0, candidate.length()) >= MIN_LETTERS || (number && candidate.length() >= 2))
        && !COMMON.contains(candidate)) {
      words.add(candidate);
    }
  }
}
