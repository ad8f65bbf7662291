package dev.claudememory.core.port;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.ServerId;
import java.util.Optional;

/**
 * A local memory linked to its copy on the server.
 *
 * @param serverCreatedAt the server's {@code created_at} of that copy, once a pull has shown it:
 *     what tells the copy from another memory given the same id after the server lost its data.
 *     Empty until then, and for links made before it was recorded
 * @param serverUpdatedAt the newest {@code updated_at} a pull showed of the copy: a server showing
 *     an older one went back to an older state (a restored backup)
 */
public record ServerLink(
    MemoryId memoryId, ServerId serverId, Optional<String> serverCreatedAt, Optional<String> serverUpdatedAt) {
  public ServerLink {
    requireNonNull(memoryId, "memoryId");
    requireNonNull(serverId, "serverId");
    requireNonNull(serverCreatedAt, "serverCreatedAt");
    requireNonNull(serverUpdatedAt, "serverUpdatedAt");
  }
}
