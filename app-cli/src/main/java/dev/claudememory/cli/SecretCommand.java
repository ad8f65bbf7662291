package dev.claudememory.cli;

import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.service.MemoryService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "secret",
    mixinStandardHelpOptions = true,
    description = "Print the full content of a sensitive memory.")
final class SecretCommand implements Callable<Integer> {
  @ParentCommand private CliMain main;
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ID", description = "The sensitive memory's id.")
  private long id;

  @Option(names = "--json", description = "Print the memory's id, category and content as JSON.")
  private boolean json;

  @Override
  public Integer call() {
    try (MemoryService service = main.openService()) {
      // the service's secret, not get: in remote-only mode the original is kept apart from the memory
      Optional<Memory> found = service.secret(new MemoryId(id));
      if (found.isEmpty()) {
        spec.commandLine().getErr().println("Memory #" + id + " not found");
        return CliMain.EXIT_REFUSED;
      }
      Memory memory = found.get();
      if (!memory.sensitive()) {
        spec.commandLine().getErr().println("Memory #" + id + " is not marked as sensitive");
        return CliMain.EXIT_REFUSED;
      }
      if (json) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("id", memory.id().value());
        value.put("category", memory.category().name());
        value.put("content", memory.content());
        Output.printJson(spec.commandLine().getOut(), value);
      } else {
        spec.commandLine().getOut().println(memory.content());
      }
      return CliMain.EXIT_OK;
    }
  }
}
