package dev.claudememory.core.recall;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;

/**
 * Which search answered a recall: the full-text leg alone, or fused with the dense leg of
 * meaning, or the memory API's own.
 *
 * @param lexicalBecause why recall was lexical, for people; empty when it was not
 */
public record Search(Kind kind, Optional<String> lexicalBecause) {
  public enum Kind {
    LEXICAL,
    HYBRID,
    REMOTE;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static final Search HYBRID = new Search(Kind.HYBRID, Optional.empty());
  public static final Search REMOTE = new Search(Kind.REMOTE, Optional.empty());

  public Search {
    requireNonNull(kind, "kind");
    requireNonNull(lexicalBecause, "lexicalBecause");
  }

  public static Search lexical(String because) {
    return new Search(Kind.LEXICAL, Optional.of(because));
  }
}
