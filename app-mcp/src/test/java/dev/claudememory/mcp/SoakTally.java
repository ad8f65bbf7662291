package dev.claudememory.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the soak's clients did and met while it ran: acknowledged calls by tool and by kind of
 * write, unanswered calls, kills, answers that should not have come, and each client's trace (one
 * line a step, to compare two runs of one seed or follow a memory the check names).
 *
 * <p>Thread-safe.
 */
final class SoakTally {
  /** Acknowledged calls worth counting apart in the figures. */
  enum Counted {
    REPEATED_TEXT_STORE,
    /** A store answered that its file already holds the text, so nothing was stored. */
    ALREADY_HELD,
    SENSITIVE_STORE,
    /** An update or delete of a memory the other client on the same file stored. */
    SAME_FILE_WRITE,
    /** An update or delete of a memory handed over from the other database file. */
    OTHER_FILE_WRITE,
    /** Not a write: a recall answer that showed a sensitive memory, masked. */
    RECALL_MASKED_A_SECRET
  }

  private final Map<String, Integer> acknowledged = new TreeMap<>();
  private final Map<Counted, Integer> counted = new LinkedHashMap<>();
  private final Map<SoakPlan.Kill, Integer> kills = new LinkedHashMap<>();
  // a problem met again and again is told once
  private final Set<String> problems = new LinkedHashSet<>();
  private final Map<String, List<String>> traces = new TreeMap<>();
  private int unanswered;

  SoakTally() {
    List.of("store", "update", "delete", "recall").forEach(tool -> acknowledged.put(tool, 0));
    for (Counted what : Counted.values()) {
      counted.put(what, 0);
    }
    kills.put(SoakPlan.Kill.BETWEEN_CALLS, 0);
    kills.put(SoakPlan.Kill.DURING_CALL, 0);
  }

  synchronized void acknowledged(String tool) {
    acknowledged.merge(tool.substring("memory_".length()), 1, Integer::sum);
  }

  synchronized void count(Counted what) {
    counted.merge(what, 1, Integer::sum);
  }

  synchronized void unanswered() {
    unanswered++;
  }

  synchronized void killed(SoakPlan.Kill how) {
    kills.merge(how, 1, Integer::sum);
  }

  synchronized void problem(String problem) {
    problems.add(problem);
  }

  synchronized void trace(String client, String line) {
    traces.computeIfAbsent(client, key -> new ArrayList<>()).add(line);
  }

  synchronized Map<String, Integer> acknowledged() {
    return new TreeMap<>(acknowledged);
  }

  synchronized Map<Counted, Integer> counted() {
    return new LinkedHashMap<>(counted);
  }

  synchronized Map<SoakPlan.Kill, Integer> kills() {
    return new LinkedHashMap<>(kills);
  }

  synchronized int unansweredCalls() {
    return unanswered;
  }

  synchronized List<String> problems() {
    return List.copyOf(problems);
  }

  /** Every client's trace, client by client, each line prefixed with the client. */
  synchronized List<String> traceLines() {
    List<String> lines = new ArrayList<>();
    traces.forEach((client, trace) -> trace.forEach(line -> lines.add(client + " " + line)));
    return lines;
  }
}
