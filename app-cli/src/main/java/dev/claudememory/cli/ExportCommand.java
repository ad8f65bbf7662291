package dev.claudememory.cli;

import dev.claudememory.config.MemoryComponent;
import dev.claudememory.config.Mode;
import dev.claudememory.config.Settings;
import dev.claudememory.core.service.MemoryService;
import dev.claudememory.core.transfer.ExportedMemories;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Export every memory: as JSON Lines (every field, for 'import') or as one readable Markdown"
          + " file grouped by category.",
      "Sensitive memories are left out unless --include-sensitive is given.",
      "An existing FILE is kept unless --force is given."
    })
final class ExportCommand implements Callable<Integer> {
  static final String NO_LOCAL_DATABASE =
      "export and import work on the local database, which remote-only mode"
          + " (MEMORY_SYNC_DISABLE is on) does not use; unset MEMORY_SYNC_DISABLE to use it";

  @ParentCommand private CliMain main;
  @Spec private CommandSpec spec;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "jsonl (default) or markdown.",
      defaultValue = "jsonl",
      converter = ExportFormat.Converter.class,
      completionCandidates = ExportFormat.Names.class)
  private ExportFormat format;

  @Option(names = "--include-sensitive", description = "Export sensitive memories too, in full.")
  private boolean includeSensitive;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write to this file (default: standard output).")
  private Path output;

  @Option(names = "--force", description = "Overwrite FILE if it exists.")
  private boolean force;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Settings settings = main.settings();
    if (settings.mode() == Mode.REMOTE_ONLY) {
      err.println("claude-memory: " + NO_LOCAL_DATABASE);
      return CliMain.EXIT_USAGE;
    }
    if (output != null && Files.isDirectory(output)) {
      err.println("claude-memory: cannot write " + output + ": it is a folder; name a file in it");
      return CliMain.EXIT_REFUSED;
    }
    if (output != null && !force && Files.exists(output, LinkOption.NOFOLLOW_LINKS)) {
      err.println(alreadyExists());
      return CliMain.EXIT_REFUSED;
    }
    ExportedMemories exported;
    MemoryComponent component = main.openComponent(settings);
    try (MemoryService service = component.memoryService()) {
      exported = component.transfer().orElseThrow().export(includeSensitive);
    }
    try (ProgressBar progress = ProgressBar.onTerminal(err, "Exporting")) {
      if (output == null) {
        writeToStandardOutput(exported, progress);
      } else {
        writeToFile(exported, progress);
      }
    } catch (FileAlreadyExistsException e) {
      err.println(alreadyExists());
      return CliMain.EXIT_REFUSED;
    } catch (NoSuchFileException e) {
      err.println("claude-memory: cannot write " + output + ": no such folder");
      return CliMain.EXIT_REFUSED;
    } catch (IOException e) {
      err.println("claude-memory: cannot write " + (output == null ? "the export" : output) + ": " + e.getMessage());
      return CliMain.EXIT_REFUSED;
    }
    if (exported.sensitiveLeftOut() > 0) {
      err.println("Left out " + count(exported.sensitiveLeftOut(), "sensitive memory", "sensitive memories")
          + "; add --include-sensitive to export them.");
    }
    if (output != null) {
      spec.commandLine().getOut().println(
          "Exported " + count(exported.memories().size(), "memory", "memories") + " to " + output);
    }
    return CliMain.EXIT_OK;
  }

  private String alreadyExists() {
    return "claude-memory: " + output + " already exists; add --force to overwrite it, or name a new file";
  }

  /** In UTF-8 whatever the platform's encoding, so the export reads back as it was. */
  private void writeToStandardOutput(ExportedMemories exported, ProgressBar progress) throws IOException {
    spec.commandLine().getOut().flush();
    Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    write(exported, out, progress);
    out.flush();
  }

  /**
   * Into a new file beside the target, moved over it once complete, so a failure never leaves half
   * an export. A temporary file is owner-only (0600 on POSIX): the export may hold secrets. Without
   * --force the move refuses a file that appeared while the export was written.
   */
  private void writeToFile(ExportedMemories exported, ProgressBar progress) throws IOException {
    Path target = output.toAbsolutePath();
    Path partial = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".partial");
    try {
      try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
        write(exported, out, progress);
      }
      if (force) {
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } else {
        Files.move(partial, target);
      }
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  private void write(ExportedMemories exported, Writer out, ProgressBar progress) throws IOException {
    int total = exported.memories().size();
    format.write(exported, out, written -> progress.show(written, total));
  }

  private static String count(int n, String one, String many) {
    return n == 1 ? "1 " + one : n + " " + many;
  }
}
