package dev.claudememory.core.service;

import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.port.MemoryStore;
import java.util.Optional;

/**
 * Turns the ids tools show into the server's ids and back. In hybrid mode a local row carries its
 * server id once synced; in remote-only mode the ids are the server's already.
 */
public interface ServerIds {

  /** What the server calls a memory shown under some id. */
  sealed interface Lookup {}

  /** The server knows the memory by this id. */
  record OnServer(ServerId id) implements Lookup {}

  /** The memory is stored here but not on the server yet. */
  record NotOnServerYet() implements Lookup {}

  /** No memory has this id. */
  record Unknown() implements Lookup {}

  Lookup toServer(MemoryId id);

  /** The shown id of a memory the server knows by this id, if this client has it. */
  Optional<MemoryId> toShown(ServerId id);

  /** Remote-only mode: every id is the server's. */
  static ServerIds identity() {
    return new ServerIds() {
      @Override
      public Lookup toServer(MemoryId id) {
        return new OnServer(new ServerId(id.value()));
      }

      @Override
      public Optional<MemoryId> toShown(ServerId id) {
        return Optional.of(new MemoryId(id.value()));
      }
    };
  }

  /** Hybrid mode: the local rows say. */
  static ServerIds of(MemoryStore store) {
    return new ServerIds() {
      @Override
      public Lookup toServer(MemoryId id) {
        return store
            .find(id)
            .<Lookup>map(
                memory -> memory.serverId().<Lookup>map(OnServer::new).orElseGet(NotOnServerYet::new))
            .orElseGet(Unknown::new);
      }

      @Override
      public Optional<MemoryId> toShown(ServerId id) {
        return store.read(writer -> writer.findByServerId(id)).map(memory -> memory.id());
      }
    };
  }
}
