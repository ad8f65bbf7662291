package dev.claudememory.core.transfer;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.memory.ImportedMemory;
import dev.claudememory.core.memory.ServerId;
import java.util.Optional;

/**
 * One valid memory read from an import file.
 *
 * @param exportedServerId the server id the memory had in the database it was exported from: it
 *     only tells that the memory is already here when a local row has it; the imported row never
 *     takes it (the file does not say which server it belongs to)
 */
public record ImportRecord(ImportedMemory memory, Optional<ServerId> exportedServerId) {
  public ImportRecord {
    requireNonNull(memory, "memory");
    requireNonNull(exportedServerId, "exportedServerId");
  }

  /** A memory that was never on a server. */
  public static ImportRecord of(ImportedMemory memory) {
    return new ImportRecord(memory, Optional.empty());
  }
}
