package dev.claudememory.core.service;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.memory.Memory;

/**
 * What {@link MemoryService#store} did.
 *
 * @param memory the new memory, or, when {@code alreadyStored}, the existing one holding the same
 *     content (its own category, tags and importance, unchanged)
 * @param alreadyStored true when nothing was stored because a memory already said the same thing
 */
public record StoreResult(Memory memory, boolean alreadyStored) {
  public StoreResult {
    requireNonNull(memory, "memory");
  }

  /** A memory stored anew. */
  public static StoreResult stored(Memory memory) {
    return new StoreResult(memory, false);
  }

  /** Nothing stored: {@code existing} already holds the content. */
  public static StoreResult alreadyStored(Memory existing) {
    return new StoreResult(existing, true);
  }
}
