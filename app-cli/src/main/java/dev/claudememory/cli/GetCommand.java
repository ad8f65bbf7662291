package dev.claudememory.cli;

import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.service.MemoryService;
import java.io.PrintWriter;
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
    name = "get",
    mixinStandardHelpOptions = true,
    description = "Show one memory with all its fields; a sensitive memory's content is masked (see 'secret').")
final class GetCommand implements Callable<Integer> {
  @ParentCommand private CliMain main;
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ID", description = "The memory's id.")
  private long id;

  @Option(names = "--json", description = "Print the memory as JSON.")
  private boolean json;

  @Override
  public Integer call() {
    try (MemoryService service = main.openService()) {
      Optional<Memory> found = service.get(new MemoryId(id));
      if (found.isEmpty()) {
        spec.commandLine().getErr().println("Memory #" + id + " not found");
        return CliMain.EXIT_REFUSED;
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Output.printJson(out, Output.json(found.get()));
      } else {
        print(out, found.get());
      }
      return CliMain.EXIT_OK;
    }
  }

  private static void print(PrintWriter out, Memory memory) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("id", memory.id().toString());
    fields.put("server id", memory.serverId().map(ServerId::toString).orElse("none (not synced)"));
    fields.put("category", memory.category().name());
    fields.put("importance", memory.importanceDisplay());
    fields.put("sensitive", memory.sensitive() ? "yes" : "no");
    fields.put("tags", memory.tags().isBlank() ? "none" : memory.tags());
    fields.put("keywords", memory.expandedKeywords().isBlank() ? "none" : memory.expandedKeywords());
    fields.put("created", memory.createdAt());
    fields.put("updated", memory.updatedAt());
    int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0) + 1;
    fields.forEach(
        (name, value) -> out.printf("%-" + width + "s  %s%n", name + ":", TerminalText.escape(value).replace('\n', ' ')));
    out.println("content:");
    // Indented, so content that itself looks like a field line cannot be mistaken for one
    TerminalText.escape(memory.visibleContent()).lines().forEach(line -> out.println("  " + line));
  }
}
