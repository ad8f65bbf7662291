package dev.claudememory.mcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The figures of one soak run and what its final checks found.
 *
 * @param plan the fingerprint of the plan it followed
 * @param faults how often each kind of fault was injected, by name
 * @param missingFaults the kinds of fault the run should have injected and did not
 * @param server the check of the server's memories against the ledger
 * @param databases the check of each database file against the ledger
 * @param duringTheRun what went wrong while it ran: error answers, secrets shown by recall
 * @param hygiene what the processes left that they must not: the key, secrets, stray stdout
 * @param serverMemories every memory the server held at the end, deleted ones too, one a line
 */
record SoakReport(
    ChaosSoak.Settings settings,
    String plan,
    SoakTally tally,
    Map<String, Long> faults,
    List<String> missingFaults,
    SoakLedger.Verdict server,
    List<SoakLedger.Verdict> databases,
    List<String> duringTheRun,
    List<String> hygiene,
    List<String> serverMemories,
    Optional<Duration> converged) {

  int lost() {
    return server.lost() + databases.stream().mapToInt(SoakLedger.Verdict::lost).sum();
  }

  int duplicated() {
    return server.duplicated() + databases.stream().mapToInt(SoakLedger.Verdict::duplicated).sum();
  }

  int resurrected() {
    return server.resurrected() + databases.stream().mapToInt(SoakLedger.Verdict::resurrected).sum();
  }

  List<String> problems() {
    List<String> problems = new ArrayList<>(duringTheRun);
    problems.addAll(server.problems());
    databases.forEach(verdict -> problems.addAll(verdict.problems()));
    problems.addAll(hygiene);
    missingFaults.forEach(kind -> problems.add(
        "no " + kind + " was injected in " + settings.chaos().toSeconds()
            + " s: a soak that injected nothing proves nothing"));
    if (converged.isEmpty()) {
      problems.add("the clients did not converge within " + settings.settleBound().toSeconds() + " s");
    }
    // the soak's secrets are made up, but a report shows none, as the product shows none
    return problems.stream()
        .map(problem -> SoakLedger.SECRET.matcher(problem).replaceAll(SoakLedger.SECRET_PREFIX + "…"))
        .collect(Collectors.toList());
  }

  /** The command that runs this soak again, with its seed, length and faults. */
  String replayCommand() {
    long seconds = settings.chaos().toSeconds();
    String length = seconds % 60 == 0 ? "--minutes " + seconds / 60 : "--seconds " + seconds;
    return "scripts/soak.sh " + length + " --seed " + settings.seed() + (settings.dataLoss() ? "" : " --no-data-loss");
  }

  /** One line: the run, what was acknowledged, the faults, and what the check found. */
  String figures() {
    Map<String, Integer> acknowledged = tally.acknowledged();
    Map<SoakTally.Counted, Integer> counted = tally.counted();
    Map<SoakPlan.Kill, Integer> kills = tally.kills();
    int total = acknowledged.values().stream().mapToInt(Integer::intValue).sum();
    return String.format(
        "soak seed=%d plan=%s chaos=%ds data-loss=%s operations acknowledged=%d %s"
            + " repeated-text stores=%d (already held %d) sensitive stores=%d (masked in recall answers %d)"
            + " writes to another client's memory: same file=%d other file=%d"
            + " unanswered=%d faults %s kills=%d (between calls %d, during calls %d)"
            + " lost=%d duplicated=%d resurrected=%d converge=%s",
        settings.seed(), plan, settings.chaos().toSeconds(), settings.dataLoss() ? "on" : "off", total,
        acknowledged, counted.get(SoakTally.Counted.REPEATED_TEXT_STORE),
        counted.get(SoakTally.Counted.ALREADY_HELD), counted.get(SoakTally.Counted.SENSITIVE_STORE),
        counted.get(SoakTally.Counted.RECALL_MASKED_A_SECRET), counted.get(SoakTally.Counted.SAME_FILE_WRITE),
        counted.get(SoakTally.Counted.OTHER_FILE_WRITE), tally.unansweredCalls(), faults,
        kills.values().stream().mapToInt(Integer::intValue).sum(),
        kills.get(SoakPlan.Kill.BETWEEN_CALLS), kills.get(SoakPlan.Kill.DURING_CALL),
        lost(), duplicated(), resurrected(),
        converged.map(d -> String.format("%.1fs", d.toMillis() / 1000.0)).orElse("never"));
  }
}
