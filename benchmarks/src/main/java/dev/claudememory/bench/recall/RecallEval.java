package dev.claudememory.bench.recall;

import dev.claudememory.bench.process.BenchFailure;
import dev.claudememory.bench.process.ServerCommand;
import dev.claudememory.bench.process.Workspace;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The recall-quality evaluation of the packaged server ({@code scripts/recall-eval.sh}): imports
 * the evaluation set into a new home with {@code bin/claude-memory import}, starts {@code
 * bin/claude-memory-mcp} on it once per configuration (full text only, then hybrid), asks every
 * question through {@code memory_recall} over stdio, and prints recall@5, recall@10, nDCG@10, MRR
 * and, for 'what is it now' questions, how often the newer memory wins, per stratum and
 * configuration. Progress goes to stderr. Every process it starts is ended before it exits.
 */
public final class RecallEval {
  private RecallEval() {}

  public static void main(String[] args) {
    if (List.of(args).contains("--help")) {
      System.out.println(RecallEvalOptions.USAGE);
      return;
    }
    RecallEvalOptions options;
    try {
      options = RecallEvalOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("recall-eval: " + e.getMessage());
      System.err.println(RecallEvalOptions.USAGE);
      System.exit(2);
      return;
    }
    int status;
    try (Workspace workspace = Workspace.create()) {
      status = run(options, workspace, System.out, System.err);
    } catch (BenchFailure e) {
      System.err.println("recall-eval: failed: " + e.getMessage());
      status = 1;
    } catch (IOException | RuntimeException e) {
      System.err.println("recall-eval: failed unexpectedly:");
      e.printStackTrace();
      status = 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      System.err.println("recall-eval: interrupted");
      status = 1;
    }
    System.exit(status);
  }

  /** @return the exit status: 1 when a configuration's answers were refused */
  private static int run(RecallEvalOptions options, Workspace workspace, PrintStream out, PrintStream log)
      throws IOException, InterruptedException {
    EvalSet set = EvalSet.shipped();
    List<Stratum> strata = new ArrayList<>();
    List<EvalQuery> queries = new ArrayList<>();
    for (Map.Entry<Stratum, List<EvalQuery>> stratum : set.byStratum().entrySet()) {
      if (options.strata().contains(stratum.getKey())) {
        strata.add(stratum.getKey());
        List<EvalQuery> asked = stratum.getValue();
        queries.addAll(asked.subList(0, Math.min(asked.size(), options.limit().orElse(asked.size()))));
      }
    }
    Path folder = workspace.newFolder("recall-eval");
    log.println(String.format("recall-eval: importing %,d memories with bin/claude-memory import", set.memories().size()));
    long importStart = System.nanoTime();
    Map<Long, String> keyById = EvalImport.run(options.repository(), folder, set.memories());
    log.println(String.format("recall-eval: imported in %.1f s", (System.nanoTime() - importStart) / 1e9));

    ConfigurationRun runs = new ConfigurationRun(workspace, ServerCommand.ours(options.repository()), folder, keyById, log);
    List<Outcome> outcomes = new ArrayList<>();
    for (Configuration configuration : options.configurations()) {
      log.println("recall-eval: " + configuration.label() + ": " + queries.size() + " questions");
      long start = System.nanoTime();
      outcomes.add(runs.run(configuration, queries));
      log.println(String.format("recall-eval: %s: done in %.1f s", configuration.label(), (System.nanoTime() - start) / 1e9));
    }
    EvalReport report = new EvalReport(set, strata, outcomes);
    out.println();
    report.print(out);
    if (options.json().isPresent()) {
      report.writeJson(options.json().get());
      log.println("recall-eval: wrote " + options.json().get());
    }
    return outcomes.stream().anyMatch(outcome -> outcome instanceof Outcome.Refused) ? 1 : 0;
  }
}
