package dev.claudememory.core.remote;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An answer of the API's sync call: memories ordered by {@code updated_at}, and the server's clock
 * reading taken before its query ran (the next cursor).
 */
public record ChangeSet(List<RemoteMemory> memories, String serverTime) {
  public ChangeSet {
    memories = List.copyOf(memories);
    requireNonNull(serverTime, "serverTime");
  }
}
