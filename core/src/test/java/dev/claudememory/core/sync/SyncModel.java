package dev.claudememory.core.sync;

import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.remote.MemoryFields;
import dev.claudememory.core.remote.RemoteMemory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the local database and the server may hold (SPEC §7, §8), kept from the steps alone and
 * from what the server was seen to commit. Every memory carries its number in its tags ({@code m3}),
 * which every push sends and no look-up reads, so any row on either side tells which memory it is;
 * a server copy is also known by the memory whose create made it. Texts are versioned ({@code
 * m3.2 …} is version 2 of m3), except that memories stored as twins or imported together may share
 * one text: the look-up for a create whose answer was lost must tell them apart by other means,
 * and may take a twin's copy for its own only as long as no memory is lost or held twice (the
 * memory's own fields then go to that copy).
 *
 * <p>Server wins, as the model keeps it: the local row holds the user's newest local write, or a
 * write made on the server after that write had reached it (the engine then had nothing left to
 * push, so the pull may take the server's copy). A server write made while the local write was
 * still unpushed never lands here: the push overwrites it. A memory deleted on either side is
 * exempt from all that and must go, and never come back.
 */
final class SyncModel {
  private static final Pattern NUMBER = Pattern.compile("^m(\\d+)(,|$)");

  /** Both sides as they are after a step. */
  record Snapshot(
      List<Memory> localRows,
      List<PendingOp> ops,
      List<PendingOp> reportedParked,
      List<RemoteMemory> serverRows,
      Map<ServerId, String> serverOriginals) {}

  /** An invariant that does not hold; {@code invariant} names it, the same in every run. */
  static final class BrokenInvariant extends AssertionError {
    private final String invariant;

    BrokenInvariant(String invariant, String details) {
      super(invariant + ": " + details);
      this.invariant = invariant;
    }

    String invariant() {
      return invariant;
    }
  }

  private enum Origin {
    HERE,
    ELSEWHERE
  }

  /** Whether the server rejected this memory's op for good, so that it must wait, parked. */
  private enum Parking {
    NONE,
    PARKED,
    /** Parked, its server copy deleted: a pull may cancel the op with the memory. */
    MAY_VANISH
  }

  /** One memory's history. */
  private static final class History {
    final Origin origin;
    /** The number of the memory whose text it was stored with (its own, unless a twin's). */
    final int group;
    int versions;
    Optional<String> localWrite = Optional.empty();
    boolean localWriteOnServer;
    /** Server writes made with no local write pending: the pull may bring any of them here. */
    final Set<String> winnable = new LinkedHashSet<>();
    boolean deletedHere;
    boolean deletedElsewhere;
    boolean pulledSinceStored;
    boolean goneHere;
    Parking parking = Parking.NONE;
    OptionalInt serverRowsAtDeletion = OptionalInt.empty();

    History(Origin origin, int group) {
      this.origin = origin;
      this.group = group;
    }

    boolean live() {
      return !deletedHere && !deletedElsewhere;
    }

    Set<String> allowedHere() {
      Set<String> allowed = new LinkedHashSet<>();
      localWrite.ifPresent(allowed::add);
      allowed.addAll(winnable);
      return allowed;
    }
  }

  private final Map<Integer, History> memories = new TreeMap<>();
  private final Map<MemoryId, Integer> numbersByLocalId = new HashMap<>();
  /** The memory whose create (or import) made each server copy. */
  private final Map<ServerId, Integer> createdFor = new HashMap<>();

  /** The tags every memory numbered {@code number} carries, first of all. */
  static String tagsOf(int number) {
    return "m" + number;
  }

  static int numberOf(Memory row) {
    return numberInTags(row.tags());
  }

  static int numberOf(RemoteMemory copy) {
    return numberInTags(copy.tags());
  }

  static int numberOf(MemoryFields fields) {
    return numberInTags(fields.tags());
  }

  private static int numberInTags(String tags) {
    Matcher matcher = NUMBER.matcher(tags);
    if (!matcher.find()) {
      throw new IllegalArgumentException("not a model memory's tags: " + tags);
    }
    return Integer.parseInt(matcher.group(1));
  }

  /** Now and then a credential, which the server redacts and the local row must keep. */
  private static String content(int number, int version, boolean secret) {
    return secret
        ? "m" + number + "." + version + " password=s" + number + "x" + version + " for kestrel"
        : "m" + number + "." + version + " plain words for heron";
  }

  boolean knows(int number) {
    return memories.containsKey(number);
  }

  // --- what the steps do ---

  /** The content of a new memory stored here; the store is acknowledged when this returns. */
  String storeHere(int number, boolean secret) {
    History history = new History(Origin.HERE, number);
    memories.put(number, history);
    return wroteHere(number, history, secret);
  }

  /** A new memory stored here with the text another one holds here now. */
  void storeTwin(int number, int twin, String text) {
    History history = new History(Origin.HERE, memories.get(twin).group);
    history.versions = 1;
    history.localWrite = Optional.of(text);
    memories.put(number, history);
  }

  /** The text of a new memory stored here, the same for every memory of {@code group}. */
  String storeShared(int number, int group, boolean secret) {
    History history = new History(Origin.HERE, group);
    history.versions = 1;
    String text = secret
        ? "shared by g" + group + " password=g" + group + "x for kestrel"
        : "shared by g" + group + " plain words for heron";
    history.localWrite = Optional.of(text);
    memories.put(number, history);
    return text;
  }

  String editHere(int number, boolean secret) {
    return wroteHere(number, memories.get(number), secret);
  }

  private String wroteHere(int number, History history, boolean secret) {
    String content = content(number, history.versions++, secret);
    history.localWrite = Optional.of(content);
    history.localWriteOnServer = false;
    history.winnable.clear();
    history.parking = Parking.NONE; // the change merges into the parked op and makes it due
    return content;
  }

  void deletedHere(int number) {
    History history = memories.get(number);
    history.deletedHere = true;
    history.parking = Parking.NONE;
  }

  void seenHere(int number, MemoryId id) {
    numbersByLocalId.put(id, number);
  }

  /** The content another client sends for a new memory. */
  String storeElsewhere(int number, boolean secret) {
    History history = new History(Origin.ELSEWHERE, number);
    memories.put(number, history);
    return content(number, history.versions++, secret);
  }

  String editElsewhere(int number, boolean secret) {
    History history = memories.get(number);
    return content(number, history.versions++, secret);
  }

  /** Another client wrote the memory; the server shows it as {@code shown} (redacted, maybe). */
  void serverWrote(int number, String shown) {
    History history = memories.get(number);
    if (history.localWrite.isEmpty() || history.localWriteOnServer) {
      history.winnable.add(shown);
    }
  }

  void deletedElsewhere(int number) {
    History history = memories.get(number);
    history.deletedElsewhere = true;
    if (history.parking == Parking.PARKED) {
      history.parking = Parking.MAY_VANISH;
    }
  }

  /** The server applied a push of memory {@code number} carrying {@code content}. */
  void committed(int number, String content) {
    History history = memories.get(number);
    if (history.localWrite.filter(content::equals).isPresent()) {
      history.localWriteOnServer = true;
    }
  }

  /** A create (or an import, or another client) of memory {@code number} made the copy {@code id}. */
  void createdOnServer(ServerId id, int number) {
    createdFor.put(id, number);
  }

  /**
   * @param serverCopyDeleted the server's copy is deleted already (elsewhere, or by an earlier
   *     attempt of this very delete whose answer was lost): a pull may cancel the op
   */
  void rejected(int number, boolean serverCopyDeleted) {
    History history = memories.get(number);
    history.parking =
        history.deletedElsewhere || serverCopyDeleted ? Parking.MAY_VANISH : Parking.PARKED;
  }

  void parkedRetried() {
    memories.values().forEach(history -> history.parking = Parking.NONE);
  }

  /** A pull succeeded: every memory stored elsewhere so far must be here now, unless deleted. */
  void pulled() {
    memories.values().stream()
        .filter(history -> history.origin == Origin.ELSEWHERE)
        .forEach(history -> history.pulledSinceStored = true);
  }

  // --- the checks ---

  /** What must hold after every step, whatever failed. */
  void check(Snapshot now) {
    Map<Integer, List<Memory>> here = byNumber(now.localRows(), SyncModel::numberOf);
    Map<Integer, List<RemoteMemory>> everOnServer = byNumber(now.serverRows(), this::createdFor);
    here.forEach((number, rows) -> {
      require(rows.size() == 1, "a memory is held twice here",
          () -> "m" + number + " as rows " + ids(rows));
      numbersByLocalId.put(rows.get(0).id(), number);
    });
    everOnServer.forEach((number, rows) -> require(rows.size() == 1,
        "a memory was created twice on the server", () -> "m" + number + " as " + serverIds(rows)));
    for (Memory row : now.localRows()) {
      int number = numberOf(row);
      row.serverId().ifPresent(id -> require(
          now.serverRows().stream().anyMatch(copy -> copy.id().equals(id)
              && (numberOf(copy) == number || sameText(createdFor(copy), number))),
          "a local row is linked to another memory's server copy",
          () -> "m" + number + " '" + row.content() + "' with server id " + id));
    }
    memories.forEach((number, history) -> {
      Optional<Memory> row = here.getOrDefault(number, List.of()).stream().findFirst();
      int serverRows = everOnServer.getOrDefault(number, List.of()).size();
      checkHere(number, history, row);
      if (!history.live()) {
        if (history.serverRowsAtDeletion.isEmpty()) {
          history.serverRowsAtDeletion = OptionalInt.of(serverRows);
        }
        require(serverRows <= history.serverRowsAtDeletion.getAsInt(),
            "a deleted memory was created again on the server", () -> "m" + number);
        history.goneHere |= row.isEmpty();
      }
    });
    checkParked(now);
  }

  private void checkHere(int number, History history, Optional<Memory> row) {
    String memory = "m" + number;
    if (history.deletedHere) {
      require(row.isEmpty(), "a memory deleted here came back", () -> memory);
      return;
    }
    if (history.goneHere) {
      require(row.isEmpty(), "a memory deleted elsewhere came back here", () -> memory);
      return;
    }
    if (!history.live()) {
      return; // deleted elsewhere: it goes with the next pull (or the push that finds it gone)
    }
    if (history.origin == Origin.HERE) {
      require(row.isPresent(), "an acknowledged write was lost", () -> memory + " is not here");
    } else if (history.pulledSinceStored) {
      require(row.isPresent(), "a memory stored elsewhere is missing after a pull", () -> memory);
    } else {
      require(row.isEmpty(), "a memory stored elsewhere is here before any pull", () -> memory);
    }
    row.ifPresent(present -> require(history.allowedHere().contains(present.content()),
        "a write was lost or overwritten",
        () -> "here '" + present.content() + "', allowed " + history.allowedHere()));
  }

  private void checkParked(Snapshot now) {
    Set<Integer> reported = new LinkedHashSet<>();
    for (PendingOp op : now.reportedParked()) {
      Optional<Integer> number = op.memoryId().map(numbersByLocalId::get);
      require(number.isPresent() && memories.get(number.get()).parking != Parking.NONE,
          "an op is parked that the server never rejected", () -> op.toString());
      reported.add(number.get());
    }
    memories.forEach((number, history) -> require(
        history.parking != Parking.PARKED || reported.contains(number),
        "a rejected op is not reported as parked", () -> "m" + number + "; queued: " + now.ops()));
  }

  /**
   * What must hold after a cycle that nothing stood in the way of (no fault armed, the key
   * accepted, the lease free, every op due): the server holds exactly the live memories, each
   * once and as here, and nothing but parked ops is left queued.
   */
  void checkSettled(Snapshot now) {
    require(now.ops().stream().allMatch(PendingOp::isParked),
        "ops are left queued after a clean cycle", () -> now.ops().toString());
    Map<Integer, Memory> here = byNumber(now.localRows(), SyncModel::numberOf).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().get(0)));
    List<RemoteMemory> liveRows =
        now.serverRows().stream().filter(row -> !row.isDeleted()).collect(Collectors.toList());
    Map<Integer, RemoteMemory> live = byNumber(liveRows, SyncModel::numberOf).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().get(0)));
    for (int number : live.keySet()) {
      History history = memories.get(number);
      require(history.live() || history.parking != Parking.NONE,
          "a deleted memory is still live on the server after a clean cycle", () -> "m" + number);
    }
    memories.forEach((number, history) -> {
      if (history.parking != Parking.NONE) {
        return; // the server has not taken its last change: it holds the one before
      }
      String memory = "m" + number;
      if (!history.live()) {
        require(!here.containsKey(number),
            "a memory deleted elsewhere is still here after a clean cycle", () -> memory);
        return;
      }
      RemoteMemory copy = live.get(number);
      require(copy != null, "a live memory is missing on the server after a clean cycle",
          () -> memory);
      Memory row = here.get(number);
      require(row != null, "an acknowledged write was lost", () -> memory + " is not here");
      require(row.serverId().filter(copy.id()::equals).isPresent(),
          "a local row is not linked to its server copy after a clean cycle",
          () -> memory + " here " + row.serverId() + ", on the server " + copy.id());
      require(row.content().equals(now.serverOriginals().get(copy.id()))
              || row.content().equals(copy.content()),
          "the server and the local row disagree after a clean cycle",
          () -> "here '" + row.content() + "', on the server '" + copy.content() + "'");
    });
  }

  private static <T> Map<Integer, List<T>> byNumber(List<T> items, ToIntFunction<T> number) {
    Map<Integer, List<T>> grouped = new TreeMap<>();
    for (T item : items) {
      grouped.computeIfAbsent(number.applyAsInt(item), key -> new ArrayList<>()).add(item);
    }
    return grouped;
  }

  /** The memory whose create made this copy; by its tags when no create was seen to make it. */
  private int createdFor(RemoteMemory copy) {
    return createdFor.getOrDefault(copy.id(), numberOf(copy));
  }

  /** Whether two memories were stored with one text, so that a look-up may mistake one for the other. */
  private boolean sameText(int one, int other) {
    return memories.containsKey(one) && memories.containsKey(other)
        && memories.get(one).group == memories.get(other).group;
  }

  private static List<MemoryId> ids(List<Memory> rows) {
    return rows.stream().map(Memory::id).collect(Collectors.toList());
  }

  private static List<ServerId> serverIds(List<RemoteMemory> rows) {
    return rows.stream().map(RemoteMemory::id).collect(Collectors.toList());
  }

  /** @param details what the failure message shows, worked out only on failure */
  static void require(boolean holds, String invariant, Supplier<String> details) {
    if (!holds) {
      throw new BrokenInvariant(invariant, details.get());
    }
  }
}
