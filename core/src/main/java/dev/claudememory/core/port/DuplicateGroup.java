package dev.claudememory.core.port;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.memory.MemoryId;
import java.util.List;

/**
 * Memories that say the same thing: their contents are equal once case, whitespace and Unicode
 * form are normalised ({@link dev.claudememory.core.memory.ContentKey}), though they may differ as
 * written and in every other field. Found by {@link MemoryStore#nearDuplicates}.
 *
 * @param ids two or more, oldest (lowest id) first
 */
public record DuplicateGroup(List<MemoryId> ids) {
  public DuplicateGroup {
    ids = List.copyOf(requireNonNull(ids, "ids"));
    if (ids.size() < 2) {
      throw new IllegalArgumentException("a duplicate group has at least two memories; got " + ids);
    }
  }
}
