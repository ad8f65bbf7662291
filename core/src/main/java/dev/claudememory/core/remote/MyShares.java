package dev.claudememory.core.remote;

import java.util.List;

/** What the user shares: single memories and whole tags. */
public record MyShares(List<MemoryShare> memoryShares, List<TagShare> tagShares) {
  public MyShares {
    memoryShares = List.copyOf(memoryShares);
    tagShares = List.copyOf(tagShares);
  }
}
