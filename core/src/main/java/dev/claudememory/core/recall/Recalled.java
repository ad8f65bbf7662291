package dev.claudememory.core.recall;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.memory.Memory;
import java.util.List;

/** What a recall found, best first, and which search found it. */
public record Recalled(List<Memory> memories, Search search) {
  public Recalled {
    memories = List.copyOf(memories);
    requireNonNull(search, "search");
  }
}
