package dev.claudememory.core.sync;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.fakes.FakeRemoteMemoryApi;
import dev.claudememory.core.memory.MemoryPatch;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.port.RemoteMemoryApi;
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
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The fake server behind a network that does what a model step armed: each push (create, import,
 * update or delete) takes the oldest armed {@link PushFault}, each pull an armed failure. While the key
 * is refused, every call is refused and nothing armed is used up. Tells a {@link Witness} what the
 * server committed and what it rejected, and notes every push and pull in the trace.
 */
final class FaultyRemoteApi implements RemoteMemoryApi {

  /** What happens to the next push. */
  enum PushFault {
    FAILS_WITH_503("answers 503 and changes nothing"),
    TIMES_OUT_AFTER_COMMIT("times out after the server committed it"),
    REJECTED_FOR_GOOD("is rejected for good (422)"),
    CRASHES_THE_PROCESS_BEFORE_SENDING("kills the pushing process before the request leaves"),
    CRASHES_THE_PROCESS_AFTER_COMMIT("kills the pushing process after the server committed it"),
    MEETS_A_LOCAL_EDIT("meets a local edit of its memory while in flight"),
    MEETS_A_LOCAL_DELETE("meets a local delete of its memory while in flight"),
    MEETS_ANOTHER_PROCESS_CYCLE("meets a sync cycle of the other process while in flight");

    private final String description;

    PushFault(String description) {
      this.description = description;
    }

    @Override
    public String toString() {
      return description;
    }
  }

  /** The process died in the middle of a call (kill -9): nothing after it runs. */
  static final class ProcessKilled extends RuntimeException {
    ProcessKilled() {
      super("the process was killed during a push", null, false, false);
    }
  }

  /** Hears what the server did with a push, and does what an in-flight fault brings. */
  interface Witness {
    /**
     * The server applied a create, an item of an import or an update carrying these fields; a
     * create or an import made the copy {@code created}.
     */
    void committed(MemoryFields fields, Optional<ServerId> created);

    /** The push of this memory's change was rejected for good. */
    void rejected(Optional<ServerId> id, Optional<MemoryFields> fields);

    /** While the push is in flight, before the server applies it. */
    void inFlight(PushFault fault, Optional<ServerId> id, Optional<MemoryFields> fields);
  }

  private final FakeRemoteMemoryApi server;
  private final Witness witness;
  private final Consumer<String> trace;
  private final Deque<PushFault> pushFaults = new ArrayDeque<>();
  private int pullFailures;
  private boolean keyRefused;

  FaultyRemoteApi(FakeRemoteMemoryApi server, Witness witness, Consumer<String> trace) {
    this.server = requireNonNull(server, "server");
    this.witness = requireNonNull(witness, "witness");
    this.trace = requireNonNull(trace, "trace");
  }

  void arm(PushFault fault) {
    pushFaults.add(requireNonNull(fault, "fault"));
  }

  void failNextPull() {
    pullFailures++;
  }

  void refuseKey(boolean refused) {
    keyRefused = refused;
    server.setAuthFailing(refused);
  }

  /** The network and the server behave from now on. */
  void disarm() {
    pushFaults.clear();
    pullFailures = 0;
    refuseKey(false);
  }

  boolean keyRefused() {
    return keyRefused;
  }

  /** Whether some armed fault has not met its call yet. */
  boolean armed() {
    return !pushFaults.isEmpty() || pullFailures > 0;
  }

  @Override
  public RemoteResult<CreatedMemory> create(MemoryFields memory, IdempotencyKey key) {
    return push("create", Optional.empty(), Optional.of(memory), () -> server.create(memory, key));
  }

