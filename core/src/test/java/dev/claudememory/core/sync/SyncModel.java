package dev.claudememory.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.fakes.FakeRemoteMemoryApi.Call;
import dev.claudememory.core.fakes.FakeRemoteMemoryApi.Operation;
import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.port.LegacyOp;
import dev.claudememory.core.port.RemoteMemoryApi;
import dev.claudememory.core.remote.ChangeSet;
import dev.claudememory.core.remote.MemoryFields;
import dev.claudememory.core.remote.RemoteMemory;
import dev.claudememory.core.remote.RemoteResult;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A random life of one database and the server: local stores, edits and deletes; pushes that
 * succeed, fail, lose their answer after the server committed, are rejected or crash the
 * process; other machines' stores, edits and deletes; pulls; restarts; a second process on the
 * same file; a slow server. Every memory is one "logical" memory whose versions all carry its
 * number ({@code m12.3 …} is version 3 of memory 12), so where a memory went can be told from any
 * of its texts.
 */
final class SyncModel {
  private static final Pattern LOGICAL = Pattern.compile("^m(\\d+)\\.");
  private static final Duration SETTLE_STEP = Duration.ofMinutes(10);

  private final Random random;
  private final SyncRig rig = new SyncRig();
  private final List<String> trace = new ArrayList<>();
  private final Map<Integer, Integer> versions = new TreeMap<>();
  private final Set<Integer> deleted = new HashSet<>();
  private SyncEngine engine;
  private SyncEngine other;
  private int processes;
  private boolean rejectionScripted;
  /** The engine whose API call is under way. */
  private String calling = "";

  /** A process died in the middle of a call. */
  private static final class SimulatedCrash extends RuntimeException {
    SimulatedCrash() {
      super("the process was killed", null, false, false);
    }
  }

  SyncModel(long seed) {
    this.random = new Random(seed);
    if (random.nextInt(3) == 0) {
      upgradeFromPython();
    }
    startProcess();
  }

  /**
   * The database starts as the Python version left it: rows it synced, rows whose POST may have
   * reached the server days ago (queued or not), and deletes it queued.
   */
  private void upgradeFromPython() {
    note("--- the database was the Python version's ---");
    List<LegacyOp> legacy = new ArrayList<>();
    int rows = 1 + random.nextInt(5);
    for (int row = 1; row <= rows; row++) {
      int memory = versions.size() + 1;
      versions.put(memory, 0);
      String content = content(memory, 0);
      boolean onServer = random.nextBoolean();
      Optional<ServerId> copy =
          onServer
              ? Optional.of(rig.api.commitLate(content, SyncRig.T0.minus(Duration.ofDays(2))))
              : Optional.empty();
      int shape = random.nextInt(4);
      boolean synced = onServer && shape == 0;
      rig.store.putRow(new Memory(new MemoryId(row), synced ? copy : Optional.empty(), content,
          Category.DEFAULT, "", "", 0.5, false, "2025-03-01T10:00:00.000000+00:00",
          "2025-03-01T10:00:00.000000+00:00"));
      if (!synced && shape != 3) {
        legacy.add(new LegacyOp(legacy.size() + 1, "store", Optional.of(new MemoryId(row)),
            Optional.empty()));
      }
      note("python row #%d '%s' %s%s", row, content,
          copy.map(id -> "copy " + id).orElse("not on the server"),
          synced ? ", synced" : shape == 3 ? ", orphan" : ", store queued");
    }
    int deletes = random.nextInt(3);
    for (int i = 0; i < deletes; i++) {
      int memory = versions.size() + 1;
      versions.put(memory, 0);
      String content = content(memory, 0);
      ServerId copy = rig.api.commitLate(content, SyncRig.T0.minus(Duration.ofDays(2)));
      deleted.add(memory);
      legacy.add(new LegacyOp(legacy.size() + 1, "delete", Optional.empty(), Optional.of(copy)));
      note("python deleted '%s', delete of %s queued", content, copy);
    }
    rig.store.setLegacyOps(legacy);
  }

