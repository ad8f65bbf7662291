package dev.claudememory.mcp.tools;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.MemoryException;
import dev.claudememory.core.recall.ResultBudget;
import dev.claudememory.core.service.MemoryService;
import dev.claudememory.core.service.SharingService;
import java.util.Optional;

/**
 * What tools call: the memory service and, with an API key, sharing.
 *
 * @param sharing present when an API key is set
 * @param budget what recall and list answers are kept under ({@code MEMORY_MAX_RESULT_CHARS})
 */
public record Services(
    MemoryService memories, Optional<SharingService> sharing, ResultBudget budget)
    implements AutoCloseable {
  public Services {
    requireNonNull(memories, "memories");
    requireNonNull(sharing, "sharing");
    requireNonNull(budget, "budget");
  }

  /** Sharing, or an error saying what turns it on (tools offered without a key never get here). */
  public SharingService requireSharing() {
    return sharing.orElseThrow(
        () -> new MemoryException("sharing needs the memory API: set MEMORY_API_KEY"));
  }

  @Override
  public void close() {
    memories.close();
  }
}
