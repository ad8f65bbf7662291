package dev.claudememory.bench.recall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.bench.process.BenchFailure;
import dev.claudememory.core.memory.Timestamps;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Puts the set's memories into a new database with the command-line tool, as a user imports an
 * export: {@code bin/claude-memory import FILE --format jsonl} keeps every field and each
 * memory's {@code created_at}. Then reads the database back with {@code export} and tells which
 * local id each memory got, by its content and {@code created_at} (both unique in the set), so
 * that recall answers, which carry ids, can be judged.
 */
final class EvalImport {
  private static final Duration CLI_BOUND = Duration.ofMinutes(3);

  private EvalImport() {}

  /**
   * Imports into {@code folder/memory-home}, the home the servers of this run get.
   *
   * @return every memory's key by its local id
   */
  static Map<Long, String> run(Path repository, Path folder, List<EvalMemory> memories)
      throws IOException, InterruptedException {
    Files.createDirectories(folder.resolve("memory-home"));
    Files.createDirectories(folder.resolve("user-home"));
    Path importFile = folder.resolve("eval-import.jsonl");
    Map<String, String> keyByRow = writeImportFile(importFile, memories);

    JsonNode report = EvalSetFormat.JSON.readTree(
        cli(repository, folder, "import", importFile.toString(), "--format", "jsonl", "--json"));
    if (report.path("imported").asInt(-1) != memories.size() || report.path("skipped").asInt(-1) != 0) {
      throw new BenchFailure("the import of " + memories.size() + " memories answered " + report
          + "; a new database should take every one");
    }

    Path exportFile = folder.resolve("eval-export.jsonl");
    cli(repository, folder, "export", "--format", "jsonl", "--include-sensitive", "-o", exportFile.toString());
    Map<Long, String> keyById = new HashMap<>();
    for (String line : Files.readAllLines(exportFile, StandardCharsets.UTF_8)) {
      JsonNode row = EvalSetFormat.JSON.readTree(line);
      if (row.has("format")) {
        continue;
      }
      String key = keyByRow.get(row(row.path("content").asText(), row.path("created_at").asText()));
      if (key == null) {
        throw new BenchFailure("the export holds memory #" + row.path("id").asLong() + ", which the set did not import");
      }
      keyById.put(row.path("id").asLong(), key);
    }
    if (keyById.size() != memories.size()) {
      throw new BenchFailure("the export holds " + keyById.size() + " of the " + memories.size() + " imported memories");
    }
    return keyById;
  }

  /** Writes the JSON Lines the CLI's import reads, and returns each memory's key by its row. */
  private static Map<String, String> writeImportFile(Path file, List<EvalMemory> memories) throws IOException {
    Map<String, String> keyByRow = new HashMap<>();
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      ObjectNode header = EvalSetFormat.JSON.createObjectNode();
      header.put("format", "claude-memory-export");
      header.put("version", 1);
      header.put("memories", memories.size());
      out.write(EvalSetFormat.JSON.writeValueAsString(header));
      out.write('\n');
      for (EvalMemory memory : memories) {
        // The product's own shape (microseconds, +00:00), so text order is time order in the database.
        String createdAt = Timestamps.format(memory.createdAt());
        ObjectNode line = EvalSetFormat.JSON.createObjectNode();
        line.put("content", memory.content());
        line.put("category", memory.category());
        line.put("tags", memory.tags());
        line.put("expanded_keywords", memory.expandedKeywords());
        line.put("importance", memory.importance());
        line.put("is_sensitive", false);
        line.put("created_at", createdAt);
        line.put("updated_at", createdAt);
        out.write(EvalSetFormat.JSON.writeValueAsString(line));
        out.write('\n');
        keyByRow.put(row(memory.content(), createdAt), memory.key());
      }
    }
    return keyByRow;
  }

  private static String row(String content, String createdAt) {
    return createdAt + '\u0000' + content;
  }

  /** Runs {@code bin/claude-memory} on this run's home and returns its standard output. */
  private static String cli(Path repository, Path folder, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(repository.resolve("bin").resolve("claude-memory").toString());
    command.addAll(List.of(arguments));
    Path out = folder.resolve("cli-out.txt");
    Path err = folder.resolve("cli-err.txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("MEMORY_") || name.startsWith("CLAUDE_MEMORY_"));
    environment.put("MEMORY_HOME", folder.resolve("memory-home").toString());
    environment.put("HOME", folder.resolve("user-home").toString());
    Process process = builder.start();
    try {
      if (!process.waitFor(CLI_BOUND.toSeconds(), TimeUnit.SECONDS)) {
        throw new BenchFailure("claude-memory " + arguments[0] + " did not finish within " + CLI_BOUND.toMinutes() + " minutes");
      }
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    if (process.exitValue() != 0) {
      throw new BenchFailure("claude-memory " + arguments[0] + " exited with " + process.exitValue() + ":\n"
          + Files.readAllLines(err, StandardCharsets.UTF_8).stream().limit(20).collect(Collectors.joining("\n")));
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }
}
