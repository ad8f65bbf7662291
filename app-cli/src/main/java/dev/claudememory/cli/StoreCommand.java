package dev.claudememory.cli;

import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Content;
import dev.claudememory.core.memory.Importance;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.service.MemoryService;
import dev.claudememory.core.service.StoreResult;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "store",
    mixinStandardHelpOptions = true,
    description = {
      "Store a memory. Content a memory already holds (ignoring case and spacing) is not stored"
          + " again: its id is printed instead (MEMORY_ALLOW_DUPLICATES=1 turns that off)."
    })
final class StoreCommand implements Callable<Integer> {
  @ParentCommand private CliMain main;
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CONTENT", description = "What to remember (at most 1,400 characters).")
  private String content;

  @Option(names = {"-k", "--keywords"}, description = "Related search terms, space-separated.", defaultValue = "")
  private String keywords;

  @Option(names = {"-c", "--category"}, description = "One of: ${COMPLETION-CANDIDATES}", defaultValue = "facts",
      completionCandidates = Categories.class)
  private String category;

  @Option(names = {"-t", "--tags"}, description = "Comma-separated tags.", defaultValue = "")
  private String tags;

  @Option(names = {"-i", "--importance"}, description = "0.0 to 1.0 (default ${DEFAULT-VALUE}).", defaultValue = "0.5")
  private double importance;

  @Option(names = "--sensitive", description = "Store as sensitive: shown only by 'secret'.")
  private boolean sensitive;

  @Option(names = "--json", description = "Print the result as JSON.")
  private boolean json;

  @Override
  public Integer call() {
    NewMemory memory =
        new NewMemory(
            new Content(content),
            Category.canonical(category),
            tags,
            keywords,
            new Importance(importance),
            sensitive);
    try (MemoryService service = main.openService()) {
      StoreResult result = service.store(memory);
      Memory stored = result.memory();
      if (json) {
        Output.printJson(
            spec.commandLine().getOut(),
            Map.of("id", stored.id().value(), "category", stored.category().name(),
                "importance", stored.importance(), "sensitive", stored.sensitive(),
                "duplicate", result.alreadyStored()));
      } else if (result.alreadyStored()) {
        // not a failure: the content is kept, under the memory that already held it
        spec.commandLine().getOut().printf(
            "Memory #%s already holds this content (category '%s'); nothing stored%n",
            stored.id(), TerminalText.escape(stored.category().name()));
      } else {
        spec.commandLine().getOut().printf(
            "Stored memory #%s in category '%s' with importance %s%s%n",
            stored.id(), stored.category(), stored.importanceDisplay(),
            stored.sensitive() ? " (sensitive)" : "");
      }
    }
    return CliMain.EXIT_OK;
  }
}
