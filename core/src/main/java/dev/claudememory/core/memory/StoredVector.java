package dev.claudememory.core.memory;

import static java.util.Objects.requireNonNull;

/**
 * A memory's vector as the database holds it.
 *
 * @param sequence grows with every vector written, so a reader can ask for the ones it has not seen
 */
public record StoredVector(long sequence, MemoryId memoryId, QuantizedVector vector) {
  public StoredVector {
    requireNonNull(memoryId, "memoryId");
    requireNonNull(vector, "vector");
  }
}
