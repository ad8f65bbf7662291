package dev.claudememory.core.remote;

import static java.util.Objects.requireNonNull;

/**
 * A memory someone else shares with the user ({@code shared-with-me}).
 *
 * @param sharedBy the owner's user name
 * @param permission {@code read} or {@code write}, as the server answers it
 */
public record SharedMemory(RemoteMemory memory, String sharedBy, String permission) {
  public SharedMemory {
    requireNonNull(memory, "memory");
    requireNonNull(sharedBy, "sharedBy");
    requireNonNull(permission, "permission");
  }
}
