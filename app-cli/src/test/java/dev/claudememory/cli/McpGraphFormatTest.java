package dev.claudememory.cli;

import static dev.claudememory.cli.JsonlFormatTest.file;
import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.ImportedMemory;
import dev.claudememory.core.transfer.ImportRecord;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class McpGraphFormatTest {
  private static List<ImportedMemory> memories(ParsedImport parsed) {
    assertThat(parsed.problems()).isEmpty();
    return parsed.records().stream().map(ImportRecord::memory).collect(Collectors.toList());
  }

  private static List<String> problems(ParsedImport parsed) {
    return parsed.problems().stream().map(ParsedImport.Problem::toString).collect(Collectors.toList());
  }

  @Test
  void eachObservationBecomesAMemoryTaggedWithItsEntity() {
    List<ImportedMemory> memories =
        memories(McpGraphFormat.read(file(
            "{\"type\":\"entity\",\"name\":\"John_Smith\",\"entityType\":\"person\","
                + "\"observations\":[\"Speaks fluent Spanish\",\"Graduated in 2019\"]}")));

    assertThat(memories).extracting(memory -> memory.content().text())
        .containsExactly("John_Smith: Speaks fluent Spanish", "John_Smith: Graduated in 2019");
    ImportedMemory first = memories.get(0);
    assertThat(first.tags()).isEqualTo("John_Smith,person");
    assertThat(first.category()).isEqualTo(new Category("people"));
    assertThat(first.expandedKeywords()).isEqualTo("person");
    assertThat(first.importance().value()).isEqualTo(0.5);
    assertThat(first.createdAt()).isEmpty();
  }

  @Test
  void aRelationBecomesAMemoryNamingBothEnds() {
    ImportedMemory relation =
        memories(McpGraphFormat.read(file(
            "{\"type\":\"relation\",\"from\":\"John_Smith\",\"to\":\"Anthropic\",\"relationType\":\"works_at\"}")))
            .get(0);

    assertThat(relation.content().text()).isEqualTo("John_Smith works_at Anthropic");
    assertThat(relation.tags()).isEqualTo("John_Smith,Anthropic");
    assertThat(relation.category()).isEqualTo(Category.DEFAULT);
    assertThat(relation.expandedKeywords()).isEqualTo("works at");
  }

  @Test
  void anEntityWithoutObservationsIsKeptAsItsNameAndType() {
    List<ImportedMemory> memories =
        memories(McpGraphFormat.read(file(
            "{\"type\":\"entity\",\"name\":\"Marmalade\",\"entityType\":\"host\",\"observations\":[]}",
            "{\"type\":\"entity\",\"name\":\"Quasar\",\"entityType\":\"\"}")));

    assertThat(memories).extracting(memory -> memory.content().text()).containsExactly("Marmalade (host)", "Quasar");
    assertThat(memories.get(1).tags()).isEqualTo("Quasar");
  }

  @Test
  void anEntityTypeThatNamesACategoryChoosesIt() {
    assertThat(McpGraphFormat.categoryOf("Project")).isEqualTo(new Category("projects"));
    assertThat(McpGraphFormat.categoryOf("infra")).isEqualTo(new Category("infrastructure"));
    assertThat(McpGraphFormat.categoryOf("decisions")).isEqualTo(new Category("decisions"));
    assertThat(McpGraphFormat.categoryOf("organization")).isEqualTo(Category.DEFAULT);
  }

  @Test
  void aCommaInANameDoesNotSplitItsTag() {
    ImportedMemory memory =
        memories(McpGraphFormat.read(file(
            "{\"type\":\"entity\",\"name\":\"Smith, John\",\"entityType\":\"person\",\"observations\":[\"Tall\"]}")))
            .get(0);

    assertThat(memory.tags()).isEqualTo("Smith  John,person");
  }

  @Test
  void everyInvalidLineOrObservationIsNamedByItsLine() {
    ParsedImport parsed =
        McpGraphFormat.read(file(
            "{\"type\":\"entity\",\"name\":\"Ok\",\"entityType\":\"person\",\"observations\":[\"fine\"]}",
            "{\"type\":\"thing\",\"name\":\"x\"}",
            "{\"name\":\"x\"}",
            "{\"type\":\"entity\",\"name\":\" \",\"observations\":[\"a\"]}",
            "{\"type\":\"entity\",\"name\":\"Jo\",\"observations\":[\"fine\",42,\"" + "o".repeat(1_400) + "\"]}",
            "{\"type\":\"entity\",\"name\":\"Jo\",\"observations\":\"not a list\"}",
            "{\"type\":\"relation\",\"from\":\"a\",\"relationType\":\"knows\"}",
            "not json"));

    assertThat(problems(parsed))
        .containsExactly(
            "line 2: type 'thing' is neither entity nor relation",
            "line 3: type is missing: each line is an entity or a relation",
            "line 4: name must not be blank",
            "line 5: observation 2 of 'Jo': must be a string that says something",
            "line 5: observation 3 of 'Jo': content is 1,404 characters; the limit is 1,400. Split it into several"
                + " memories, one idea each.",
            "line 6: observations must be a list of strings",
            "line 7: to is missing",
            "line 8: not valid JSON at column 1");
  }

  @Test
  void theOfficialServersGraphFileReadsWhole() throws IOException {
    byte[] graph;
    try (InputStream in = getClass().getResourceAsStream("/import/mcp-memory-graph.jsonl")) {
      graph = in.readAllBytes();
    }

    ParsedImport parsed = McpGraphFormat.read(ImportFile.of(graph));

    assertThat(parsed.problems()).isEmpty();
    assertThat(parsed.records()).hasSize(9);
    assertThat(ImportFormat.detect(ImportFile.of(graph))).contains(ImportFormat.MCP_GRAPH);
  }
}
