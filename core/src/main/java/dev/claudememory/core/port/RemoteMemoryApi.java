package dev.claudememory.core.port;

import dev.claudememory.core.memory.MemoryPatch;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.remote.ChangeSet;
import dev.claudememory.core.remote.CreatedMemory;
import dev.claudememory.core.remote.MemoryFields;
import dev.claudememory.core.remote.MyShares;
import dev.claudememory.core.remote.RemoteMemory;
import dev.claudememory.core.remote.RemoteRecall;
import dev.claudememory.core.remote.RemoteResult;
import dev.claudememory.core.remote.RemoteSecret;
import dev.claudememory.core.remote.SharePermission;
import dev.claudememory.core.remote.SharedMemory;
import dev.claudememory.core.sync.IdempotencyKey;
import java.util.List;
import java.util.Optional;

/**
 * The remote memory API (SPEC §6). Every call is bounded by a timeout and answers a {@link
 * RemoteResult}; none throws for a network or HTTP failure. Mutating calls carry the operation's
 * idempotency key; the server does not deduplicate by it, so callers reconcile before retrying a
 * create whose answer was lost.
 *
 * <p>Thread-safe.
 */
public interface RemoteMemoryApi {

  /** {@code POST /api/memories}. */
  RemoteResult<CreatedMemory> create(MemoryFields memory, IdempotencyKey key);

  /**
   * {@code POST /api/memories/import}: creates all of them or, when one is invalid, none (422);
   * the answer lists the created memories in the order sent.
   */
  RemoteResult<List<CreatedMemory>> importAll(List<MemoryFields> memories);

  /** {@code PUT /api/memories/{id}} with every field. */
  RemoteResult<ServerId> update(ServerId id, MemoryFields memory, IdempotencyKey key);

  /**
   * {@code PUT /api/memories/{id}} with only the patch's fields: the server keeps the others (a
   * sensitive memory's original among them, which its answers show redacted).
   */
  RemoteResult<ServerId> patch(ServerId id, MemoryPatch patch, IdempotencyKey key);

  /**
   * {@code DELETE /api/memories/{id}}. An id the server no longer has (answered {@code [already
   * deleted]}, or a proxy's 404) counts as done.
   */
  RemoteResult<ServerId> delete(ServerId id, IdempotencyKey key);

  /**
   * {@code GET /api/memories/sync}: with {@code since}, every memory of the user updated after it,
   * soft-deleted ones included; without it, every live memory.
   */
  RemoteResult<ChangeSet> changesSince(Optional<String> since);

  /** {@code GET /api/auth-check}: whether the key is accepted; answers the user id. */
  RemoteResult<String> checkAuth();

  /** {@code GET /api/memories/{id}}. */
  RemoteResult<RemoteMemory> get(ServerId id);

  /** {@code POST /api/memories/recall}, bounded by the recall timeout. */
  RemoteResult<List<RemoteMemory>> recall(RemoteRecall query);

  /** {@code GET /api/memories}, importance first. */
  RemoteResult<List<RemoteMemory>> list(Optional<String> category, int limit);

  /** {@code POST /api/memories/{id}/secret}. */
  RemoteResult<RemoteSecret> secret(ServerId id);

  /** {@code POST /api/memories/{id}/share}: answers the shared memory's id. */
  RemoteResult<ServerId> share(ServerId id, String sharedWith, SharePermission permission);

  /** {@code DELETE /api/memories/{id}/share/{user}}: answers the memory's id. */
  RemoteResult<ServerId> unshare(ServerId id, String sharedWith);

  /** {@code POST /api/memories/share-tag}: answers the tag. */
  RemoteResult<String> shareTag(String tag, String sharedWith, SharePermission permission);

  /** {@code DELETE /api/memories/share-tag} (tag and user in the body): answers the tag. */
  RemoteResult<String> unshareTag(String tag, String sharedWith);

  /** {@code GET /api/memories/shared-with-me}. */
  RemoteResult<List<SharedMemory>> sharedWithMe();

  /** {@code GET /api/memories/my-shares}. */
  RemoteResult<MyShares> myShares();
}
