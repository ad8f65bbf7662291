package dev.claudememory.cli;

import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.service.MemoryService;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = "Delete a memory by id.")
final class DeleteCommand implements Callable<Integer> {
  @ParentCommand private CliMain main;
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ID", description = "The memory's id.")
  private long id;

  @Override
  public Integer call() {
    try (MemoryService service = main.openService()) {
      Optional<Memory> deleted = service.delete(new MemoryId(id));
      if (deleted.isEmpty()) {
        spec.commandLine().getErr().println("Memory #" + id + " not found");
        return CliMain.EXIT_REFUSED;
      }
      spec.commandLine().getOut().println("Deleted memory #" + id);
      return CliMain.EXIT_OK;
    }
  }
}
