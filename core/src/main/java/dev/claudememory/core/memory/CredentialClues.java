package dev.claudememory.core.memory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The clues of every credential kind, found in one pass over a text: each position is looked up by
 * its two characters (ASCII, any case), so a text without a clue costs one table read per
 * character, however many kinds there are.
 */
final class CredentialClues {
  private static final int ASCII = 128;

  /** One clue, and the patterns of the kinds it starts. */
  private record Clue(String text, List<Pattern> patterns) {
    boolean startsAt(String content, int index) {
      return content.regionMatches(true, index, text, 0, text.length());
    }

    boolean credentialAt(String content, int index) {
      for (Pattern pattern : patterns) {
        // transparent bounds let a kind look behind its clue (the "api" of "api_key")
        Matcher matcher = pattern.matcher(content).useTransparentBounds(true).useAnchoringBounds(false);
        if (matcher.region(index, content.length()).lookingAt()) {
          return true;
        }
      }
      return false;
    }
  }

  /** Clues by {@code first * 128 + second} character, lower case; null where none starts so. */
  private final Clue[][] byFirstTwo = new Clue[ASCII * ASCII][];

  CredentialClues(List<CredentialKind> kinds) {
    Map<String, List<Pattern>> patternsByClue = new LinkedHashMap<>();
    for (CredentialKind kind : kinds) {
      for (String clue : kind.clues()) {
        patternsByClue.computeIfAbsent(clue, unused -> new ArrayList<>()).add(kind.pattern());
      }
    }
    Map<Integer, List<Clue>> byPair = new LinkedHashMap<>();
    patternsByClue.forEach(
        (text, patterns) ->
            byPair.computeIfAbsent(pair(text.charAt(0), text.charAt(1)), unused -> new ArrayList<>())
                .add(new Clue(text, List.copyOf(patterns))));
    byPair.forEach((pair, clues) -> byFirstTwo[pair] = clues.toArray(new Clue[0]));
  }

  /**
   * Whether a clue stands anywhere in {@code content}; with {@code confirm}, whether a kind it
   * starts also matches there.
   */
  boolean found(String content, boolean confirm) {
    char[] chars = content.toCharArray();
    int previous = chars.length == 0 ? ASCII : lowerCase(chars[0]);
    for (int index = 1; index < chars.length; index++) {
      int next = lowerCase(chars[index]);
      if ((previous | next) < ASCII) {
        Clue[] clues = byFirstTwo[pair(previous, next)];
        if (clues != null && foundAt(content, index - 1, clues, confirm)) {
          return true;
        }
      }
      previous = next;
    }
    return false;
  }

  private static boolean foundAt(String content, int index, Clue[] clues, boolean confirm) {
    for (Clue clue : clues) {
      if (clue.startsAt(content, index) && (!confirm || clue.credentialAt(content, index))) {
        return true;
      }
    }
    return false;
  }

  /** The length of the longest run of characters tokens are made of (letters, digits, _ and -). */
  static int longestTokenRun(String content) {
    int run = 0;
    int longest = 0;
    for (int index = 0; index < content.length(); index++) {
      char c = content.charAt(index);
      boolean tokenCharacter =
          c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
      run = tokenCharacter ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return longest;
  }

  private static int pair(int first, int second) {
    return first * ASCII + second;
  }

  private static int lowerCase(char c) {
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
  }
}
