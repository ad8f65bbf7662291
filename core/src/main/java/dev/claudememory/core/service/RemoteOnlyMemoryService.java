package dev.claudememory.core.service;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.RemoteApiException;
import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.MemoryPatch;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.memory.Timestamps;
import dev.claudememory.core.port.MemoryCounts;
import dev.claudememory.core.port.RemoteMemoryApi;
import dev.claudememory.core.recall.ListQuery;
import dev.claudememory.core.recall.RecallQuery;
import dev.claudememory.core.recall.Recalled;
import dev.claudememory.core.recall.Search;
import dev.claudememory.core.remote.CreatedMemory;
import dev.claudememory.core.remote.MemoryFields;
import dev.claudememory.core.remote.RemoteMemory;
import dev.claudememory.core.remote.RemoteRecall;
import dev.claudememory.core.remote.RemoteResult;
import dev.claudememory.core.remote.RemoteSecret;
import dev.claudememory.core.sync.IdempotencyKey;
import dev.claudememory.core.sync.SyncStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Remote-only mode (SPEC §2): no local database, every call goes to the memory API and waits for
 * it. Ids are the server's. Recall and list show what the server answers sensitive masked, as in
 * the other modes, whether or not the server masked it.
 */
public final class RemoteOnlyMemoryService implements MemoryService {
  /** The API's bound on a recall's limit. */
  private static final int MAX_REMOTE_RECALL = 10_000;

  private final RemoteMemoryApi api;
  private final Clock clock;
  private final Duration recallTimeout;

  /** @param recallTimeout the bound the API client puts on a recall, named when it is hit */
  public RemoteOnlyMemoryService(RemoteMemoryApi api, Clock clock, Duration recallTimeout) {
    this.api = requireNonNull(api, "api");
    this.clock = requireNonNull(clock, "clock");
    this.recallTimeout = requireNonNull(recallTimeout, "recallTimeout");
  }

  /** Always stores: the API offers no cheap way to find a memory by its content. */
  @Override
  public StoreResult store(NewMemory memory) {
    requireNonNull(memory, "memory");
    MemoryFields fields =
        new MemoryFields(
            memory.content().text(),
            memory.category().name(),
            memory.tags(),
            memory.expandedKeywords(),
            memory.importance().value(),
            memory.isSensitive());
    RemoteResult<CreatedMemory> result = api.create(fields, IdempotencyKey.random());
    if (result instanceof RemoteResult.RetryLater<CreatedMemory> later) {
      if (later.why() == RemoteResult.Why.UNREACHABLE) {
        throw new RemoteApiException(
            "could not store the memory: " + RemoteCalls.failure(later) + "; nothing was stored");
      }
      // the server does not deduplicate: storing again blindly could keep the memory twice
      throw new RemoteApiException(
          RemoteCalls.what(later) + "; the memory may or may not have been stored: recall it before"
              + " storing it again");
    }
    CreatedMemory created = RemoteCalls.value(result, "store the memory");
    String now = Timestamps.format(clock.instant());
    return StoreResult.stored(
        new Memory(
            new MemoryId(created.id().value()),
            Optional.of(created.id()),
            fields.content(),
            Category.stored(created.category()),
            fields.tags(),
            fields.expandedKeywords(),
            created.importance(),
            fields.forceSensitive(),
            now,
            now));
  }

  @Override
  public Recalled recall(RecallQuery query) {
    requireNonNull(query, "query");
    if (query.terms().isEmpty()) {
      return new Recalled(List.of(), Search.REMOTE);
    }
    RemoteRecall remote =
        new RemoteRecall(
            String.join(" ", query.terms().words()),
            "",
            query.category().map(Category::name),
            query.sortBy(),
            Math.min(MAX_REMOTE_RECALL, query.limit()));
    RemoteResult<List<RemoteMemory>> result = api.recall(remote);
    if (result instanceof RemoteResult.RetryLater<List<RemoteMemory>> later
        && later.why() == RemoteResult.Why.NO_ANSWER) {
      throw new RemoteApiException(
          "the memory API did not answer the recall within " + recallTimeout.toSeconds()
              + " s (MEMORY_RECALL_TIMEOUT): " + later.reason()
              + "; try again in a moment, or with fewer words");
    }
    List<Memory> found =
        RemoteCalls.value(result, "recall").stream()
            .limit(query.limit())
            .map(memory -> toMemory(memory).masked())
            .collect(Collectors.toList());
    return new Recalled(found, Search.REMOTE);
  }

