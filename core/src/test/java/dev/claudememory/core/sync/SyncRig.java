package dev.claudememory.core.sync;

import dev.claudememory.core.fakes.FakeRemoteMemoryApi;
import dev.claudememory.core.fakes.InMemoryMemoryStore;
import dev.claudememory.core.fakes.SettableClock;
import dev.claudememory.core.memory.Content;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.MemoryPatch;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.port.RemoteMemoryApi;
import dev.claudememory.core.remote.RemoteMemory;
import dev.claudememory.core.service.LocalFirstMemoryService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One local database, its service and a fake API on a shared clock, for driving sync engines
 * by hand. The API fails any call made inside a database transaction.
 */
final class SyncRig {
  static final Instant T0 = Instant.parse("2026-11-24T21:47:33.680389Z");
  static final Duration LEASE = Duration.ofSeconds(60);
  static final Duration OVERLAP = Duration.ofMinutes(2);
  static final SyncOptions OPTIONS =
      new SyncOptions(Duration.ofSeconds(60), 10, OVERLAP, LEASE, 100);
  /** Always the middle of the jitter: 1 s, 2 s, 4 s… capped at 5 min, times three quarters. */
  static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), () -> 0.5);

  final SettableClock clock = new SettableClock(T0);
  final FakeRemoteMemoryApi api = new FakeRemoteMemoryApi(clock);
  final AtomicInteger wakes = new AtomicInteger();
  InMemoryMemoryStore store = new InMemoryMemoryStore();
  LocalFirstMemoryService service = new LocalFirstMemoryService(store, clock, wakes::incrementAndGet);

  SyncRig() {
    api.refuseCallsWhile(() -> store.inWrite());
  }

  SyncEngine engine(String holder) {
    return engine(holder, OPTIONS);
  }

  SyncEngine engine(String holder, SyncOptions options) {
    return engine(holder, options, api);
  }

  SyncEngine engine(String holder, SyncOptions options, RemoteMemoryApi remote) {
    return new SyncEngine(store, remote, clock, options, BACKOFF, holder);
  }

  /** Closes the database and opens it again, as a restarted process would. */
  void reopen() {
    store = store.reopen();
    service = new LocalFirstMemoryService(store, clock, wakes::incrementAndGet);
  }

  Memory store(String content) {
    return service.store(NewMemory.of(content, "kw")).memory();
  }

  Memory edit(MemoryId id, String content) {
    return service
        .update(id, new MemoryPatch(Optional.of(new Content(content)), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty()))
        .orElseThrow();
  }

  void delete(MemoryId id) {
    service.delete(id).orElseThrow();
  }

  Optional<Memory> local(MemoryId id) {
    return store.find(id);
  }

  List<Memory> localRows() {
    return store.read(
        reader -> {
          List<Memory> rows = new ArrayList<>(reader.synced());
          rows.addAll(reader.unsynced());
          return rows;
        });
  }

  List<String> localContents() {
    return localRows().stream().map(Memory::content).collect(java.util.stream.Collectors.toList());
  }

  List<PendingOp> ops() {
    return store.read(reader -> reader.outbox().all());
  }

  Optional<PendingOp> opFor(MemoryId id) {
    return store.read(reader -> reader.outbox().forMemory(id));
  }

  Optional<String> syncValue(String key) {
    return store.read(reader -> reader.syncState().get(key));
  }

  ServerId serverIdOf(MemoryId id) {
    return local(id).orElseThrow().serverId().orElseThrow();
  }

  RemoteMemory onServer(ServerId id) {
    return api.memory(id).orElseThrow();
  }

  Instant advance(Duration step) {
    return clock.advance(step);
  }
}