  /**
   * An import meets the next armed fault as one push: it fails, times out after the server
   * committed every memory in it, is refused whole (422: nothing is created and each memory goes
   * alone next time, so nothing parks), or kills the process; an in-flight fault meets its first
   * memory.
   */
  @Override
  public RemoteResult<List<CreatedMemory>> importAll(List<MemoryFields> memories) {
    String described = "import of " + memories.size() + memories.stream()
        .map(sent -> " '" + sent.content() + "'").collect(Collectors.joining(","));
    PushFault fault = keyRefused ? null : pushFaults.poll();
    if (fault == null) {
      return noted(described, imported(server.importAll(memories), memories));
    }
    trace.accept("    the " + described + " " + fault);
    switch (fault) {
      case FAILS_WITH_503:
        return noted(described, new RemoteResult.RetryLater<>(RemoteResult.Why.SERVER_ERROR, "HTTP 503 (armed)"));
      case REJECTED_FOR_GOOD:
        return noted(described, new RemoteResult.Rejected<>(422, "rejected (armed)"));
      case TIMES_OUT_AFTER_COMMIT:
        imported(server.importAll(memories), memories);
        return noted(described, new RemoteResult.RetryLater<>(RemoteResult.Why.NO_ANSWER, "timed out after commit (armed)"));
      case CRASHES_THE_PROCESS_BEFORE_SENDING:
        throw new ProcessKilled();
      case CRASHES_THE_PROCESS_AFTER_COMMIT:
        imported(server.importAll(memories), memories);
        throw new ProcessKilled();
      case MEETS_A_LOCAL_EDIT:
      case MEETS_A_LOCAL_DELETE:
      case MEETS_ANOTHER_PROCESS_CYCLE:
        witness.inFlight(fault, Optional.empty(), Optional.of(memories.get(0)));
        return noted(described, imported(server.importAll(memories), memories));
      default:
        throw new AssertionError(fault);
    }
  }

  private RemoteResult<List<CreatedMemory>> imported(
      RemoteResult<List<CreatedMemory>> result, List<MemoryFields> memories) {
    if (result instanceof RemoteResult.Ok) {
      List<CreatedMemory> created = ((RemoteResult.Ok<List<CreatedMemory>>) result).value();
      for (int i = 0; i < memories.size(); i++) {
        witness.committed(memories.get(i), Optional.of(created.get(i).id()));
      }
    }
    return result;
  }

  @Override
  public RemoteResult<ServerId> update(ServerId id, MemoryFields memory, IdempotencyKey key) {
    return push("update " + id, Optional.of(id), Optional.of(memory),
        () -> server.update(id, memory, key));
  }

  @Override
  public RemoteResult<ServerId> patch(ServerId id, MemoryPatch patch, IdempotencyKey key) {
    return push("patch " + id, Optional.of(id), Optional.empty(),
        () -> server.patch(id, patch, key));
  }

  @Override
  public RemoteResult<ServerId> delete(ServerId id, IdempotencyKey key) {
    return push("delete " + id, Optional.of(id), Optional.empty(), () -> server.delete(id, key));
  }

  @Override
  public RemoteResult<ChangeSet> changesSince(Optional<String> since) {
    String call = "changesSince " + since.orElse("(everything)");
    if (!keyRefused && pullFailures > 0) {
      pullFailures--;
      return noted(call, new RemoteResult.RetryLater<>(RemoteResult.Why.SERVER_ERROR, "HTTP 503 (armed)"));
    }
    return noted(call, server.changesSince(since));
  }

  @Override
  public RemoteResult<String> checkAuth() {
    return server.checkAuth();
  }

  @Override
  public RemoteResult<RemoteMemory> get(ServerId id) {
    return server.get(id);
  }

  @Override
  public RemoteResult<List<RemoteMemory>> recall(RemoteRecall query) {
    return server.recall(query);
  }

  @Override
  public RemoteResult<List<RemoteMemory>> list(Optional<String> category, int limit) {
    return server.list(category, limit);
  }

  @Override
  public RemoteResult<RemoteSecret> secret(ServerId id) {
    return server.secret(id);
  }

  @Override
  public RemoteResult<ServerId> share(ServerId id, String sharedWith, SharePermission permission) {
    return server.share(id, sharedWith, permission);
  }

