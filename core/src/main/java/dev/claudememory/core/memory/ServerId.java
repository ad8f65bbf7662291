package dev.claudememory.core.memory;

/** The remote API's id of a memory, known once it has been synced. */
public record ServerId(long value) {
  @Override
  public String toString() {
    return Long.toString(value);
  }
}