  /** What happened, then what each side holds now. */
  String trace() {
    StringBuilder text = new StringBuilder(String.join("\n", trace));
    text.append("\n--- local rows ---");
    rig.localRows().forEach(memory -> text.append("\n#").append(memory.id()).append(" server ")
        .append(memory.serverId().map(ServerId::toString).orElse("none")).append(" '")
        .append(memory.content()).append('\''));
    text.append("\n--- queued ops ---");
    rig.ops().forEach(op -> text.append('\n').append(op));
    text.append("\n--- server rows ---");
    rig.api.liveMemories().forEach(memory -> text.append('\n').append(memory.id()).append(" '")
        .append(memory.content()).append('\''));
    text.append("\n--- calls the server received ---");
    rig.api.calls().forEach(call -> text.append('\n').append(call.operation())
        .append(call.id().map(id -> " " + id).orElse(""))
        .append(call.fields().map(fields -> " '" + fields.content() + "'").orElse(""))
        .append(call.since().map(since -> " since " + since).orElse("")));
    return text.toString();
  }

  /** {@code steps} random actions, faults and all. */
  void run(int steps) {
    for (int step = 0; step < steps; step++) {
      int dice = random.nextInt(100);
      if (dice < 16) {
        localStore();
      } else if (dice < 26) {
        localEdit();
      } else if (dice < 32) {
        localDelete();
      } else if (dice < 45) {
        sync("runCycle", () -> engine.runCycle());
      } else if (dice < 52) {
        sync("push", () -> engine.push());
      } else if (dice < 56) {
        int n = 1 + random.nextInt(3);
        note("api: the next %d calls fail", n);
        rig.api.failNextCalls(n);
      } else if (dice < 59) {
        Operation operation = pick(List.of(Operation.CREATE, Operation.UPDATE, Operation.DELETE,
            Operation.CHANGES_SINCE, Operation.CHECK_AUTH));
        note("api: the next %s fails", operation);
        rig.api.failNext(operation, 1);
      } else if (dice < 63) {
        int n = 1 + random.nextInt(2);
        note("api: the next %d creates lose their answer after committing", n);
        rig.api.loseNextCreateAnswers(n);
      } else if (dice < 65) {
        boolean failing = random.nextBoolean();
        note("api: the key is %s", failing ? "refused" : "accepted");
        rig.api.setAuthFailing(failing);
      } else if (dice < 70) {
        serverEdit();
      } else if (dice < 74) {
        serverDelete();
      } else if (dice < 77) {
        serverStore();
      } else if (dice < 80) {
        restart();
      } else if (dice < 83) {
        crashDuringNextCall();
      } else if (dice < 87) {
        localChangeDuringNextCall();
      } else if (dice < 89) {
        sync("other process runCycle", () -> other.runCycle());
      } else if (dice < 90) {
        note("the other process will sync during the next create");
        // the process not making the call: one engine never runs inside its own call
        rig.api.beforeNext(
            Operation.CREATE, call -> (calling.startsWith("other") ? engine : other).runCycle());
      } else if (dice < 98) {
        long seconds = random.nextInt(90);
        note("clock +%ds", seconds);
        rig.advance(Duration.ofSeconds(seconds));
      } else if (dice < 99) {
        note("clock +10min");
        rig.advance(SETTLE_STEP);
      } else {
        int seconds = random.nextInt(3) * 10;
        note("api: every call takes %ds", seconds);
        rig.api.setCallDuration(Duration.ofSeconds(seconds));
      }
    }
  }

  /** The faults stop; clean cycles run; parked ops (only from scripted rejections) are retried. */
  void settle() {
    note("--- the faults stop ---");
    rig.api.behave();
    cleanCycles(4);
    List<PendingOp> parked =
        rig.ops().stream().filter(PendingOp::isParked).collect(Collectors.toList());
    if (!rejectionScripted) {
      assertThat(parked).as("parked ops with no rejection scripted").isEmpty();
    }
    note("the user retries %d parked ops", parked.size());
    rig.store.write(
        writer -> {
          for (PendingOp op : parked) {
            writer.outbox().save(op.retried(rig.clock.instant()));
          }
          return null;
        });
    cleanCycles(4);
  }

  /** Exactly the live memories, on both sides, each once; nothing lost, nothing come back. */
  void checkInvariants() {
    List<Memory> local = rig.localRows();
    List<RemoteMemory> live = rig.api.liveMemories();
    assertThat(rig.ops()).as("queued ops after settling").isEmpty();
    assertThat(local).as("local rows without a server id")
        .allSatisfy(memory -> assertThat(memory.serverId()).isPresent());
    Map<ServerId, RemoteMemory> byId =
        live.stream().collect(Collectors.toMap(RemoteMemory::id, memory -> memory));
    assertThat(local.stream().map(memory -> memory.serverId().orElseThrow()))
        .as("server ids of the local rows")
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(byId.keySet());
    for (Memory memory : local) {
      RemoteMemory copy = byId.get(memory.serverId().orElseThrow());
      assertThat(ContentMatch.sameMemory(copy.content(), memory.content()))
          .as("local %s is the server's %s", memory.content(), copy.content())
          .isTrue();
    }
    List<Integer> localLogical =
        local.stream().map(memory -> logical(memory.content())).collect(Collectors.toList());
    List<Integer> serverLogical =
        live.stream().map(memory -> logical(memory.content())).collect(Collectors.toList());
    assertThat(localLogical).as("memories held twice locally").doesNotHaveDuplicates();
    assertThat(serverLogical).as("memories held twice on the server").doesNotHaveDuplicates();
    assertThat(localLogical).as("deleted memories come back").doesNotContainAnyElementsOf(deleted);
    Set<Integer> expected = new HashSet<>(versions.keySet());
    expected.removeAll(deleted);
    assertThat(localLogical).as("memories never deleted").containsExactlyInAnyOrderElementsOf(expected);
  }

