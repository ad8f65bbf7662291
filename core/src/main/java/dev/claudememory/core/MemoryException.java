package dev.claudememory.core;

/**
 * Root of the unexpected failures the product raises. Expected outcomes (not found, rejected,
 * offline) are values, not exceptions. Every message speaks to a person and names the argument
 * or setting at fault; none ever carries the API key.
 */
public class MemoryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MemoryException(String message) {
    super(message);
  }

  public MemoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
