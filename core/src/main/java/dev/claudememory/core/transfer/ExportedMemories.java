package dev.claudememory.core.transfer;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.memory.Memory;
import java.util.List;

/**
 * The memories an export writes, oldest local id first.
 *
 * @param sensitiveLeftOut how many sensitive memories were left out because they were not asked for
 * @param exportedAt when they were read, in the stored timestamps' shape
 */
public record ExportedMemories(List<Memory> memories, int sensitiveLeftOut, String exportedAt) {
  public ExportedMemories {
    memories = List.copyOf(memories);
    requireNonNull(exportedAt, "exportedAt");
  }
}
