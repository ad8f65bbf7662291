package dev.claudememory.core.memory;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One kind of credential and how to recognise it.
 *
 * @param name what it is, for people reading a test report
 * @param clues lower-case texts a match starts with, in any case; empty for a kind recognised by
 *     its shape alone, which is looked for only in text holding a long run of token characters
 * @param pattern matched at a clue's position (it may look behind it), or anywhere for a shape
 */
record CredentialKind(String name, List<String> clues, Pattern pattern) {
  CredentialKind {
    requireNonNull(name, "name");
    clues = List.copyOf(clues);
    requireNonNull(pattern, "pattern");
    for (String clue : clues) {
      if (clue.length() < 2 || !clue.equals(clue.toLowerCase(Locale.ROOT)) || !clue.chars().allMatch(c -> c < 128)) {
        throw new IllegalArgumentException("a clue is two or more ASCII characters in lower case: " + clue);
      }
    }
  }

  /** A kind whose matches start with one of {@code clues}. */
  static CredentialKind startingWith(String name, String regex, String... clues) {
    if (clues.length == 0) {
      throw new IllegalArgumentException(name + ": a kind found by its start needs a clue");
    }
    return new CredentialKind(name, List.of(clues), Pattern.compile(regex));
  }

  /** A kind with no fixed text of its own, recognised by its shape. */
  static CredentialKind shaped(String name, String regex) {
    return new CredentialKind(name, List.of(), Pattern.compile(regex));
  }

  boolean isShaped() {
    return clues.isEmpty();
  }
}
