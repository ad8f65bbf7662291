package dev.claudememory.mcp;

import static dev.claudememory.mcp.McpProcess.arguments;
import static dev.claudememory.mcp.McpProcess.text;
import static dev.claudememory.mcp.StoredMemories.KEYWORDS;
import static dev.claudememory.mcp.StoredMemories.countLine;
import static dev.claudememory.mcp.StoredMemories.store;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Answers sized for a context window (MEMORY_MAX_RESULT_CHARS) and duplicates at the door. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
final class ResultBudgetAndDuplicatesIT {
  @RegisterExtension final McpProcesses servers = new McpProcesses();
  @TempDir Path folder;

  private McpProcess start(Map<String, String> environment) throws Exception {
    McpProcess server = servers.start(folder, environment);
    server.initialize(HandshakeIT.LATEST);
    return server;
  }

  private static int codePoints(String text) {
    return text.codePointCount(0, text.length());
  }

  @Test
  void aRecallOverTheBudgetStaysUnderItAndSaysHowManyMoreMatched() throws Exception {
    McpProcess server = start(Map.of("MEMORY_MAX_RESULT_CHARS", "2000"));
    for (int i = 1; i <= 30; i++) {
      store(server, "Osprey survey note " + i + ": " + "the nest on the north pylon was checked again. ".repeat(6));
    }

    JsonNode result = server.callTool("memory_recall", arguments("context", "osprey survey", "expanded_query", "", "limit", 30));

    String text = text(result);
    JsonNode structured = result.path("structuredContent");
    int shown = structured.path("count").asInt();
    assertThat(result.path("isError").asBoolean()).isFalse();
    assertThat(codePoints(text)).isLessThanOrEqualTo(2_000);
    assertThat(shown).isBetween(1, 29);
    assertThat(text)
        .startsWith("Found " + shown + " memories (by relevance):\n\n#")
        .endsWith(
            "\n\n… and " + (30 - shown) + " more matched; narrow the query or use category to see them,"
                + " or raise MEMORY_MAX_RESULT_CHARS (now 2000 characters)");
    assertThat(structured.path("memories")).hasSize(shown);
    assertThat(structured.path("more").asInt()).isEqualTo(30 - shown);
    assertThat(structured.path("truncated").asBoolean()).isTrue();
  }

  @Test
  void aLongContentIsCutInAListWithItsIdButSecretGetGivesAllOfASecret() throws Exception {
    McpProcess server = start(Map.of("MEMORY_MAX_RESULT_CHARS", "1000"));
    String longNote = ("Curlew counts by the estuary at high tide, " + "x".repeat(30) + " ").repeat(18).strip();
    long id = store(server, longNote);
    String secret = "vault password=" + "s".repeat(1_385);
    long secretId =
        store(server, arguments("content", secret, "expanded_keywords", KEYWORDS, "force_sensitive", true));

    JsonNode listed = server.callTool("memory_list", null);
    String revealed = text(server.callTool("secret_get", arguments("id", secretId)));

    String text = text(listed);
    JsonNode entry = listed.path("structuredContent").path("memories").get(1);
    assertThat(codePoints(longNote)).isGreaterThan(1_000);
    assertThat(codePoints(text)).isLessThanOrEqualTo(1_000);
    assertThat(text).startsWith(
        "Recent memories (2 shown):\n\n#" + secretId + " [facts] [SENSITIVE - use secret_get(id=" + secretId + ")]\n"
            + "  Importance: 0.5 | Tags: none | Stored: ");
    assertThat(text).contains("\n\n#" + id + " [facts] Curlew counts by the estuary");
    assertThat(text).contains(" … [cut from " + codePoints(longNote) + " characters: list fewer memories to read all of it]\n  Importance: 0.5");
    assertThat(text).doesNotContain("sssss");
    assertThat(entry.path("id").asLong()).isEqualTo(id);
    assertThat(entry.path("cut").asBoolean()).isTrue();
    assertThat(longNote).startsWith(entry.path("content").asText());
    assertThat(listed.path("structuredContent").path("more").asInt()).isZero();
    assertThat(listed.path("structuredContent").path("truncated").asBoolean()).isTrue();
    assertThat(revealed).isEqualTo("#" + secretId + " [facts] " + secret);
  }

  @Test
  void anAnswerThatFitsIsTheUsualTextWithNothingAdded() throws Exception {
    McpProcess server = start(Map.of());
    store(server, "Kestrel deploys run on Fridays");

    JsonNode result = server.callTool("memory_recall", arguments("context", "kestrel", "expanded_query", ""));

    assertThat(text(result)).matches("Found 1 memory \\(by relevance\\):\n\n#1 \\[facts\\] \\(importance: 0.5\\) Kestrel deploys run on Fridays\n  Tags: none \\| Stored: \\S+");
    assertThat(result.path("structuredContent").path("truncated").asBoolean()).isFalse();
    assertThat(result.path("structuredContent").path("more").asInt()).isZero();
  }

  @Test
  void storingContentAMemoryHoldsNamesThatMemoryAndStoresNothing() throws Exception {
    McpProcess server = start(Map.of());
    store(server, arguments("content", "Kestrel deploys run on Fridays", "expanded_keywords", KEYWORDS, "category", "decisions"));

    JsonNode again =
        server.callTool("memory_store", arguments("content", "  kestrel DEPLOYS run\non Fridays", "expanded_keywords", KEYWORDS));

    assertThat(again.path("isError").asBoolean()).isFalse();
    assertThat(text(again)).isEqualTo("Memory #1 already holds this content (category 'decisions'); nothing stored");
    assertThat(again.path("structuredContent").path("id").asLong()).isEqualTo(1);
    assertThat(again.path("structuredContent").path("duplicate").asBoolean()).isTrue();
    assertThat(countLine(server)).isEqualTo("Local memories: 1");
    assertThat(text(server.callTool("memory_store", arguments("content", "Kestrel deploys run on Fridays!", "expanded_keywords", KEYWORDS))))
        .isEqualTo("Stored memory #2 in category 'facts' with importance 0.5");
  }

  @Test
  void withMemoryAllowDuplicatesTheSameContentIsStoredAgain() throws Exception {
    McpProcess server = start(Map.of("MEMORY_ALLOW_DUPLICATES", "1"));
    store(server, "Kestrel deploys run on Fridays");

    JsonNode again = server.callTool("memory_store", arguments("content", "Kestrel deploys run on Fridays", "expanded_keywords", KEYWORDS));

    assertThat(text(again)).isEqualTo("Stored memory #2 in category 'facts' with importance 0.5");
    assertThat(again.path("structuredContent").path("duplicate").asBoolean()).isFalse();
    assertThat(countLine(server)).isEqualTo("Local memories: 2");
  }

  @Test
  void aBudgetBelowTheMinimumIsReportedByEveryToolCall() throws Exception {
    McpProcess server = start(Map.of("MEMORY_MAX_RESULT_CHARS", "500"));

    JsonNode result = server.callTool("memory_list", null);

    assertThat(result.path("isError").asBoolean()).isTrue();
    assertThat(text(result)).contains("MEMORY_MAX_RESULT_CHARS must be at least 1000 characters; got '500'");
  }
}
