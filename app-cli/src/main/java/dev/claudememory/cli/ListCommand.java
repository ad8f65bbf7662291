package dev.claudememory.cli;

import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.recall.ListQuery;
import dev.claudememory.core.recall.ResultBudget;
import dev.claudememory.core.service.MemoryService;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the newest memories.")
final class ListCommand implements Callable<Integer> {
  @ParentCommand private CliMain main;
  @Spec private CommandSpec spec;

  @Option(names = {"-c", "--category"}, description = "Only this category.", completionCandidates = Categories.class)
  private String category;

  @Option(names = {"-n", "--limit"}, description = "1 to 1000 (default ${DEFAULT-VALUE}).", defaultValue = "20")
  private int limit;

  @Option(names = "--json", description = "Print the memories as JSON.")
  private boolean json;

  @Override
  public Integer call() {
    ListQuery query = new ListQuery(Optional.ofNullable(category).map(Category::canonical), limit);
    ResultBudget budget = main.settings().resultBudget();
    try (MemoryService service = main.openService()) {
      List<Memory> found = service.list(query);
      // said and exited as recall does when nothing matches, so scripts can tell
      if (found.isEmpty() && !json) {
        spec.commandLine().getOut().println(
            "No memories found" + query.category().map(only -> " in category '" + only.name() + "'").orElse(""));
        return CliMain.EXIT_REFUSED;
      }
      Output.printMemories(
          spec.commandLine().getOut(),
          found,
          json,
          budget,
          more ->
              "… and " + more + " more not shown; use --category to see others, or raise"
                  + " MEMORY_MAX_RESULT_CHARS (now " + budget.maxChars() + " characters)");
      return found.isEmpty() ? CliMain.EXIT_REFUSED : CliMain.EXIT_OK;
    }
  }
}
