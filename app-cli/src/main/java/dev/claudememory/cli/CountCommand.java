package dev.claudememory.cli;

import dev.claudememory.core.port.MemoryCounts;
import dev.claudememory.core.service.MemoryService;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "count",
    mixinStandardHelpOptions = true,
    description = "Count memories, in all and per category.")
final class CountCommand implements Callable<Integer> {
  @ParentCommand private CliMain main;
  @Spec private CommandSpec spec;

  @Option(names = "--json", description = "Print the counts as JSON.")
  private boolean json;

  @Override
  public Integer call() {
    try (MemoryService service = main.openService()) {
      MemoryCounts counts = service.count();
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("total", counts.total());
        value.put("by_category", counts.byCategory());
        Output.printJson(out, value);
        return CliMain.EXIT_OK;
      }
      out.println("Local memories: " + counts.total());
      int width = counts.byCategory().keySet().stream().mapToInt(String::length).max().orElse(0);
      counts.byCategory().forEach((category, count) -> out.printf("  %-" + width + "s  %d%n", category, count));
      return CliMain.EXIT_OK;
    }
  }
}
