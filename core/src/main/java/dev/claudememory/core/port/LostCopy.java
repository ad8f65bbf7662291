package dev.claudememory.core.port;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.memory.ServerId;
import java.util.Optional;

/**
 * A memory's copy on the server that the server lost (its data restored from an older backup,
 * recreated, or another deployment at its URL): what every machine that held the memory knows of
 * it, so that the copy one of them sends again can be told from another memory.
 *
 * <p>A memory can lose several copies in turn, and two machines can each be on a copy of their
 * own when the next loss comes. The first copy it lost, its origin, is what every machine that
 * held the memory before knows: it names the memory across losses.
 *
 * @param serverId the lost copy's id
 * @param serverCreatedAt its {@code created_at}, in {@link RetiredServerId#comparable} shape
 * @param sentVersion the memory's {@code updated_at} when this machine sent it again, once it
 *     did: of two machines that send the memory again, the later version is the memory's
 * @param originId the id of the first copy of the memory the server lost
 * @param originCreatedAt that copy's {@code created_at}
 */
public record LostCopy(
    ServerId serverId, String serverCreatedAt, Optional<String> sentVersion, ServerId originId, String originCreatedAt) {
  public LostCopy {
    requireNonNull(serverId, "serverId");
    serverCreatedAt = RetiredServerId.comparable(requireNonNull(serverCreatedAt, "serverCreatedAt"));
    requireNonNull(sentVersion, "sentVersion");
    requireNonNull(originId, "originId");
    originCreatedAt = RetiredServerId.comparable(requireNonNull(originCreatedAt, "originCreatedAt"));
  }

  /** The first copy of a memory the server lost: its own origin. */
  public static LostCopy first(ServerId serverId, String serverCreatedAt) {
    return new LostCopy(serverId, serverCreatedAt, Optional.empty(), serverId, serverCreatedAt);
  }

  /** The memory lost {@code serverId} too, a later copy: its origin stays. */
  public LostCopy thenLost(ServerId lost, String lostCreatedAt) {
    return new LostCopy(lost, lostCreatedAt, Optional.empty(), originId, originCreatedAt);
  }

  /** This lost copy, with the memory sent again as it was at {@code version}. */
  public LostCopy sentAt(String version) {
    return new LostCopy(serverId, serverCreatedAt, Optional.of(version), originId, originCreatedAt);
  }

  /** Whether the memory lost a copy before this one. */
  public boolean hasEarlierOrigin() {
    return !(originId.equals(serverId) && originCreatedAt.equals(serverCreatedAt));
  }

  /** Whether {@code id} created at {@code createdAt} is this copy or the origin. */
  public boolean names(ServerId id, String createdAt) {
    String comparable = RetiredServerId.comparable(createdAt);
    return (serverId.equals(id) && serverCreatedAt.equals(comparable))
        || (originId.equals(id) && originCreatedAt.equals(comparable));
  }

  /** Whether {@code other} is of the same memory: the two share a lost copy or the origin. */
  public boolean sameMemory(LostCopy other) {
    return names(other.serverId, other.serverCreatedAt) || names(other.originId, other.originCreatedAt);
  }
}
