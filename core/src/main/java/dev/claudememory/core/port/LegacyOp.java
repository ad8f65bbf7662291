package dev.claudememory.core.port;

import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.ServerId;
import java.util.Optional;

/**
 * A row of the Python version's {@code pending_ops} queue: a {@code store} names the local memory
 * it pushes, a {@code delete} the server id it deletes.
 *
 * @param type {@code store}, {@code delete}, or whatever an old file holds
 */
public record LegacyOp(long id, String type, Optional<MemoryId> localId, Optional<ServerId> serverId) {}
