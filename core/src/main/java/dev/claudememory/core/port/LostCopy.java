package dev.claudememory.core.port;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.memory.ServerId;
import java.util.Optional;

/**
 * A memory's copy on the server that the server lost (its data restored from an older backup,
 * recreated, or another deployment at its URL): what every machine that held the memory knows of
 * it, so that the copy one of them sends again can be told from another memory.
 *
 * @param serverId the lost copy's id
 * @param serverCreatedAt its {@code created_at}, in {@link RetiredServerId#comparable} shape
 * @param sentVersion the memory's {@code updated_at} when this machine sent it again, once it
 *     did: of two machines that send the memory again, the later version is the memory's
 */
public record LostCopy(ServerId serverId, String serverCreatedAt, Optional<String> sentVersion) {
  public LostCopy {
    requireNonNull(serverId, "serverId");
    serverCreatedAt = RetiredServerId.comparable(requireNonNull(serverCreatedAt, "serverCreatedAt"));
    requireNonNull(sentVersion, "sentVersion");
  }

  /** This lost copy, with the memory sent again as it was at {@code version}. */
  public LostCopy sentAt(String version) {
    return new LostCopy(serverId, serverCreatedAt, Optional.of(version));
  }

  /** Whether {@code other} names the same copy, whatever each saw of it. */
  public boolean sameCopy(LostCopy other) {
    return serverId.equals(other.serverId) && serverCreatedAt.equals(other.serverCreatedAt);
  }
}