  @Override
  public RemoteResult<ServerId> unshare(ServerId id, String sharedWith) {
    return server.unshare(id, sharedWith);
  }

  @Override
  public RemoteResult<String> shareTag(String tag, String sharedWith, SharePermission permission) {
    return server.shareTag(tag, sharedWith, permission);
  }

  @Override
  public RemoteResult<String> unshareTag(String tag, String sharedWith) {
    return server.unshareTag(tag, sharedWith);
  }

  @Override
  public RemoteResult<List<SharedMemory>> sharedWithMe() {
    return server.sharedWithMe();
  }

  @Override
  public RemoteResult<MyShares> myShares() {
    return server.myShares();
  }

  private <T> RemoteResult<T> push(
      String call,
      Optional<ServerId> id,
      Optional<MemoryFields> fields,
      Supplier<RemoteResult<T>> send) {
    String described = call + fields.map(sent -> " '" + sent.content() + "'").orElse("");
    PushFault fault = keyRefused ? null : pushFaults.poll();
    if (fault == null) {
      return noted(described, committed(send.get(), fields));
    }
    trace.accept("    the " + described + " " + fault);
    switch (fault) {
      case FAILS_WITH_503:
        return noted(described, new RemoteResult.RetryLater<>(RemoteResult.Why.SERVER_ERROR, "HTTP 503 (armed)"));
      case REJECTED_FOR_GOOD:
        witness.rejected(id, fields);
        return noted(described, new RemoteResult.Rejected<>(422, "rejected (armed)"));
      case TIMES_OUT_AFTER_COMMIT:
        committed(send.get(), fields);
        return noted(described, new RemoteResult.RetryLater<>(RemoteResult.Why.NO_ANSWER, "timed out after commit (armed)"));
      case CRASHES_THE_PROCESS_BEFORE_SENDING:
        throw new ProcessKilled();
      case CRASHES_THE_PROCESS_AFTER_COMMIT:
        committed(send.get(), fields);
        throw new ProcessKilled();
      case MEETS_A_LOCAL_EDIT:
      case MEETS_A_LOCAL_DELETE:
      case MEETS_ANOTHER_PROCESS_CYCLE:
        witness.inFlight(fault, id, fields);
        return noted(described, committed(send.get(), fields));
      default:
        throw new AssertionError(fault);
    }
  }

  private <T> RemoteResult<T> committed(RemoteResult<T> result, Optional<MemoryFields> fields) {
    if (result instanceof RemoteResult.Ok) {
      Object value = ((RemoteResult.Ok<T>) result).value();
      Optional<ServerId> created =
          value instanceof CreatedMemory ? Optional.of(((CreatedMemory) value).id()) : Optional.empty();
      fields.ifPresent(sent -> witness.committed(sent, created));
    }
    return result;
  }

  private <T> RemoteResult<T> noted(String call, RemoteResult<T> result) {
    trace.accept("    " + call + " -> " + brief(result));
    return result;
  }

  private static String brief(RemoteResult<?> result) {
    Object value = result instanceof RemoteResult.Ok ? ((RemoteResult.Ok<?>) result).value() : null;
    if (value instanceof ChangeSet) {
      ChangeSet changes = (ChangeSet) value;
      StringBuilder text = new StringBuilder("Ok[");
      for (RemoteMemory memory : changes.memories()) {
        text.append(' ').append(memory.id())
            .append(memory.isDeleted() ? " deleted" : " '" + memory.content() + "'");
      }
      return text.append(" ] at ").append(changes.serverTime()).toString();
    }
    if (value instanceof List) {
      return "Ok(" + ((List<?>) value).stream()
          .map(created -> ((CreatedMemory) created).id().toString()).collect(Collectors.joining(", ")) + ")";
    }
    if (value != null) {
      return "Ok(" + (value instanceof CreatedMemory ? ((CreatedMemory) value).id() : value) + ")";
    }
    return result.toString();
  }
}