  // --- local changes ---

  private void localStore() {
    int memory = versions.size() + 1;
    versions.put(memory, 0);
    String content = content(memory, 0);
    maybeReject(content);
    Memory stored = rig.store(content);
    note("store #%d '%s'", stored.id().value(), content);
  }

  private void localEdit() {
    Optional<Memory> target = anyLocal();
    if (target.isEmpty()) {
      return;
    }
    int memory = logical(target.get().content());
    String content = nextVersion(memory);
    maybeReject(content);
    note("edit #%d to '%s'", target.get().id().value(), content);
    rig.edit(target.get().id(), content);
  }

  private void localDelete() {
    Optional<Memory> target = anyLocal();
    if (target.isEmpty()) {
      return;
    }
    note("delete #%d '%s'", target.get().id().value(), target.get().content());
    deleted.add(logical(target.get().content()));
    rig.delete(target.get().id());
  }

  /** During the next create or update, the user edits or deletes that memory (or another). */
  private void localChangeDuringNextCall() {
    Operation operation = random.nextBoolean() ? Operation.CREATE : Operation.UPDATE;
    boolean delete = random.nextInt(3) == 0;
    note("the user will %s a memory during the next %s", delete ? "delete" : "edit", operation);
    rig.api.beforeNext(
        operation,
        call -> {
          Optional<Memory> target = inFlight(call).or(this::anyLocal);
          if (target.isEmpty()) {
            return;
          }
          if (delete) {
            localDeleteOf(target.get());
          } else {
            String content = nextVersion(logical(target.get().content()));
            note("  (in flight) edit #%d to '%s'", target.get().id().value(), content);
            rig.edit(target.get().id(), content);
          }
        });
  }

  private void localDeleteOf(Memory target) {
    note("  (in flight) delete #%d '%s'", target.id().value(), target.content());
    deleted.add(logical(target.content()));
    rig.delete(target.id());
  }

  // --- other machines ---

  private void serverStore() {
    int memory = versions.size() + 1;
    versions.put(memory, 0);
    String content = content(memory, 0) + " (laptop)";
    ServerId id = rig.api.createElsewhere(content);
    note("laptop stores %s '%s'", id, content);
  }

  /**
   * Another machine edits a memory it has pulled: one this database knows by its server id. (A
   * copy nobody has pulled yet, whose create answer was lost here, is found again by its text;
   * an edit of it before that is beyond what any client can tell apart.)
   */
  private void serverEdit() {
    List<RemoteMemory> known =
        rig.api.liveMemories().stream()
            .filter(memory -> rig.store.read(reader -> reader.findByServerId(memory.id())).isPresent())
            .collect(Collectors.toList());
    if (known.isEmpty()) {
      return;
    }
    RemoteMemory target = pick(known);
    String content = nextVersion(logical(target.content())) + " (laptop)";
    note("laptop edits %s to '%s'", target.id(), content);
    rig.api.editElsewhere(target.id(), content);
  }

  private void serverDelete() {
    List<RemoteMemory> live = rig.api.liveMemories();
    if (live.isEmpty()) {
      return;
    }
    RemoteMemory target = pick(live);
    note("laptop deletes %s '%s'", target.id(), target.content());
    deleted.add(logical(target.content()));
    rig.api.deleteElsewhere(target.id());
  }

  // --- processes ---

  private void restart() {
    int kind = random.nextInt(3);
    if (kind == 0) {
      note("graceful restart");
      engine.stop();
    } else {
      note(kind == 1 ? "crash (kill -9) and restart" : "crash, reopen the database and restart");
    }
    if (kind == 2) {
      rig.reopen();
    }
    startProcess();
  }

