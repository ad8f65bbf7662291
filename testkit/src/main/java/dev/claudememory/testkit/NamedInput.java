package dev.claudememory.testkit;

import static java.util.Objects.requireNonNull;

/**
 * One hostile string with a name saying what it tries. {@link #toString()} is the name, so a
 * parameterized test shows it instead of unprintable text.
 */
public record NamedInput(String name, String text) {
  public NamedInput {
    requireNonNull(name, "name");
    requireNonNull(text, "text");
  }

  /** The text with everything outside printable ASCII escaped, for failure messages. */
  public String escaped() {
    return SeededStrings.escape(text);
  }

  @Override
  public String toString() {
    return name;
  }
}
