package dev.claudememory.core.recall;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.memory.MemoryId;

/** A memory found by meaning, and how close it lies to the query: the cosine of their vectors. */
public record Neighbour(MemoryId id, double similarity) {
  public Neighbour {
    requireNonNull(id, "id");
  }
}
