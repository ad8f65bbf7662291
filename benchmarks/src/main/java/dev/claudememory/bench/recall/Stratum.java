package dev.claudememory.bench.recall;

import java.util.Locale;
import java.util.Optional;

/** The kinds of question the evaluation set asks, each judged on its own. */
public enum Stratum {
  /** A distinctive phrase of the target memory, with an assistant's expanded query. */
  EXACT("exact", 'a'),
  /** The same need in other words, with an assistant's expanded query. */
  PARAPHRASE("paraphrase", 'b'),
  /** A user's message as typed, with no expanded query. */
  RAW("raw", 'c'),
  /** A question that needs two or three memories. */
  MULTI_HOP("multi-hop", 'd'),
  /** What a fact is now, when a newer memory replaced an older one. */
  CURRENT("current", 'e');

  private final String label;
  private final char letter;

  Stratum(String label, char letter) {
    this.label = label;
    this.letter = letter;
  }

  /** The name used in the data files, the table and the options. */
  public String label() {
    return label;
  }

  public char letter() {
    return letter;
  }

  /** A stratum by its label or its letter, in any case. */
  public static Optional<Stratum> named(String name) {
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    for (Stratum stratum : values()) {
      if (stratum.label.equals(wanted) || wanted.equals(String.valueOf(stratum.letter))) {
        return Optional.of(stratum);
      }
    }
    return Optional.empty();
  }
}
