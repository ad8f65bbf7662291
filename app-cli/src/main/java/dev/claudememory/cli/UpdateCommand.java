package dev.claudememory.cli;

import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Content;
import dev.claudememory.core.memory.Importance;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.MemoryPatch;
import dev.claudememory.core.service.MemoryService;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "update",
    mixinStandardHelpOptions = true,
    description = "Change fields of a memory; the others keep their values.")
final class UpdateCommand implements Callable<Integer> {
  @ParentCommand private CliMain main;
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ID", description = "The memory's id.")
  private long id;

  @Option(names = "--content", description = "New content.")
  private String content;

  @Option(names = {"-c", "--category"}, description = "New category.", completionCandidates = Categories.class)
  private String category;

  @Option(names = {"-t", "--tags"}, description = "New comma-separated tags.")
  private String tags;

  @Option(names = {"-i", "--importance"}, description = "New importance, 0.0 to 1.0.")
  private Double importance;

  @Option(names = {"-k", "--keywords"}, description = "New related search terms.")
  private String keywords;

  @Override
  public Integer call() {
    MemoryPatch patch =
        new MemoryPatch(
            Optional.ofNullable(content).map(Content::new),
            Optional.ofNullable(category).map(Category::canonical),
            Optional.ofNullable(tags),
            Optional.ofNullable(importance).map(Importance::new),
            Optional.ofNullable(keywords));
    try (MemoryService service = main.openService()) {
      if (service.update(new MemoryId(id), patch).isEmpty()) {
        spec.commandLine().getErr().println("Memory #" + id + " not found");
        return CliMain.EXIT_REFUSED;
      }
      spec.commandLine().getOut().println("Updated memory #" + id);
      return CliMain.EXIT_OK;
    }
  }
}
