package dev.claudememory.core.service;

import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.remote.MyShares;
import dev.claudememory.core.remote.SharePermission;
import dev.claudememory.core.remote.SharedMemory;
import java.util.List;
import java.util.Optional;

/**
 * Sharing memories with other users of the memory API (SPEC §4). Every call goes to the server and
 * waits for it; it exists only when an API key is set. Ids are the ones the other tools show:
 * local ids in hybrid mode, server ids in remote-only mode.
 *
 * <p>A failure of the API ({@link dev.claudememory.core.RemoteApiException}) carries a message for
 * people; a memory that is unknown or not on the server yet is an outcome, not a failure.
 */
public interface SharingService {

  /** Shares one memory with a user. */
  ShareOutcome share(MemoryId id, String sharedWith, SharePermission permission);

  /** Stops sharing one memory with a user. */
  ShareOutcome unshare(MemoryId id, String sharedWith);

  /** Shares every memory carrying a tag with a user. */
  void shareTag(String tag, String sharedWith, SharePermission permission);

  /** Stops sharing a tag with a user. */
  void unshareTag(String tag, String sharedWith);

  /** Memories others share with the user. */
  List<SharedMemory> sharedWithMe();

  /** What the user shares, single memories and tags. */
  MyShares myShares();

  /** The id the tools show for a memory the server knows by this id, if this client has it. */
  Optional<MemoryId> shownId(ServerId id);
}