  /** The next mutating call kills the process, before or after the server applied it. */
  private void crashDuringNextCall() {
    Operation operation = pick(List.of(Operation.CREATE, Operation.UPDATE, Operation.DELETE));
    boolean afterCommit = random.nextBoolean();
    note("the process will die during the next %s, %s the server applies it", operation,
        afterCommit ? "after" : "before");
    Consumer<Call> crash = call -> {
      throw new SimulatedCrash();
    };
    if (afterCommit) {
      rig.api.afterNext(operation, crash);
    } else {
      rig.api.beforeNext(operation, crash);
    }
  }

  private void startProcess() {
    processes++;
    engine = rig.engine("process-" + processes, SyncRig.OPTIONS, traced("process-" + processes));
    other = rig.engine("other-" + processes, SyncRig.OPTIONS, traced("other-" + processes));
    engine.start();
  }

  /** The fake API, each call and its answer noted in the trace under the caller's name. */
  private RemoteMemoryApi traced(String holder) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          Object result;
          String outer = calling;
          calling = holder;
          try {
            result = method.invoke(rig.api, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          } finally {
            calling = outer;
          }
          note("  %s: %s(%s) -> %s", holder, method.getName(),
              args == null ? "" : Arrays.stream(args).map(SyncModel::brief)
                  .collect(Collectors.joining(", ")),
              brief(result));
          return result;
        };
    return (RemoteMemoryApi)
        Proxy.newProxyInstance(
            RemoteMemoryApi.class.getClassLoader(), new Class<?>[] {RemoteMemoryApi.class}, handler);
  }

  private static String brief(Object value) {
    if (value instanceof MemoryFields) {
      return "'" + ((MemoryFields) value).content() + "'";
    }
    if (value instanceof RemoteResult.Ok && ((RemoteResult.Ok<?>) value).value() instanceof ChangeSet) {
      ChangeSet changes = (ChangeSet) ((RemoteResult.Ok<?>) value).value();
      return "Ok(" + changes.memories().stream()
          .map(memory -> memory.id() + (memory.isDeleted() ? " deleted" : " '" + memory.content() + "'"))
          .collect(Collectors.joining(", ", "[", "]")) + " at " + changes.serverTime() + ")";
    }
    if (value instanceof IdempotencyKey) {
      return "key";
    }
    return String.valueOf(value);
  }

  private void sync(String what, Supplier<Object> work) {
    note("%s -> %s", what, guarded(work));
  }

  /** Runs engine work; a simulated crash restarts the process (with its database reopened). */
  private Object guarded(Supplier<Object> work) {
    try {
      return work.get();
    } catch (SimulatedCrash crash) {
      note("  *** the process died; it restarts");
      rig.reopen();
      startProcess();
      return "crashed";
    }
  }

  private void cleanCycles(int cycles) {
    for (int i = 0; i < cycles; i++) {
      rig.advance(SETTLE_STEP);
      CycleReport report = engine.runCycle();
      note("clean runCycle -> ran=%s %s pulled=%s full=%s", report.ran(), report.push(),
          report.pulled(), report.full());
    }
  }

  // --- helpers ---

  private void maybeReject(String content) {
    if (random.nextInt(25) == 0) {
      note("api: will reject '%s' with 422", content);
      rejectionScripted = true;
      rig.api.rejectContent(content, "scripted rejection");
    }
  }

  private String nextVersion(int memory) {
    int version = versions.merge(memory, 1, Integer::sum);
    return content(memory, version);
  }

  /** Now and then a credential, which the server redacts. */
  private String content(int memory, int version) {
    return random.nextInt(5) == 0
        ? "m" + memory + "." + version + " password=s" + memory + "x" + version + " for kestrel"
        : "m" + memory + "." + version + " plain words for heron";
  }

  private Optional<Memory> anyLocal() {
    List<Memory> rows = rig.localRows();
    return rows.isEmpty() ? Optional.empty() : Optional.of(pick(rows));
  }

  private Optional<Memory> inFlight(Call call) {
    return call.fields().flatMap(fields -> rig.localRows().stream()
        .filter(memory -> memory.content().equals(fields.content()))
        .findFirst());
  }

  private static int logical(String content) {
    Matcher matcher = LOGICAL.matcher(content);
    if (!matcher.find()) {
      throw new AssertionError("not a model memory: " + content);
    }
    return Integer.parseInt(matcher.group(1));
  }

  private <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  private void note(String format, Object... args) {
    trace.add(String.format("%4d  %s  %s", trace.size(), rig.clock.instant(), String.format(format, args)));
  }
}
