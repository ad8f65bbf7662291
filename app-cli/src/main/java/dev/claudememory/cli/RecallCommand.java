package dev.claudememory.cli;

import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.recall.RecallQuery;
import dev.claudememory.core.recall.ResultBudget;
import dev.claudememory.core.recall.SearchTerms;
import dev.claudememory.core.recall.SortBy;
import dev.claudememory.core.service.MemoryService;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "recall",
    mixinStandardHelpOptions = true,
    description = "Search memories: all words first, then any word.")
final class RecallCommand implements Callable<Integer> {
  @ParentCommand private CliMain main;
  @Spec private CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "WORDS", description = "What to look for.")
  private List<String> words;

  @Option(names = {"-e", "--expanded"}, description = "More related terms, space-separated.", defaultValue = "")
  private String expanded;

  @Option(names = {"-c", "--category"}, description = "Only this category.", completionCandidates = Categories.class)
  private String category;

  @Option(names = {"-s", "--sort"}, description = "relevance, importance or recency (default ${DEFAULT-VALUE}).",
      defaultValue = "relevance", completionCandidates = Sorts.class)
  private String sort;

  @Option(names = {"-n", "--limit"}, description = "1 to 100 (default ${DEFAULT-VALUE}).", defaultValue = "10")
  private int limit;

  @Option(names = "--json", description = "Print the memories as JSON.")
  private boolean json;

  @Override
  public Integer call() {
    String context = String.join(" ", words);
    RecallQuery query =
        new RecallQuery(
            SearchTerms.of(context, expanded),
            Optional.ofNullable(category).map(Category::canonical),
            SortBy.parse(sort),
            limit);
    ResultBudget budget = main.settings().resultBudget();
    try (MemoryService service = main.openService()) {
      List<Memory> found = service.recall(query).memories();
      if (found.isEmpty() && !json) {
        spec.commandLine().getOut().println("No memories found matching: " + TerminalText.escape(context));
        return CliMain.EXIT_REFUSED;
      }
      Output.printMemories(
          spec.commandLine().getOut(),
          found,
          json,
          budget,
          more ->
              "… and " + more + " more matched; narrow the words or use --category to see them,"
                  + " or raise MEMORY_MAX_RESULT_CHARS (now " + budget.maxChars() + " characters)");
      return found.isEmpty() ? CliMain.EXIT_REFUSED : CliMain.EXIT_OK;
    }
  }
}
