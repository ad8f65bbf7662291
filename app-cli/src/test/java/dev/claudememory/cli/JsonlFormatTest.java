package dev.claudememory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.SensitiveContent;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.transfer.ExportedMemories;
import dev.claudememory.core.transfer.ImportRecord;
import dev.claudememory.testkit.SeededStrings;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class JsonlFormatTest {
  private static final String EXPORTED_AT = "2026-11-24T21:47:33.680389+00:00";
  private static final String HEADER =
      "{\"format\":\"claude-memory-export\",\"version\":1,\"exported_at\":\"" + EXPORTED_AT + "\",\"memories\":%d}";

  static ImportFile file(String... lines) {
    return ImportFile.of(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
  }

  private static String written(List<Memory> memories) throws IOException {
    StringWriter out = new StringWriter();
    JsonlFormat.write(new ExportedMemories(memories, 0, EXPORTED_AT), out, written -> {});
    return out.toString();
  }

  private static List<String> problems(ParsedImport parsed) {
    return parsed.problems().stream().map(ParsedImport.Problem::toString).collect(Collectors.toList());
  }

  /** A memory of generated fields, as a database this product wrote would hold it. */
  private static Memory generated(SeededStrings strings, Random random, long id) {
    String content = strings.content();
    String tags = strings.content();
    return new Memory(
        new MemoryId(id),
        random.nextBoolean() ? Optional.of(new ServerId(random.nextInt(1_000_000) + 1)) : Optional.empty(),
        content,
        random.nextInt(4) == 0 ? new Category(strings.word()) : new Category(Category.KNOWN.get(random.nextInt(17))),
        tags.substring(0, tags.offsetByCodePoints(0, Math.min(100, tags.codePointCount(0, tags.length())))),
        strings.word() + " " + strings.word(),
        random.nextInt(10) / 10.0 + (random.nextBoolean() ? 0.000000011920929 : 0),
        random.nextBoolean() || SensitiveContent.looksLikeCredential(content),
        "2025-0" + (1 + random.nextInt(9)) + "-03T04:05:06." + (100_000 + random.nextInt(900_000)) + "+00:00",
        "2026-11-24T21:47:33." + (100_000 + random.nextInt(900_000)) + "+00:00");
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1L, 20261124L, 7_000_003L})
  void everyWrittenMemoryReadsBackWithEveryField(long seed) throws IOException {
    SeededStrings strings = new SeededStrings(seed);
    Random random = new Random(seed);
    List<Memory> memories = new ArrayList<>();
    for (long id = 1; id <= 40; id++) {
      memories.add(generated(strings, random, id * 3));
    }

    ParsedImport parsed = JsonlFormat.read(ImportFile.of(written(memories).getBytes(StandardCharsets.UTF_8)));

    assertThat(parsed.problems()).as("seed %d", seed).isEmpty();
    assertThat(parsed.records()).as("seed %d", seed).hasSize(memories.size());
    for (int i = 0; i < memories.size(); i++) {
      Memory memory = memories.get(i);
      ImportRecord record = parsed.records().get(i);
      assertThat(record.memory().content().text()).as("seed %d, memory %d", seed, i).isEqualTo(memory.content());
      assertThat(record.memory().category()).isEqualTo(memory.category());
      assertThat(record.memory().tags()).isEqualTo(memory.tags());
      assertThat(record.memory().expandedKeywords()).isEqualTo(memory.expandedKeywords());
      assertThat(record.memory().importance().value()).isEqualTo(memory.importance());
      assertThat(record.memory().sensitive()).isEqualTo(memory.sensitive());
      assertThat(record.memory().createdAt()).contains(memory.createdAt());
      assertThat(record.memory().updatedAt()).contains(memory.updatedAt());
      assertThat(record.exportedServerId()).isEqualTo(memory.serverId());
    }
  }

  @Test
  void theHeaderNamesTheFormatItsVersionAndHowManyMemoriesFollow() throws IOException {
    Memory memory =
        new Memory(new MemoryId(4), Optional.empty(), "Kestrel deploys run on Fridays", Category.DEFAULT, "ops", "deploy",
            0.5, false, EXPORTED_AT, EXPORTED_AT);

    List<String> lines = written(List.of(memory)).lines().collect(Collectors.toList());

    assertThat(lines).hasSize(2);
    JsonNode header = JsonFields.object(lines.get(0));
    assertThat(header.path("format").asText()).isEqualTo("claude-memory-export");
    assertThat(header.path("version").asInt()).isEqualTo(1);
    assertThat(header.path("exported_at").asText()).isEqualTo(EXPORTED_AT);
    assertThat(header.path("memories").asInt()).isEqualTo(1);
    assertThat(lines.get(1))
        .isEqualTo("{\"id\":4,\"server_id\":null,\"content\":\"Kestrel deploys run on Fridays\",\"category\":\"facts\","
            + "\"tags\":\"ops\",\"expanded_keywords\":\"deploy\",\"importance\":0.5,\"is_sensitive\":false,"
            + "\"created_at\":\"" + EXPORTED_AT + "\",\"updated_at\":\"" + EXPORTED_AT + "\"}");
  }

  @Test
  void everyInvalidLineIsNamedByItsNumberWithItsReason() {
    ParsedImport parsed =
        JsonlFormat.read(
            file(
                String.format(HEADER, 8),
                "{\"content\":\"fine\"}",
                "{\"content\":\"   \"}",
                "{\"category\":\"facts\"}",
                "",
                "{\"content\":\"fine\",\"importance\":\"high\"}",
                "{\"content\":\"fine\",\"created_at\":\"yesterday\"}",
                "{\"content\":\"fine\",\"tags\":\"" + "t".repeat(501) + "\"}",
                "{\"content\":\"password=hunter2secret\"",
                "[1,2]"));

    assertThat(problems(parsed))
        .containsExactly(
            "line 3: content must not be blank: say what to remember",
            "line 4: content is missing",
            "line 6: importance must be a number",
            "line 7: created_at is not an ISO-8601 timestamp such as 2026-11-24T21:47:33.680389+00:00: 'yesterday'",
            "line 8: tags is 501 characters; the limit is 500. Keep the most useful ones.",
            "line 9: not valid JSON: it ends too early (cut short?)",
            "line 10: not a JSON object");
    assertThat(parsed.records()).hasSize(1);
  }

  @Test
  void aLineThatIsNotJsonIsReportedWithoutRepeatingItsText() {
    ParsedImport parsed = JsonlFormat.read(file("{\"content\": hunter2secret}"));

    assertThat(problems(parsed)).containsExactly("line 1: not valid JSON at column 13");
  }

  @Test
  void aHeaderOfAnotherFormatOrVersionIsAProblemOfItsLine() {
    assertThat(problems(JsonlFormat.read(file("{\"format\":\"something-else\",\"version\":1}", "{\"content\":\"a\"}"))))
        .containsExactly("line 1: not a claude-memory export: its format is 'something-else'");
    assertThat(problems(JsonlFormat.read(file("", "{\"format\":\"claude-memory-export\",\"version\":2}"))))
        .containsExactly("line 2: export format version 2 is not one this claude-memory reads (it reads version 1)");
  }

  @Test
  void aFileWithFewerMemoriesThanItsHeaderAnnouncesMayBeCutShort() {
    ParsedImport parsed = JsonlFormat.read(file(String.format(HEADER, 3), "{\"content\":\"a\"}", "{\"content\":\"b\"}"));

    assertThat(problems(parsed))
        .containsExactly("line 1: the header announces 3 memories but the file holds 2: it may be cut short");
  }

  @Test
  void aMemoryWithOnlyContentTakesTheDefaultsAndIsDatedByTheImport() {
    ParsedImport parsed = JsonlFormat.read(file("{\"content\":\"Kestrel deploys run on Fridays\",\"id\":7}\r", ""));

    assertThat(parsed.problems()).isEmpty();
    ImportRecord record = parsed.records().get(0);
    assertThat(record.memory().content().text()).isEqualTo("Kestrel deploys run on Fridays");
    assertThat(record.memory().category()).isEqualTo(Category.DEFAULT);
    assertThat(record.memory().tags()).isEmpty();
    assertThat(record.memory().importance().value()).isEqualTo(0.5);
    assertThat(record.memory().sensitive()).isFalse();
    assertThat(record.memory().createdAt()).isEmpty();
    assertThat(record.exportedServerId()).isEmpty();
  }

  @Test
  void aCategoryIsKeptAsWrittenEvenWhenNoStoreWouldTakeIt() {
    ParsedImport parsed = JsonlFormat.read(file("{\"content\":\"pulled\",\"category\":\"Some Server Category\"}"));

    assertThat(parsed.records().get(0).memory().category()).isEqualTo(new Category("Some Server Category"));
  }
}
