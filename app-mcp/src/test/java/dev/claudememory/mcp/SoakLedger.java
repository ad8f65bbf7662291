package dev.claudememory.mcp;

import dev.claudememory.testkit.Redactor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the soak's clients were told: every memory they stored, updated and deleted, with how sure
 * they can be of it. An answer read is an acknowledgement; a call whose process was killed before
 * its answer arrived may or may not have taken effect, and the ledger keeps both possibilities.
 *
 * <p>Each memory has a token, its identity in the ledger. A note's content carries it ({@code
 * Soak note a17 version 3: …}), so a note is known by its token wherever it turns up. A repeated
 * text ({@code Soak repeated note 2: …}) is held by several memories at once, stored by one client
 * or by several: those are counted per text, and each text must be held as many times as the
 * memories that hold it for sure, and no more than those that may hold it.
 *
 * <p>Writes to one memory are ordered, so its last acknowledged content is well defined: a memory
 * is written by one client at a time ({@link #claim}), clients on one database file write it in
 * turn (the file orders their writes), and it goes over to the other file only once the server
 * and both files agree on its one possible content ({@link #handOver}): that file's writes then
 * come after every earlier one reached the server. Once the API has lost its data a server id may
 * name another memory, so a repeated text is no longer handed over.
 *
 * <p>Memories another deployment of the API holds ({@link #seeded}) are on the server without any
 * client writing them: the clients pull them, and they must stay there once, unchanged, while
 * that deployment serves. After the API loses its data again ({@link #apiLostItsData}) they may be
 * there at most once.
 *
 * <p>Thread-safe.
 */
final class SoakLedger {
  /** Every secret the soak stores starts with this: finding it anywhere finds a leak. */
  static final String SECRET_PREFIX = "soaksecret";
  static final Pattern SECRET = Pattern.compile(SECRET_PREFIX + "[a-z0-9]+");
  /** The owner of memories another deployment holds: no client writes them. */
  static final String DEPLOYMENT = "the deployment";
  private static final Pattern TOKEN = Pattern.compile("^Soak (?:note|seed) ([a-z][a-z0-9]*) version \\d+:");
  private static final String REPEATED = "Soak repeated note ";

  /** Where a memory stands for the clients that write it. */
  enum State {
    /** Stored and acknowledged; no delete was tried. */
    LIVE,
    /** The store was never acknowledged: it may exist or not, and is never touched again. */
    MAYBE_STORED,
    /** The delete was tried but never acknowledged: it may exist or not. */
    MAYBE_DELETED,
    /** The delete was acknowledged. */
    DELETED
  }

  enum Family {
    /** Content with its token in it. */
    NOTE,
    /** One of the repeated texts. */
    REPEATED,
    /** A memory another deployment of the API holds. */
    SEED
  }

  /**
   * A memory a client may write now, held for it until its write is recorded or it is released.
   *
   * @param owner the database file whose clients write it, or {@link #DEPLOYMENT}
   * @param ownerLocalId its id in that file
   * @param content its one possible content, when it has one
   */
  record Claim(String token, Family family, String owner, long ownerLocalId, Optional<String> content) {}

  /** What the final check found. */
  record Verdict(int lost, int duplicated, int resurrected, List<String> problems) {}

  private static final class Entry {
    final String token;
    final Family family;
    final String storedBy;
    String owner;
    final Map<String, Long> localIds = new HashMap<>();
    State state;
    /** Contents it may hold: the last acknowledged one and any unacknowledged later ones. */
    final Set<String> possibleContents = new LinkedHashSet<>();
    int version;
    boolean claimed;

    Entry(String token, Family family, String storedBy, String owner, String content, State state) {
      this.token = token;
      this.family = family;
      this.storedBy = storedBy;
      this.owner = owner;
      this.state = state;
      possibleContents.add(content);
    }

    Optional<String> onlyContent() {
      return possibleContents.size() == 1 ? Optional.of(possibleContents.iterator().next()) : Optional.empty();
    }

    /** Whether a content found somewhere is one this memory may hold: as sent, or as the API redacts it. */
    boolean mayHold(String content) {
      return possibleContents.contains(content)
          || possibleContents.stream().anyMatch(possible -> Redactor.redact(possible).equals(content));
    }
  }

  // by token, so every choice among them is made in one order
  private final Map<String, Entry> entries = new TreeMap<>();
  private boolean serverIdsReused;

  static String note(String token, int version, String words) {
    return "Soak note " + token + " version " + version + ": " + words;
  }

  /** A note with a credential in it, which the API redacts and recall must mask. */
  static String sensitiveNote(String token, int version, String words, String secret) {
    return note(token, version, words) + " password=" + SECRET_PREFIX + secret;
  }

  static String repeated(int number, String words) {
    return REPEATED + number + ": " + words;
  }

  static String seed(String token, String words) {
    return "Soak seed " + token + " version 0: " + words;
  }

  static Optional<String> tokenOf(String content) {
    Matcher matcher = TOKEN.matcher(content);
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  static boolean isRepeated(String content) {
    return content.startsWith(REPEATED);
  }

  synchronized void stored(String token, Family family, String client, String file, String content, long localId) {
    Entry entry = add(new Entry(token, family, client, file, content, State.LIVE));
    entry.localIds.put(file, localId);
  }

  synchronized void storeUnanswered(String token, Family family, String client, String file, String content) {
    add(new Entry(token, family, client, file, content, State.MAYBE_STORED));
  }

  /** A memory another deployment holds, as the clients will find it there. */
  synchronized void seeded(String token, String content) {
    add(new Entry(token, Family.SEED, DEPLOYMENT, DEPLOYMENT, content, State.LIVE));
  }

  /**
   * The API lost its data: from now on a server id may name another memory than the one a row was
   * linked to. Memories another deployment held that the server no longer holds ({@code heldNow},
   * its contents after the loss) come back only if a client pulled them before and sends them
   * again: they may be there or not. That includes a restored backup taken before that deployment
   * served.
   */
  synchronized void apiLostItsData(Collection<String> heldNow) {
    serverIdsReused = true;
    Set<String> tokensHeld = new HashSet<>();
    heldNow.forEach(content -> tokenOf(content).ifPresent(tokensHeld::add));
    entries.values().stream()
        .filter(entry -> entry.family == Family.SEED && entry.state == State.LIVE)
        .filter(entry -> !tokensHeld.contains(entry.token))
        .forEach(entry -> entry.state = State.MAYBE_STORED);
  }

  /** Whether the API has lost its data, so server ids may have been handed out again. */
  synchronized boolean serverIdsReused() {
    return serverIdsReused;
  }

  /**
   * Claims a live memory for {@code client} on {@code file} to write, chosen by {@code pick} among
   * those {@code whose} names; empty when there is none. A memory of the other file comes with
   * its one possible content, and is the client's only once {@link #handOver handed over}.
   */
  synchronized Optional<Claim> claim(String client, String file, SoakPlan.Whose whose, int pick) {
    List<Entry> candidates = new ArrayList<>();
    for (Entry entry : entries.values()) {
      boolean writable = entry.state == State.LIVE && !entry.claimed && entry.family != Family.SEED;
      boolean wanted;
      switch (whose) {
        case OWN:
          wanted = entry.owner.equals(file) && entry.storedBy.equals(client);
          break;
        case SAME_FILE:
          wanted = entry.owner.equals(file) && !entry.storedBy.equals(client);
          break;
        case OTHER_FILE:
          // once ids are handed out again, a repeated text on a server id no longer tells which
          // memory it is; a note's content still does
          wanted = !entry.owner.equals(file) && entry.onlyContent().isPresent()
              && !(serverIdsReused && entry.family == Family.REPEATED);
          break;
        default:
          throw new AssertionError(whose);
      }
      if (writable && wanted) {
        candidates.add(entry);
      }
    }
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    Entry chosen = candidates.get(Math.floorMod(pick, candidates.size()));
    chosen.claimed = true;
    return Optional.of(
        new Claim(chosen.token, chosen.family, chosen.owner, chosen.localIds.get(chosen.owner), chosen.onlyContent()));
  }

  /** The claimed memory now belongs to {@code file}, where it has {@code localId}. */
  synchronized void handOver(String token, String file, long localId) {
    Entry entry = entries.get(token);
    entry.owner = file;
    entry.localIds.put(file, localId);
  }

  synchronized void release(String token) {
    entries.get(token).claimed = false;
  }

  synchronized long localIdIn(String token, String file) {
    return entries.get(token).localIds.get(file);
  }

  /** The memory that has {@code localId} in {@code file}, if the ledger knows one. */
  synchronized Optional<String> tokenAt(String file, long localId) {
    return entries.values().stream()
        .filter(entry -> Long.valueOf(localId).equals(entry.localIds.get(file)))
        .map(entry -> entry.token)
        .findFirst();
  }

  synchronized Set<String> possibleContents(String token) {
    return Set.copyOf(entries.get(token).possibleContents);
  }

  /** The next version number for an update of this note. */
  synchronized int nextVersion(String token) {
    return ++entries.get(token).version;
  }

  synchronized void updated(String token, String content) {
    Entry entry = entries.get(token);
    entry.possibleContents.clear();
    entry.possibleContents.add(content);
    entry.claimed = false;
  }

  synchronized void updateUnanswered(String token, String content) {
    Entry entry = entries.get(token);
    entry.possibleContents.add(content);
    entry.claimed = false;
  }

  synchronized void deleted(String token) {
    Entry entry = entries.get(token);
    entry.state = State.DELETED;
    entry.claimed = false;
  }

  synchronized void deleteUnanswered(String token) {
    Entry entry = entries.get(token);
    entry.state = State.MAYBE_DELETED;
    entry.claimed = false;
  }

  /**
   * Checks contents held somewhere (the server's live memories as the clients sent them, or one
   * file's rows, where a memory pulled back may hold the API's redacted text) against the ledger:
   * every acknowledged live note present once with its last acknowledged content (else lost or
   * duplicated), no note whose delete was acknowledged (else resurrected), the uncertain ones at
   * most once and with a content they may hold, each repeated text as often as described above,
   * nothing the ledger does not know.
   */
  synchronized Verdict check(String where, Collection<String> contents) {
    Map<String, List<String>> byToken = new HashMap<>();
    Map<String, Integer> repeatedHeld = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    for (String content : contents) {
      Optional<String> token = tokenOf(content);
      if (token.isPresent() && entries.containsKey(token.get())) {
        byToken.computeIfAbsent(token.get(), key -> new ArrayList<>()).add(content);
      } else if (isRepeated(content)) {
        repeatedHeld.merge(content, 1, Integer::sum);
      } else {
        problems.add(where + " holds a memory no client wrote: " + content);
      }
    }
    int[] lostDuplicatedResurrected = new int[3];
    for (Entry entry : entries.values()) {
      if (entry.family != Family.REPEATED) {
        checkNote(where, entry, byToken.getOrDefault(entry.token, List.of()), lostDuplicatedResurrected, problems);
      }
    }
    Set<String> texts = new TreeSet<>(repeatedHeld.keySet());
    entries.values().stream().filter(entry -> entry.family == Family.REPEATED)
        .forEach(entry -> texts.addAll(entry.possibleContents));
    for (String text : texts) {
      checkRepeated(where, text, repeatedHeld.getOrDefault(text, 0), lostDuplicatedResurrected, problems);
    }
    return new Verdict(
        lostDuplicatedResurrected[0], lostDuplicatedResurrected[1], lostDuplicatedResurrected[2], problems);
  }

  private static void checkNote(String where, Entry entry, List<String> held, int[] counts, List<String> problems) {
    if (held.size() > 1) {
      counts[1]++;
      problems.add(where + " holds " + entry.token + " " + held.size() + " times: " + held);
    }
    if (entry.state == State.DELETED && !held.isEmpty()) {
      counts[2]++;
      problems.add(where + " holds " + entry.token + " after its delete was acknowledged: " + held);
      return;
    }
    if (entry.state == State.LIVE && held.isEmpty()) {
      counts[0]++;
      problems.add(where + " lost " + entry.token + ", last acknowledged as " + entry.possibleContents);
      return;
    }
    // a stale copy beside one as acknowledged is a duplicate (counted above), not a loss
    boolean heldAsAcknowledged = held.stream().anyMatch(entry::mayHold);
    for (String content : held) {
      if (!entry.mayHold(content)) {
        problems.add(where + " holds " + entry.token + " as \"" + content + "\", not as acknowledged: "
            + entry.possibleContents);
      }
    }
    if (!held.isEmpty() && !heldAsAcknowledged) {
      counts[0]++;
    }
  }

  private void checkRepeated(String where, String text, int held, int[] counts, List<String> problems) {
    int surely = 0;
    int atMost = 0;
    int deleted = 0;
    List<String> holders = new ArrayList<>();
    for (Entry entry : entries.values()) {
      if (entry.family != Family.REPEATED || !entry.possibleContents.contains(text)) {
        continue;
      }
      if (entry.state == State.DELETED) {
        deleted++;
        continue;
      }
      atMost++;
      if (entry.state == State.LIVE && entry.possibleContents.size() == 1) {
        surely++;
        holders.add(entry.token + " " + entry.localIds);
      }
    }
    if (held < surely) {
      counts[0] += surely - held;
      problems.add(where + " holds \"" + text + "\" " + held + " times, but " + surely
          + " memories acknowledged live hold it: " + holders + " (token {file=local id})");
    } else if (held > atMost) {
      int resurrected = Math.min(held - atMost, deleted);
      counts[2] += resurrected;
      counts[1] += held - atMost - resurrected;
      problems.add(where + " holds \"" + text + "\" " + held + " times, but at most " + atMost
          + " memories may hold it (" + deleted + " more were deleted)");
    }
  }

  private Entry add(Entry entry) {
    if (entries.putIfAbsent(entry.token, entry) != null) {
      throw new IllegalStateException("token used twice: " + entry.token);
    }
    return entry;
  }
}
