package dev.claudememory.cli;

import dev.claudememory.config.MemoryComponent;
import dev.claudememory.config.Mode;
import dev.claudememory.config.Settings;
import dev.claudememory.core.InvalidInputException;
import dev.claudememory.core.service.MemoryService;
import dev.claudememory.core.transfer.ImportReport;
import dev.claudememory.core.transfer.MemoryTransfer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
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
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Import memories from a file: this tool's export (JSON Lines), the official MCP memory"
          + " server's knowledge graph, or the memory API's import body.",
      "Every record is checked first: with any invalid one nothing is imported and each is named"
          + " by its line. Memories already in the database are skipped, so importing a file twice"
          + " adds nothing. Imported memories are queued for sync like any other change."
    })
final class ImportCommand implements Callable<Integer> {
  /** How many problems are listed; a file of nothing but bad lines would flood the terminal. */
  private static final int PROBLEMS_SHOWN = 50;

  @ParentCommand private CliMain main;
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The file to import.")
  private Path file;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "auto (default: told by the content), jsonl, mcp-graph or api.",
      defaultValue = "auto",
      converter = ImportFormat.Converter.class,
      completionCandidates = ImportFormat.Names.class)
  private ImportFormat format;

  @Option(names = "--json", description = "Print the result as JSON.")
  private boolean json;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Optional<ImportFile> content = readFile(err);
    if (content.isEmpty()) {
      return CliMain.EXIT_USAGE;
    }
    Optional<ImportFormat> resolved =
        format == ImportFormat.AUTO ? ImportFormat.detect(content.get()) : Optional.of(format);
    if (resolved.isEmpty()) {
      err.println("claude-memory: cannot tell what " + file + " holds; give --format jsonl, mcp-graph or api");
      return CliMain.EXIT_USAGE;
    }
    ParsedImport parsed = resolved.get().read(content.get());
    if (!parsed.problems().isEmpty()) {
      printProblems(err, parsed.problems());
      return CliMain.EXIT_USAGE;
    }
    Settings settings = main.settings();
    if (settings.mode() == Mode.REMOTE_ONLY) {
      err.println("claude-memory: " + ExportCommand.NO_LOCAL_DATABASE);
      return CliMain.EXIT_USAGE;
    }
    ImportReport report;
    MemoryComponent component = main.openComponent(settings);
    try (MemoryService service = component.memoryService();
        ProgressBar progress = ProgressBar.onTerminal(err, "Importing")) {
      MemoryTransfer transfer = component.transfer().orElseThrow();
      report = transfer.importAll(parsed.records(), progress::show);
    }
    printReport(report);
    return CliMain.EXIT_OK;
  }

  private Optional<ImportFile> readFile(PrintWriter err) {
    try {
      if (Files.isDirectory(file)) {
        err.println("claude-memory: " + file + " is a folder; give the file to import");
        return Optional.empty();
      }
      ImportFile content = ImportFile.of(Files.readAllBytes(file));
      if (content.isBlank()) {
        err.println("claude-memory: " + file + " is empty: nothing to import");
        return Optional.empty();
      }
      return Optional.of(content);
    } catch (NoSuchFileException e) {
      err.println("claude-memory: " + file + ": no such file");
    } catch (IOException e) {
      err.println("claude-memory: cannot read " + file + ": " + e.getMessage());
    } catch (InvalidInputException e) {
      err.println("claude-memory: " + file + ": " + e.getMessage());
    }
    return Optional.empty();
  }

  private void printProblems(PrintWriter err, List<ParsedImport.Problem> problems) {
    err.println("claude-memory: nothing was imported: " + file + " has " + problems.size()
        + (problems.size() == 1 ? " invalid record" : " invalid records") + ":");
    problems.stream().limit(PROBLEMS_SHOWN).forEach(problem -> err.println("  " + problem));
    if (problems.size() > PROBLEMS_SHOWN) {
      err.println("  and " + (problems.size() - PROBLEMS_SHOWN) + " more");
    }
  }

  private void printReport(ImportReport report) {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> value = new LinkedHashMap<>();
      value.put("imported", report.imported());
      value.put("skipped", report.skipped());
      Output.printJson(out, value);
      return;
    }
    String imported = "Imported " + (report.imported() == 1 ? "1 memory" : report.imported() + " memories");
    out.println(report.skipped() == 0
        ? imported
        : imported + "; skipped " + report.skipped() + " already in the database");
  }
}
