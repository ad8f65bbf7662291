package dev.claudememory.core.memory;

/** The local id of a memory, {@code memories.id}: the id users see in local and hybrid mode. */
public record MemoryId(long value) {
  @Override
  public String toString() {
    return Long.toString(value);
  }
}
