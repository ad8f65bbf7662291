package dev.claudememory.core.sync;

import dev.claudememory.core.port.MemoryStore;
import java.util.List;
import java.util.stream.Collectors;

/** Reads the sync status from one snapshot of the database, without waiting for writers. */
final class SyncStatusReader {
  private SyncStatusReader() {}

  static SyncStatus read(MemoryStore store) {
    return store.read(
        writer -> {
          List<PendingOp> ops = writer.outbox().all();
          List<PendingOp> parked = ops.stream().filter(PendingOp::isParked).collect(Collectors.toList());
          return new SyncStatus(
              ops.size() - parked.size(),
              writer.unsynced().size(),
              parked,
              writer.syncState().get(SyncKeys.LAST_PUSH),
              writer.syncState().get(SyncKeys.LAST_PULL),
              writer.syncState().get(SyncKeys.AUTH_FAILED),
              writer.syncState().get(SyncKeys.LAST_CONTACT),
              writer.syncState().get(SyncKeys.LAST_ERROR),
              ServerDataLoss.read(writer.syncState()::get));
        });
  }
}
