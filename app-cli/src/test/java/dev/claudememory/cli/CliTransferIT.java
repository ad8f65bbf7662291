package dev.claudememory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudememory.cli.CliProcess.Result;
import dev.claudememory.cli.DatabaseRows.Row;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packaged {@code claude-memory export} and {@code import} as processes: a lossless round trip
 * between two databases, secrets only when asked for, the official MCP memory server's graph and
 * the API's import body, files with bad records imported not at all, a second import adding
 * nothing, and the exit statuses of bad input and bad databases.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
final class CliTransferIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "db password=hunter2secret";
  private static final String FORCED = "The kestrel garage door opens with 7731";

  @TempDir Path folder;

  private CliProcess machine(String name) {
    return new CliProcess(folder.resolve(name));
  }

  private static Result succeed(CliProcess cli, String... arguments) throws Exception {
    Result result = cli.run(arguments);
    assertThat(result.exitCode()).as("claude-memory %s\n%s", String.join(" ", arguments), result).isZero();
    return result;
  }

  private static void assertNoStackTrace(Result result) {
    assertThat(result.stderr()).as("%s", result).doesNotContain("\tat ").doesNotContain("Exception");
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(CliTransferIT.class.getResource("/import/" + name).toURI());
  }

  private Path file(String name, String... lines) throws Exception {
    return Files.writeString(folder.resolve(name), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  private static List<String> fileNames(Path inFolder) throws Exception {
    try (Stream<Path> files = Files.list(inFolder)) {
      return files.map(file -> file.getFileName().toString()).collect(Collectors.toList());
    }
  }

  /** A database holding every kind of row an export must carry: secrets, odd text, synced rows. */
  private CliProcess machineWithEveryKindOfRow() throws Exception {
    CliProcess source = machine("source");
    succeed(source, "store", "Kestrel deploys run on Fridays, caf\u00e9 \uD83D\uDC26 \u6771\u4eac", "-k", "deploy weekday", "-t", "ops,deploy", "-i", "0.8");
    succeed(source, "store", SECRET, "-k", "database credentials");
    succeed(source, "store", FORCED, "--sensitive");
    succeed(source, "store", "First line\nsecond line\ttabbed \"quoted\" \\ back", "-c", "decisions");
    succeed(source, "store", "Pulled from the server with its own category", "-c", "gotcha", "-i", "0.3");
    // as a pull from the server leaves them: a category no store may write, a server id
    DatabaseRows.change(
        source.database(),
        "UPDATE memories SET category = 'Some Server Category', server_id = 77,"
            + " importance = 0.800000011920929 WHERE id = 5");
    return source;
  }

  @Test
  void anExportImportedIntoAFreshDatabaseGivesIdenticalRows() throws Exception {
    CliProcess source = machineWithEveryKindOfRow();
    CliProcess target = machine("target");
    Path export = folder.resolve("memories.jsonl");

    Result exported = succeed(source, "export", "--include-sensitive", "-o", export.toString());
    Result imported = succeed(target, "import", export.toString());

    assertThat(exported.stdout().trim()).isEqualTo("Exported 5 memories to " + export);
    assertThat(imported.stdout().trim()).isEqualTo("Imported 5 memories");
    List<Row> expected = DatabaseRows.memories(source.database()).stream().map(Row::imported).collect(Collectors.toList());
    assertThat(DatabaseRows.memories(target.database())).containsExactlyElementsOf(expected);
    assertThat(DatabaseRows.queuedCreates(target.database())).as("each imported memory is queued for sync")
        .containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(Files.getPosixFilePermissions(export)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void anExportToStandardOutputIsUtf8AndImportsAsTheFileDoes() throws Exception {
    CliProcess source = machineWithEveryKindOfRow();
    CliProcess target = machine("target");

    Result exported = succeed(source, "export", "--include-sensitive");
    Path export = Files.writeString(folder.resolve("piped.jsonl"), exported.stdout(), StandardCharsets.UTF_8);
    succeed(target, "import", export.toString());

    assertThat(exported.stdout()).contains("caf\u00e9 \uD83D\uDC26 \u6771\u4eac");
    assertThat(exported.stderr()).isEmpty();
    List<Row> expected = DatabaseRows.memories(source.database()).stream().map(Row::imported).collect(Collectors.toList());
    assertThat(DatabaseRows.memories(target.database())).containsExactlyElementsOf(expected);
  }

  @Test
  void sensitiveMemoriesAreLeftOutAndCountedUnlessAskedFor() throws Exception {
    CliProcess source = machineWithEveryKindOfRow();

    Result jsonl = succeed(source, "export");
    Result markdown = succeed(source, "export", "--format", "markdown");
    Result everything = succeed(source, "export", "--format", "markdown", "--include-sensitive");

    for (Result withoutSecrets : List.of(jsonl, markdown)) {
      assertThat(withoutSecrets.stdout()).doesNotContain("hunter2secret").doesNotContain("7731").contains("Kestrel deploys");
      assertThat(withoutSecrets.stderr().trim())
          .isEqualTo("Left out 2 sensitive memories; add --include-sensitive to export them.");
    }
    assertThat(jsonl.stdout().lines()).hasSize(4);
    assertThat(JSON.readTree(jsonl.stdout().lines().findFirst().orElseThrow()).path("memories").asInt()).isEqualTo(3);
    assertThat(everything.stdout()).contains(SECRET).contains(FORCED);
    assertThat(everything.stderr()).isEmpty();
  }

  @Test
  void theMarkdownExportIsOneFileGroupedByCategory() throws Exception {
    CliProcess source = machineWithEveryKindOfRow();

    String markdown = succeed(source, "export", "--format", "markdown").stdout();

    assertThat(markdown).startsWith("# Memories\n");
    assertThat(markdown.indexOf("## facts (1)")).isPositive()
        .isLessThan(markdown.indexOf("## decisions (1)"))
        .isLessThan(markdown.indexOf("## Some Server Category (1)"));
    assertThat(markdown).contains("- First line\n  second line");
  }

  @Test
  void theOfficialMemoryServersGraphImportsAsTaggedMemories() throws Exception {
    CliProcess cli = machine("graph");

    Result imported = succeed(cli, "import", resource("mcp-memory-graph.jsonl").toString());

    assertThat(imported.stdout().trim()).isEqualTo("Imported 9 memories");
    JsonNode found = JSON.readTree(succeed(cli, "recall", "--json", "spanish").stdout());
    assertThat(found).hasSize(1);
    assertThat(found.get(0).path("content").asText()).isEqualTo("John_Smith: Speaks fluent Spanish");
    assertThat(found.get(0).path("tags").asText()).isEqualTo("John_Smith,person");
    assertThat(found.get(0).path("category").asText()).isEqualTo("people");
    List<String> contents =
        DatabaseRows.memories(cli.database()).stream().map(Row::content).collect(Collectors.toList());
    assertThat(contents).contains("John_Smith works_at Anthropic", "Kestrel: Deploys run on Fridays", "Marmalade (host)");
  }

  @Test
  void theApisImportBodyImportsAndSaysSoAsJson() throws Exception {
    CliProcess cli = machine("api");

    JsonNode summary = JSON.readTree(succeed(cli, "import", "--json", resource("api-import-body.json").toString()).stdout());

    assertThat(summary.path("imported").asInt()).isEqualTo(3);
    assertThat(summary.path("skipped").asInt()).isZero();
    JsonNode counts = JSON.readTree(succeed(cli, "count", "--json").stdout());
    assertThat(counts.path("by_category").path("gotchas").asInt()).isEqualTo(1);
    assertThat(counts.path("by_category").path("process").asInt()).isEqualTo(1);
    assertThat(succeed(cli, "list").stdout()).doesNotContain("7731");
  }

  @Test
  void importingTheSameFileTwiceAddsNothingTheSecondTime() throws Exception {
    CliProcess cli = machine("twice");
    Path graph = resource("mcp-memory-graph.jsonl");

    succeed(cli, "import", graph.toString());
    JsonNode again = JSON.readTree(succeed(cli, "import", "--json", graph.toString()).stdout());

    assertThat(again.path("imported").asInt()).isZero();
    assertThat(again.path("skipped").asInt()).isEqualTo(9);
    assertThat(DatabaseRows.memories(cli.database())).hasSize(9);
    assertThat(DatabaseRows.queuedCreates(cli.database())).hasSize(9);
  }

  @Test
  void aFileWithBadRecordsImportsNothingAndNamesEachBadLine() throws Exception {
    CliProcess cli = machine("bad");
    succeed(cli, "store", "Already here");
    Path bad =
        file(
            "bad.jsonl",
            "{\"format\":\"claude-memory-export\",\"version\":1,\"memories\":6}",
            "{\"content\":\"a fine memory\"}",
            "{\"content\":\"  \"}",
            "{\"content\":\"fine\",\"importance\":\"high\"}",
            "{\"content\":\"" + "x".repeat(1_401) + "\"}",
            "{\"content\":\"" + SECRET + "\"",
            "{\"content\":\"another fine memory\"}");

    Result result = cli.run("import", bad.toString());

    assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr().lines())
        .containsExactly(
            "claude-memory: nothing was imported: " + bad + " has 4 invalid records:",
            "  line 3: content must not be blank: say what to remember",
            "  line 4: importance must be a number",
            "  line 5: content is 1,401 characters; the limit is 1,400. Split it into several memories, one idea each.",
            "  line 6: not valid JSON: it ends too early (cut short?)");
    assertThat(result.stderr()).doesNotContain("hunter2secret");
    assertThat(DatabaseRows.memories(cli.database())).extracting(Row::content).containsExactly("Already here");
  }

  @Test
  void aFileOfManyBadLinesListsTheFirstFiftyAndCountsTheRest() throws Exception {
    String[] blank = IntStream.range(0, 60).mapToObj(i -> "{\"content\":\"\"}").toArray(String[]::new);

    Result result = machine("many-bad").run("import", file("blank.jsonl", blank).toString());

    assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
    List<String> lines = result.stderr().lines().collect(Collectors.toList());
    assertThat(lines).hasSize(52);
    assertThat(lines.get(1)).isEqualTo("  line 1: content must not be blank: say what to remember");
    assertThat(lines.get(50)).startsWith("  line 50: ");
    assertThat(lines.get(51)).isEqualTo("  and 10 more");
  }

  @Test
  void aGraphWithABadObservationImportsNothing() throws Exception {
    CliProcess cli = machine("bad-graph");
    Path graph =
        file(
            "graph.jsonl",
            "{\"type\":\"entity\",\"name\":\"Kestrel\",\"entityType\":\"project\",\"observations\":[\"fine\",\"  \"]}",
            "{\"type\":\"relation\",\"from\":\"Kestrel\",\"relationType\":\"uses\"}");

    Result result = cli.run("import", graph.toString());

    assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
    assertThat(result.stderr())
        .contains("line 1: observation 2 of 'Kestrel': must be a string that says something")
        .contains("line 2: to is missing");
    assertThat(cli.database()).as("nothing was written").doesNotExist();
  }

  @Test
  void aLargeImportIsQuietOffATerminalAndReportsOnce() throws Exception {
    CliProcess cli = machine("large");
    String[] lines =
        IntStream.range(0, 3_000)
            .mapToObj(i -> "{\"content\":\"generated memory " + i + " about kestrel\",\"category\":\"facts\"}")
            .toArray(String[]::new);

    Result result = succeed(cli, "import", file("large.jsonl", lines).toString());

    assertThat(result.stdout()).isEqualTo("Imported 3000 memories" + System.lineSeparator());
    assertThat(result.stderr()).isEmpty();
    assertThat(DatabaseRows.memories(cli.database())).hasSize(3_000);
  }

  @Test
  void anEmptyDatabaseExportsOnlyTheHeader() throws Exception {
    Result result = succeed(machine("empty"), "export");

    assertThat(result.stdout().lines()).hasSize(1);
    JsonNode header = JSON.readTree(result.stdout());
    assertThat(header.path("format").asText()).isEqualTo("claude-memory-export");
    assertThat(header.path("memories").asInt()).isZero();
  }

  @Test
  void aCorruptDatabaseFailsExportAndImportWithOneClearLineAndIsLeftAsItIs() throws Exception {
    CliProcess cli = machine("corrupt");
    Files.createDirectories(cli.database().getParent());
    byte[] garbage = "not a database, only text that goes on ".repeat(100).getBytes(StandardCharsets.UTF_8);
    Files.write(cli.database(), garbage);

    for (Result result : List.of(cli.run("export"), cli.run("import", resource("api-import-body.json").toString()))) {
      assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
      assertThat(result.stdout()).isEmpty();
      assertThat(result.stderr()).contains("not an SQLite database");
      assertThat(result.stderr().lines()).hasSize(1);
      assertNoStackTrace(result);
    }
    assertThat(Files.readAllBytes(cli.database())).isEqualTo(garbage);
  }

  @Test
  void anExportNeverOverwritesAFileUnlessForced() throws Exception {
    CliProcess cli = machine("home");
    succeed(cli, "store", "Kestrel deploys run on Fridays");
    Path existing = Files.writeString(folder.resolve("notes.jsonl"), "keep me");

    Result refused = cli.run("export", "-o", existing.toString());
    String kept = Files.readString(existing);
    List<String> filesAfterRefusal = fileNames(folder);
    Result forced = succeed(cli, "export", "--force", "-o", existing.toString());

    assertThat(refused.exitCode()).as("%s", refused).isEqualTo(1);
    assertThat(refused.stderr()).contains(existing + " already exists").contains("--force");
    assertThat(refused.stdout()).isEmpty();
    assertNoStackTrace(refused);
    assertThat(kept).isEqualTo("keep me");
    assertThat(filesAfterRefusal).containsExactlyInAnyOrder("home", "notes.jsonl");
    assertThat(forced.stdout()).contains("Exported 1 memory to " + existing);
    assertThat(Files.readAllLines(existing)).hasSize(2).last().asString().contains("Kestrel deploys run on Fridays");
  }

  @Test
  void anExportOntoAFolderIsRefusedInPlainWords() throws Exception {
    CliProcess cli = machine("home");
    succeed(cli, "store", "Kestrel deploys run on Fridays");
    Path emptyFolder = Files.createDirectory(folder.resolve("exports"));

    Result result = cli.run("export", "--force", "-o", emptyFolder.toString());

    assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
    assertThat(result.stderr()).contains("cannot write " + emptyFolder + ": it is a folder");
    assertNoStackTrace(result);
    assertThat(emptyFolder).isEmptyDirectory();
    assertThat(fileNames(folder)).containsExactlyInAnyOrder("home", "exports");
  }

  @Test
  void anExportIntoAMissingFolderFailsWithExitOne() throws Exception {
    Result result = machine("nowhere").run("export", "-o", folder.resolve("missing/memories.jsonl").toString());

    assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
    assertThat(result.stderr()).contains("cannot write").contains("no such folder");
    assertNoStackTrace(result);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "missing file            | import;MISSING         | no such file",
        "a folder                | import;FOLDER          | is a folder",
        "not UTF-8               | import;LATIN1          | line 2: not UTF-8 text",
        "empty file              | import;EMPTY           | is empty: nothing to import",
        "unknown content         | import;UNKNOWN         | cannot tell what",
        "unknown import format   | import;EMPTY;--format;csv | 'csv' is not a format; use auto, jsonl, mcp-graph or api",
        "unknown export format   | export;--format;pdf    | 'pdf' is not a format; use jsonl or markdown",
        "no file to import       | import                 | Missing required parameter",
        "graph read as api       | import;GRAPH;--format;api | not a JSON array of memories"
      })
  void badInputExitsTwoWithAMessageAndChangesNothing(String name, String arguments, String message) throws Exception {
    Files.writeString(folder.resolve("empty.jsonl"), "\n\n");
    Files.writeString(folder.resolve("unknown.txt"), "# a markdown export\n");
    Files.write(folder.resolve("latin1.jsonl"), "{\"content\":\"ok\"}\n{\"content\":\"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1));
    String[] command =
        arguments
            .replace("MISSING", folder.resolve("missing.jsonl").toString())
            .replace("FOLDER", folder.toString())
            .replace("LATIN1", folder.resolve("latin1.jsonl").toString())
            .replace("EMPTY", folder.resolve("empty.jsonl").toString())
            .replace("UNKNOWN", folder.resolve("unknown.txt").toString())
            .replace("GRAPH", resource("mcp-memory-graph.jsonl").toString())
            .split(";");
    CliProcess cli = machine("usage");

    Result result = cli.run(command);

    assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
    assertThat(result.stderr()).contains(message);
    assertThat(result.stdout()).isEmpty();
    assertNoStackTrace(result);
    assertThat(cli.database()).as("nothing was written").doesNotExist();
  }

  @Test
  void remoteOnlyModeHasNoLocalDatabaseToExportOrImport() throws Exception {
    CliProcess remoteOnly =
        machine("remote").with("MEMORY_API_KEY", "sk-test-transfer-KEY-DO-NOT-LEAK").with("MEMORY_SYNC_DISABLE", "1");

    for (Result result : List.of(remoteOnly.run("export"), remoteOnly.run("import", resource("api-import-body.json").toString()))) {
      assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
      assertThat(result.stderr()).contains("remote-only mode (MEMORY_SYNC_DISABLE is on)").doesNotContain("DO-NOT-LEAK");
    }
  }

  @Test
  void helpListsExportAndImport() throws Exception {
    assertThat(succeed(machine("help"), "--help").stdout()).contains("export").contains("import");
  }
}
