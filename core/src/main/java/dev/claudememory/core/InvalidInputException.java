package dev.claudememory.core;

/** Input a person gave that the product refuses, with a message saying what to change. */
public final class InvalidInputException extends MemoryException {
  private static final long serialVersionUID = 1L;
  private final String field;

  public InvalidInputException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The argument or setting at fault, as the caller named it (for example {@code content}). */
  public String field() {
    return field;
  }
}
