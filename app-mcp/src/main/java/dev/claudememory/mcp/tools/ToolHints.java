package dev.claudememory.mcp.tools;

import static java.util.Objects.requireNonNull;

/**
 * What a tool does to its world, as MCP's tool annotations tell a client (which may show it to a
 * person or ask before a call): whether it only reads, whether it may change or remove what is
 * there rather than only add, whether calling it again with the same arguments changes nothing
 * more, and what it reaches.
 *
 * @param destructive meaningful only for a tool that writes
 * @param idempotent meaningful only for a tool that writes; true for every reading tool
 */
public record ToolHints(boolean readOnly, boolean destructive, boolean idempotent, Reach reach) {
  public ToolHints {
    requireNonNull(reach, "reach");
    if (readOnly && (destructive || !idempotent)) {
      throw new IllegalArgumentException("a read-only tool neither destroys nor changes anything when repeated");
    }
  }

  /** What a tool's calls reach. */
  public enum Reach {
    /**
     * The memories, wherever they are kept: the local database, or the memory API in remote-only
     * mode.
     */
    MEMORIES,
    /** The memory API, in every mode. */
    MEMORY_API
  }

  /** A tool that only reads. */
  static ToolHints reads(Reach reach) {
    return new ToolHints(true, false, true, reach);
  }

  /** A tool that only adds to what is there. */
  static ToolHints adds(boolean idempotent, Reach reach) {
    return new ToolHints(false, false, idempotent, reach);
  }

  /** A tool that may change or remove what is there. */
  static ToolHints changesOrRemoves(boolean idempotent, Reach reach) {
    return new ToolHints(false, true, idempotent, reach);
  }
}
