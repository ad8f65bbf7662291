package dev.claudememory.mcp.protocol;

/** One line read from the client: its text, or why it could not be read as text. */
public sealed interface InputLine {
  /** A complete line of valid UTF-8, without its line terminator. */
  record Text(String text) implements InputLine {}

  /** A line longer than the bound; its bytes were skipped up to the next newline. */
  record TooLong(long bytes) implements InputLine {}

  /** A line that is not valid UTF-8. */
  record InvalidUtf8() implements InputLine {}
}
