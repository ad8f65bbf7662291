package dev.claudememory.mcp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the soak's clients were told: every memory they stored, updated and deleted, with how sure
 * they can be of it. An answer read is an acknowledgement; a call whose process was killed before
 * its answer arrived may or may not have taken effect, and the ledger keeps both possibilities.
 *
 * <p>Each memory is written by the one client that stored it (another client may read it), so its
 * last acknowledged content is well defined. Contents carry the memory's token and version:
 * {@code Soak note a17 version 3: …}.
 *
 * <p>Thread-safe.
 */
final class SoakLedger {
  private static final Pattern CONTENT = Pattern.compile("^Soak note ([a-z]\\d+) version (\\d+):");

  /** Where a memory stands for the client that wrote it. */
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

  /** One memory: its local id once known, the contents it may hold now, and its state. */
  static final class Entry {
    final String token;
    Long localId;
    State state;
    /** Contents it may hold: the last acknowledged one and any unacknowledged later ones. */
    final Set<String> possibleContents = new LinkedHashSet<>();
    int version;

    private Entry(String token) {
      this.token = token;
    }
  }

  /** What the final check found. */
  record Verdict(int lost, int duplicated, int resurrected, List<String> problems) {
    boolean clean() {
      return problems.isEmpty();
    }
  }

  private final Map<String, Entry> entries = new HashMap<>();

  static String content(String token, int version, String words) {
    return "Soak note " + token + " version " + version + ": " + words;
  }

  static Optional<String> tokenOf(String content) {
    Matcher matcher = CONTENT.matcher(content);
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  synchronized void stored(String token, String content, long localId) {
    Entry entry = newEntry(token, content);
    entry.localId = localId;
    entry.state = State.LIVE;
  }

  synchronized void storeUnanswered(String token, String content) {
    newEntry(token, content).state = State.MAYBE_STORED;
  }

  synchronized void updated(String token, String content) {
    Entry entry = entries.get(token);
    entry.possibleContents.clear();
    entry.possibleContents.add(content);
  }

  synchronized void updateUnanswered(String token, String content) {
    entries.get(token).possibleContents.add(content);
  }

  synchronized void deleted(String token) {
    entries.get(token).state = State.DELETED;
  }

  synchronized void deleteUnanswered(String token) {
    entries.get(token).state = State.MAYBE_DELETED;
  }

  /** The next version number for an update of this memory. */
  synchronized int nextVersion(String token) {
    return ++entries.get(token).version;
  }

  /** Tokens of this client's memories it may still update or delete. */
  synchronized List<String> liveTokensOf(String tokenPrefix) {
    List<String> live = new ArrayList<>();
    entries.values().forEach(entry -> {
      if (entry.state == State.LIVE && entry.token.startsWith(tokenPrefix)) {
        live.add(entry.token);
      }
    });
    live.sort(null);
    return live;
  }

  synchronized long localIdOf(String token) {
    return entries.get(token).localId;
  }

  /**
   * Checks contents held somewhere (the server's live memories, or one client's rows) against
   * the ledger: every acknowledged live memory present once with its last acknowledged content
   * (else lost or duplicated), nothing whose delete was acknowledged (else resurrected), the
   * uncertain ones at most once and with a content they may hold, nothing the ledger does not know.
   */
  synchronized Verdict check(String where, Collection<String> contents) {
    Map<String, List<String>> byToken = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (String content : contents) {
      Optional<String> token = tokenOf(content);
      if (token.isEmpty() || !entries.containsKey(token.get())) {
        problems.add(where + " holds a memory no client wrote: " + content);
      } else {
        byToken.computeIfAbsent(token.get(), key -> new ArrayList<>()).add(content);
      }
    }
    int lost = 0;
    int duplicated = 0;
    int resurrected = 0;
    for (Entry entry : entries.values()) {
      List<String> held = byToken.getOrDefault(entry.token, List.of());
      if (held.size() > 1) {
        duplicated++;
        problems.add(where + " holds " + entry.token + " " + held.size() + " times: " + held);
      }
      if (entry.state == State.DELETED && !held.isEmpty()) {
        resurrected++;
        problems.add(where + " holds " + entry.token + " after its delete was acknowledged: " + held);
        continue;
      }
      if (entry.state == State.LIVE && held.isEmpty()) {
        lost++;
        problems.add(where + " lost " + entry.token + ", last acknowledged as " + entry.possibleContents);
        continue;
      }
      for (String content : held) {
        if (!entry.possibleContents.contains(content)) {
          lost++;
          problems.add(where + " holds " + entry.token + " as \"" + content + "\", not as acknowledged: "
              + entry.possibleContents);
        }
      }
    }
    return new Verdict(lost, duplicated, resurrected, problems);
  }

  private Entry newEntry(String token, String content) {
    Entry entry = new Entry(token);
    entry.possibleContents.add(content);
    if (entries.putIfAbsent(token, entry) != null) {
      throw new IllegalStateException("token used twice: " + token);
    }
    return entry;
  }
}
