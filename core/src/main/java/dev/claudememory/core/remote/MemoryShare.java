package dev.claudememory.core.remote;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.memory.ServerId;

/**
 * One memory the user shares with someone ({@code my-shares}).
 *
 * @param preview the server's first characters of the content (masked when sensitive)
 */
public record MemoryShare(
    ServerId memoryId, String sharedWith, String permission, String preview, String createdAt) {
  public MemoryShare {
    requireNonNull(memoryId, "memoryId");
    requireNonNull(sharedWith, "sharedWith");
    requireNonNull(permission, "permission");
    requireNonNull(preview, "preview");
    requireNonNull(createdAt, "createdAt");
  }
}