  /**
   * Newest first, as in the other modes. The API lists by importance, so the newest are found
   * among every live memory the sync call answers.
   */
  @Override
  public List<Memory> list(ListQuery query) {
    requireNonNull(query, "query");
    return liveMemories("list memories").stream()
        .filter(memory -> query.category().map(c -> c.name().equals(memory.category())).orElse(true))
        .sorted(Comparator.comparing(RemoteOnlyMemoryService::createdAt).reversed())
        .limit(query.limit())
        .map(memory -> toMemory(memory).masked())
        .collect(Collectors.toList());
  }

  @Override
  public Optional<Memory> get(MemoryId id) {
    return RemoteCalls.valueOrNotFound(api.get(serverId(id)), "read memory #" + id)
        .map(RemoteOnlyMemoryService::toMemory);
  }

  /** The server keeps a sensitive memory's original apart (vault or encrypted): ask for it. */
  @Override
  public Optional<Memory> secret(MemoryId id) {
    Optional<Memory> memory = get(id);
    if (memory.isEmpty() || !memory.get().sensitive()) {
      return memory;
    }
    return RemoteCalls.valueOrNotFound(api.secret(serverId(id)), "read the secret of memory #" + id)
        .map(secret -> withContent(memory.get(), secret));
  }

  @Override
  public Optional<Memory> update(MemoryId id, MemoryPatch patch) {
    requireNonNull(patch, "patch");
    Optional<Memory> current = get(id);
    if (current.isEmpty()) {
      return Optional.empty();
    }
    Memory updated = patch.applyTo(current.get(), Timestamps.format(clock.instant()));
    return RemoteCalls.valueOrNotFound(
            api.patch(serverId(id), patch, IdempotencyKey.random()), "update memory #" + id)
        .map(ignored -> updated);
  }

  @Override
  public Optional<Memory> delete(MemoryId id) {
    Optional<Memory> current = get(id);
    if (current.isEmpty()) {
      return Optional.empty();
    }
    RemoteCalls.value(api.delete(serverId(id), IdempotencyKey.random()), "delete memory #" + id);
    return current;
  }

  @Override
  public MemoryCounts count() {
    List<RemoteMemory> live = liveMemories("count memories");
    Map<String, Long> byCategory =
        live.stream().collect(Collectors.groupingBy(RemoteMemory::category, Collectors.counting()));
    return new MemoryCounts(live.size(), byCategory);
  }

  @Override
  public Optional<SyncStatus> syncStatus() {
    return Optional.empty();
  }

  @Override
  public boolean isRemoteOnly() {
    return true;
  }

  @Override
  public void close() {}

  private List<RemoteMemory> liveMemories(String action) {
    return RemoteCalls.value(api.changesSince(Optional.empty()), action).memories().stream()
        .filter(memory -> !memory.isDeleted())
        .collect(Collectors.toList());
  }

  private static ServerId serverId(MemoryId id) {
    return new ServerId(requireNonNull(id, "id").value());
  }

  private static Instant createdAt(RemoteMemory memory) {
    return Timestamps.parse(memory.createdAt()).orElse(Instant.EPOCH);
  }

  private static Memory toMemory(RemoteMemory remote) {
    return new Memory(
        new MemoryId(remote.id().value()),
        Optional.of(remote.id()),
        remote.content(),
        Category.stored(remote.category()),
        remote.tags(),
        remote.expandedKeywords(),
        remote.importance(),
        remote.sensitive(),
        remote.createdAt(),
        remote.updatedAt());
  }

  private static Memory withContent(Memory memory, RemoteSecret secret) {
    return new Memory(
        memory.id(),
        memory.serverId(),
        secret.content(),
        memory.category(),
        memory.tags(),
        memory.expandedKeywords(),
        memory.importance(),
        memory.sensitive(),
        memory.createdAt(),
        memory.updatedAt());
  }
}
