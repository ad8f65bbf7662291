package dev.claudememory.testkit;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The data of a {@link FakeMemoryApiServer} at one moment, taken by {@link
 * FakeMemoryApiServer#snapshot()}: every memory (soft-deleted ones too), the id sequence and the
 * shares, for {@link FakeMemoryApiServer#restore} to put back as a restored backup would. Later
 * writes to the server do not change it.
 *
 * <p>Immutable.
 */
public final class ServerSnapshot {
  private final MemoryTable.State state;

  ServerSnapshot(MemoryTable.State state) {
    this.state = requireNonNull(state, "state");
  }

  MemoryTable.State state() {
    return state;
  }

  /** Every memory it holds, soft-deleted ones too, by id. */
  public List<ServerMemory> memories() {
    return state.rows().values().stream().map(Row::view).toList();
  }

  /** The last id handed out before it was taken: after a restore, the next store gets the one after. */
  public long lastId() {
    return state.lastId();
  }
}
