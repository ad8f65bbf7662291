package dev.claudememory.bench.recall;

import dev.claudememory.config.ClaudeMemory;
import dev.claudememory.config.Settings;
import dev.claudememory.config.SyncRole;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.recall.PromptRecall;
import dev.claudememory.core.recall.RecallQuery;
import dev.claudememory.core.service.MemoryService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Measures the prompt hook's relevance threshold on the evaluation set: each question's words
 * alone (no expanded query, as a hook has none) recalled as the hook recalls them, by words, on
 * the set's memories, then kept or left out by each threshold of a small grid. Prints, per
 * stratum and threshold, the share of questions whose answer was injected, the share of injected
 * memories the set judges relevant, the memories injected per question and the share of questions
 * with nothing injected. Builds nothing: run the README's build first.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.claudememory.bench.recall.PromptHookEval REPOSITORY</pre>
 */
public final class PromptHookEval {
  private PromptHookEval() {}

  public static void main(String[] args) throws Exception {
    Path repository = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
    EvalSet set = EvalSet.shipped();
    Path folder = Files.createTempDirectory("prompt-hook-eval");
    Map<Long, String> keyById = EvalImport.run(repository, folder, set.memories());
    Path database = folder.resolve("memory-home/memory/memory.db");
    List<PromptRecall.Threshold> grid = new ArrayList<>();
    for (int words : new int[] {2, 3, 4}) {
      for (double share : new double[] {0, 0.25, 0.35, 0.5}) {
        grid.add(new PromptRecall.Threshold(words, share));
      }
    }
    System.out.printf(Locale.ROOT, "%-10s %-11s %9s %9s %8s %8s %9s%n",
        "stratum", "threshold", "questions", "answered", "precise", "per q", "nothing");
    try (MemoryService service = ClaudeMemory.open(Settings.local(database), SyncRole.QUEUE_ONLY)) {
      for (Map.Entry<Stratum, List<EvalQuery>> stratum : set.byStratum().entrySet()) {
        List<List<Memory>> recalled = new ArrayList<>();
        for (EvalQuery query : stratum.getValue()) {
          Optional<RecallQuery> asked = new PromptRecall(new PromptRecall.Threshold(1, 0)).queryFor(query.context());
          recalled.add(asked.map(recall -> service.recall(recall).memories()).orElse(List.of()));
        }
        for (PromptRecall.Threshold threshold : grid) {
          PromptRecall rule = new PromptRecall(threshold);
          int answered = 0;
          int injected = 0;
          int judged = 0;
          int nothing = 0;
          for (int i = 0; i < stratum.getValue().size(); i++) {
            EvalQuery query = stratum.getValue().get(i);
            boolean trivial = rule.queryFor(query.context()).isEmpty();
            List<Memory> chosen = trivial ? List.of() : rule.select(query.context(), recalled.get(i));
            injected += chosen.size();
            nothing += chosen.isEmpty() ? 1 : 0;
            boolean answers = false;
            for (Memory memory : chosen) {
              int grade = query.judgments().getOrDefault(keyById.get(memory.id().value()), 0);
              judged += grade > 0 ? 1 : 0;
              answers |= grade == EvalQuery.ANSWERS;
            }
            answered += answers ? 1 : 0;
          }
          int questions = stratum.getValue().size();
          System.out.printf(Locale.ROOT, "%-10s %d, %-7.2f %9d %9.3f %8.3f %8.2f %9.3f%n",
              stratum.getKey().label(), threshold.minSharedWords(), threshold.minSharedShare(), questions,
              (double) answered / questions, injected == 0 ? 0 : (double) judged / injected,
              (double) injected / questions, (double) nothing / questions);
        }
      }
    }
  }
}
