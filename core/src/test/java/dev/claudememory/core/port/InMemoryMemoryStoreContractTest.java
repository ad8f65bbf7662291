package dev.claudememory.core.port;

import dev.claudememory.core.fakes.InMemoryMemoryStore;

/** The port's contract, held by the fake the other core tests rely on. */
final class InMemoryMemoryStoreContractTest extends MemoryStoreContract {
  @Override
  protected MemoryStore openStore() {
    return new InMemoryMemoryStore();
  }

  @Override
  protected MemoryStore reopen(MemoryStore store) {
    return ((InMemoryMemoryStore) store).reopen();
  }
}
