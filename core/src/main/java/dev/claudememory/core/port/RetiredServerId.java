package dev.claudememory.core.port;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.memory.Timestamps;
import java.time.Instant;
import java.util.Optional;

/**
 * A server id whose memory was deleted here or seen deleted on the server: it is never taken for
 * the copy of another memory, and if the server shows it live again (a restored backup), its
 * delete is sent again.
 *
 * @param serverCreatedAt the copy's {@code created_at} on the server, when it was known: a memory
 *     with another one is a different memory that was given the same id
 */
public record RetiredServerId(ServerId serverId, Optional<String> serverCreatedAt, Instant retiredAt) {
  public RetiredServerId {
    requireNonNull(serverId, "serverId");
    serverCreatedAt = requireNonNull(serverCreatedAt, "serverCreatedAt").map(RetiredServerId::comparable);
    requireNonNull(retiredAt, "retiredAt");
  }

  /**
   * A copy's {@code created_at} in one shape, however the server wrote it, so that one copy is
   * always found by the same text.
   */
  public static String comparable(String serverCreatedAt) {
    return Timestamps.parse(serverCreatedAt).map(Timestamps::format).orElse(serverCreatedAt);
  }
}
