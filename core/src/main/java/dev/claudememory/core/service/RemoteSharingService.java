package dev.claudememory.core.service;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.InvalidInputException;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.port.RemoteMemoryApi;
import dev.claudememory.core.remote.MyShares;
import dev.claudememory.core.remote.RemoteResult;
import dev.claudememory.core.remote.SharePermission;
import dev.claudememory.core.remote.SharedMemory;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Sharing through the memory API, with the shown ids mapped to the server's. */
public final class RemoteSharingService implements SharingService {
  private final RemoteMemoryApi api;
  private final ServerIds ids;

  public RemoteSharingService(RemoteMemoryApi api, ServerIds ids) {
    this.api = requireNonNull(api, "api");
    this.ids = requireNonNull(ids, "ids");
  }

  @Override
  public ShareOutcome share(MemoryId id, String sharedWith, SharePermission permission) {
    String user = user(sharedWith);
    requireNonNull(permission, "permission");
    return onServer(id, serverId -> api.share(serverId, user, permission), "share memory #" + id);
  }

  @Override
  public ShareOutcome unshare(MemoryId id, String sharedWith) {
    String user = user(sharedWith);
    return onServer(id, serverId -> api.unshare(serverId, user), "stop sharing memory #" + id);
  }

  @Override
  public void shareTag(String tag, String sharedWith, SharePermission permission) {
    String user = user(sharedWith);
    requireNonNull(permission, "permission");
    RemoteCalls.value(api.shareTag(tag(tag), user, permission), "share the tag");
  }

  @Override
  public void unshareTag(String tag, String sharedWith) {
    String user = user(sharedWith);
    RemoteCalls.value(api.unshareTag(tag(tag), user), "stop sharing the tag");
  }

  @Override
  public List<SharedMemory> sharedWithMe() {
    return RemoteCalls.value(api.sharedWithMe(), "list the memories shared with you");
  }

  @Override
  public MyShares myShares() {
    return RemoteCalls.value(api.myShares(), "list your shares");
  }

  @Override
  public Optional<MemoryId> shownId(ServerId id) {
    return ids.toShown(requireNonNull(id, "id"));
  }

  private ShareOutcome onServer(
      MemoryId id, Function<ServerId, RemoteResult<ServerId>> call, String action) {
    ServerIds.Lookup lookup = ids.toServer(requireNonNull(id, "id"));
    if (lookup instanceof ServerIds.Unknown) {
      return ShareOutcome.NOT_FOUND;
    }
    if (lookup instanceof ServerIds.NotOnServerYet) {
      return ShareOutcome.NOT_ON_SERVER_YET;
    }
    ServerId serverId = ((ServerIds.OnServer) lookup).id();
    return RemoteCalls.valueOrNotFound(call.apply(serverId), action).isPresent()
        ? ShareOutcome.DONE
        : ShareOutcome.NOT_FOUND;
  }

  private static String user(String sharedWith) {
    return nonBlank("shared_with", sharedWith);
  }

  private static String tag(String tag) {
    return nonBlank("tag", tag);
  }

  private static String nonBlank(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException(field, field + " must not be empty");
    }
    return value.strip();
  }
}
