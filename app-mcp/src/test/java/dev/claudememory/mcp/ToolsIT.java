package dev.claudememory.mcp;

import static dev.claudememory.mcp.McpProcess.arguments;
import static dev.claudememory.mcp.McpProcess.text;
import static dev.claudememory.mcp.StoredMemories.KEYWORDS;
import static dev.claudememory.mcp.StoredMemories.TIMESTAMP;
import static dev.claudememory.mcp.StoredMemories.store;
import static java.util.regex.Pattern.quote;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC §4: every tool's result texts, word for word, through the packaged server. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
final class ToolsIT {
  private static final String SECRET = "db password=hunter2secret";

  @RegisterExtension final McpProcesses servers = new McpProcesses();
  @TempDir Path folder;

  private McpProcess startInitialized() throws Exception {
    McpProcess server = servers.start(folder);
    server.initialize(HandshakeIT.LATEST);
    return server;
  }

  @Test
  void storeAnswersWithTheIdCategoryAndImportance() throws Exception {
    McpProcess server = startInitialized();

    JsonNode result =
        server.callTool("memory_store", arguments("content", "The build uses Maven", "expanded_keywords", KEYWORDS));

    assertThat(result.path("isError").asBoolean()).isFalse();
    assertThat(text(result)).isEqualTo("Stored memory #1 in category 'facts' with importance 0.5");
  }

  @Test
  void storeCanonicalisesAnAlias() throws Exception {
    McpProcess server = startInitialized();

    JsonNode bug =
        server.callTool(
            "memory_store",
            arguments("content", "Gradle caches go stale", "expanded_keywords", KEYWORDS, "category", "bug", "importance", 1));
    JsonNode infra =
        server.callTool(
            "memory_store",
            arguments("content", "The staging host is kestrel", "expanded_keywords", KEYWORDS, "category", "  Infra ", "importance", 0));

    assertThat(text(bug)).isEqualTo("Stored memory #1 in category 'gotchas' with importance 1.0");
    assertThat(text(infra)).isEqualTo("Stored memory #2 in category 'infrastructure' with importance 0.0");
  }

  @Test
  void contentOfExactly1400CodePointsIsStoredEvenWhenEachIsAnEmoji() throws Exception {
    McpProcess server = startInitialized();

    JsonNode result = server.callTool("memory_store", arguments("content", "😀".repeat(1_400), "expanded_keywords", KEYWORDS));

    assertThat(result.path("isError").asBoolean()).as(text(result)).isFalse();
  }

  @Test
  void recallShowsEachMatchWithImportanceTagsAndCreationTime() throws Exception {
    McpProcess server = startInitialized();
    store(
        server,
        arguments(
            "content", "Kestrel deploys run on Fridays",
            "expanded_keywords", KEYWORDS,
            "category", "decisions",
            "tags", "ops,deploy",
            "importance", 0.8));
    store(server, "Marmalade is the staging host");

    JsonNode result =
        server.callTool("memory_recall", arguments("context", "kestrel", "expanded_query", "fridays deploys"));

    assertThat(result.path("isError").asBoolean()).isFalse();
    assertThat(text(result))
        .matches(
            quote("Found 1 memory (by relevance):\n\n#1 [decisions] (importance: 0.8) Kestrel deploys run on Fridays\n")
                + quote("  Tags: ops,deploy | Stored: ")
                + TIMESTAMP);
  }

  @Test
  void recallFallsBackToAnyWordAndSaysNoneForMissingTags() throws Exception {
    McpProcess server = startInitialized();
    store(server, arguments("content", "Kestrel deploys run on Fridays", "expanded_keywords", KEYWORDS, "tags", "ops"));
    store(server, "Marmalade is the staging host");

    JsonNode result = server.callTool("memory_recall", arguments("context", "kestrel marmalade", "expanded_query", ""));

    String text = text(result);
    assertThat(text).startsWith("Found 2 memories (by relevance):\n\n");
    assertThat(text.split("\n\n")).hasSize(3);
    assertThat(text).containsPattern(quote("#2 [facts] (importance: 0.5) Marmalade is the staging host\n  Tags: none | Stored: ") + TIMESTAMP);
    assertThat(text).containsPattern(quote("#1 [facts] (importance: 0.5) Kestrel deploys run on Fridays\n  Tags: ops | Stored: ") + TIMESTAMP);
  }

  @ParameterizedTest
  @ValueSource(strings = {"relevance", "importance", "recency"})
  void recallNamesTheOrderItSortedBy(String sortBy) throws Exception {
    McpProcess server = startInitialized();
    store(server, "Kestrel deploys run on Fridays");

    JsonNode result =
        server.callTool("memory_recall", arguments("context", "kestrel", "expanded_query", "x", "sort_by", sortBy));

    assertThat(text(result)).startsWith("Found 1 memory (by " + sortBy + "):\n\n#1 [facts]");
  }

  @Test
  void recallFindsAChineseWordInsideASentence() throws Exception {
    McpProcess server = startInitialized();
    store(server, "午饭在十二点");
    store(server, "数据库迁移在周二进行");

    JsonNode byWord = server.callTool("memory_recall", arguments("context", "数据库", "expanded_query", ""));
    JsonNode byQuestion = server.callTool("memory_recall", arguments("context", "数据库迁移是哪天？", "expanded_query", ""));

    assertThat(text(byWord))
        .matches(quote("Found 1 memory (by relevance):\n\n#2 [facts] (importance: 0.5) 数据库迁移在周二进行\n  Tags: none | Stored: ") + TIMESTAMP);
    assertThat(text(byQuestion)).startsWith("Found 1 memory (by relevance):\n\n#2 [facts]");
  }

  @Test
  void recallWithoutAMatchSaysWhatItLookedFor() throws Exception {
    McpProcess server = startInitialized();
    store(server, "Kestrel deploys run on Fridays");

    JsonNode result = server.callTool("memory_recall", arguments("context", "quasar nebula", "expanded_query", "zzz"));

    assertThat(result.path("isError").asBoolean()).isFalse();
    assertThat(text(result)).isEqualTo("No memories found matching: quasar nebula");
  }

  @Test
  void listShowsTheNewestFirst() throws Exception {
    McpProcess server = startInitialized();
    store(
        server,
        arguments("content", "Kestrel deploys run on Fridays", "expanded_keywords", KEYWORDS, "importance", 0.8, "tags", "ops"));
    store(server, "Marmalade is the staging host");

    JsonNode result = server.callTool("memory_list", arguments());

    assertThat(result.path("isError").asBoolean()).isFalse();
    assertThat(text(result))
        .matches(
            quote("Recent memories (2 shown):\n\n#2 [facts] Marmalade is the staging host\n  Importance: 0.5 | Tags: none | Stored: ")
                + TIMESTAMP
                + quote("\n\n#1 [facts] Kestrel deploys run on Fridays\n  Importance: 0.8 | Tags: ops | Stored: ")
                + TIMESTAMP);
  }

  @Test
  void listOfAnEmptyDatabaseShowsNone() throws Exception {
    McpProcess server = startInitialized();

    assertThat(text(server.callTool("memory_list", arguments()))).isEqualTo("Recent memories (0 shown):");
  }

  @Test
  void listKeepsToTheCategoryAndLimitAsked() throws Exception {
    McpProcess server = startInitialized();
    store(server, arguments("content", "First gotcha", "expanded_keywords", KEYWORDS, "category", "gotchas"));
    store(server, "A fact");
    store(server, arguments("content", "Second gotcha", "expanded_keywords", KEYWORDS, "category", "gotcha"));

    String text = text(server.callTool("memory_list", arguments("category", "gotchas", "limit", 1)));

    assertThat(text).startsWith("Recent memories (1 shown):\n\n#3 [gotchas] Second gotcha\n");
  }

  @Test
  void deleteShowsTheFirstFiftyCharactersAndTheMemoryIsGone() throws Exception {
    McpProcess server = startInitialized();
    String content = "The quick brown fox jumps over the lazy dog near the kestrel riverbank at dawn";
    long id = store(server, content);

    JsonNode deleted = server.callTool("memory_delete", arguments("id", id));

    assertThat(deleted.path("isError").asBoolean()).isFalse();
    assertThat(text(deleted)).isEqualTo("Deleted memory #" + id + ": " + content.substring(0, 50) + "...");
    assertThat(text(server.callTool("memory_recall", arguments("context", "kestrel", "expanded_query", "fox"))))
        .isEqualTo("No memories found matching: kestrel");
    JsonNode again = server.callTool("memory_delete", arguments("id", id));
    assertThat(again.path("isError").asBoolean()).isTrue();
    assertThat(text(again)).isEqualTo("Memory #" + id + " not found");
  }

  @Test
  void deleteOfAShortMemoryShowsAllOfIt() throws Exception {
    McpProcess server = startInitialized();
    long id = store(server, "Short one");

    assertThat(text(server.callTool("memory_delete", arguments("id", id)))).isEqualTo("Deleted memory #" + id + ": Short one...");
  }

  @Test
  void deleteOfAnUnknownIdIsAnErrorSayingNotFound() throws Exception {
    McpProcess server = startInitialized();

    JsonNode result = server.callTool("memory_delete", arguments("id", 4242));

    assertThat(result.path("isError").asBoolean()).isTrue();
    assertThat(text(result)).isEqualTo("Memory #4242 not found");
  }

  @Test
  void updateChangesOnlyTheGivenFields() throws Exception {
    McpProcess server = startInitialized();
    long id = store(server, arguments("content", "Kestrel deploys run on Fridays", "expanded_keywords", KEYWORDS, "importance", 0.3));

    JsonNode updated = server.callTool("memory_update", arguments("id", id, "tags", "ops,release", "category", "infra"));

    assertThat(updated.path("isError").asBoolean()).isFalse();
    assertThat(text(updated)).isEqualTo("Updated memory #" + id);
    assertThat(text(server.callTool("memory_recall", arguments("context", "kestrel", "expanded_query", ""))))
        .startsWith(
            "Found 1 memory (by relevance):\n\n#" + id + " [infrastructure] (importance: 0.3) Kestrel deploys run on Fridays\n"
                + "  Tags: ops,release | Stored: ");
  }

  @Test
  void updateOfTheContentMakesTheMemoryFoundByItsNewWords() throws Exception {
    McpProcess server = startInitialized();
    long id = store(server, "Kestrel deploys run on Fridays");

    JsonNode updated =
        server.callTool("memory_update", arguments("id", id, "content", "Marmalade deploys run on Mondays", "importance", 1));

    assertThat(text(updated)).isEqualTo("Updated memory #" + id);
    assertThat(text(server.callTool("memory_recall", arguments("context", "mondays", "expanded_query", ""))))
        .startsWith("Found 1 memory (by relevance):\n\n#" + id + " [facts] (importance: 1.0) Marmalade deploys run on Mondays\n");
    assertThat(text(server.callTool("memory_recall", arguments("context", "fridays", "expanded_query", ""))))
        .isEqualTo("No memories found matching: fridays");
  }

  @Test
  void updateOfAnUnknownIdIsAnErrorSayingNotFound() throws Exception {
    McpProcess server = startInitialized();

    JsonNode result = server.callTool("memory_update", arguments("id", 77, "tags", "x"));

    assertThat(result.path("isError").asBoolean()).isTrue();
    assertThat(text(result)).isEqualTo("Memory #77 not found");
  }

  @Test
  void updateWithoutAnyFieldIsAnErrorAskingForOne() throws Exception {
    McpProcess server = startInitialized();
    long id = store(server, "Kestrel deploys run on Fridays");

    JsonNode result = server.callTool("memory_update", arguments("id", id));

    assertThat(result.path("isError").asBoolean()).isTrue();
    assertThat(text(result)).contains("at least one of content, category, tags, importance, expanded_keywords");
  }

  @Test
  void aMisspeltSensitiveFlagIsRefusedAndNeitherStoresNorChangesAnything() throws Exception {
    McpProcess server = startInitialized();
    long id = store(server, "Kestrel deploys run on Fridays");

    JsonNode store =
        server.callTool(
            "memory_store",
            arguments("content", "The kestrel vault passphrase is marmalade", "expanded_keywords", KEYWORDS, "is_sensitive", true));
    JsonNode update =
        server.callTool(
            "memory_update", arguments("id", id, "content", "The kestrel vault passphrase is marmalade", "is_sensitive", true));

    assertThat(store.path("isError").asBoolean()).as(text(store)).isTrue();
    assertThat(text(store)).contains("unknown argument 'is_sensitive'").contains("force_sensitive");
    assertThat(update.path("isError").asBoolean()).as(text(update)).isTrue();
    assertThat(text(update)).contains("unknown argument 'is_sensitive'");
    assertThat(text(server.callTool("memory_list", arguments())))
        .startsWith("Recent memories (1 shown):\n\n#" + id + " [facts] Kestrel deploys run on Fridays\n");
  }

  @Test
  void secretGetShowsASensitiveMemoryInFull() throws Exception {
    McpProcess server = startInitialized();
    long id = store(server, SECRET);

    JsonNode result = server.callTool("secret_get", arguments("id", id));

    assertThat(result.path("isError").asBoolean()).isFalse();
    assertThat(text(result)).isEqualTo("#" + id + " [facts] " + SECRET);
  }

  @Test
  void secretGetOfAnOrdinaryMemorySaysItIsNotSensitive() throws Exception {
    McpProcess server = startInitialized();
    long id = store(server, "Kestrel deploys run on Fridays");

    assertThat(text(server.callTool("secret_get", arguments("id", id)))).isEqualTo("Memory #" + id + " is not marked as sensitive");
  }

  @Test
  void secretGetOfAnUnknownIdIsAnErrorSayingNotFound() throws Exception {
    McpProcess server = startInitialized();

    JsonNode result = server.callTool("secret_get", arguments("id", 31));

    assertThat(result.path("isError").asBoolean()).isTrue();
    assertThat(text(result)).isEqualTo("Memory #31 not found");
  }

  @Test
  void sensitiveMemoriesAreShownMaskedFoundByTheirKeywordsAndTheirContentOnlyBySecretGet() throws Exception {
    McpProcess server = startInitialized();
    long detected = store(server, arguments("content", SECRET, "expanded_keywords", "database credentials login kestrel"));
    long forced =
        store(
            server,
            arguments(
                "content", "The kestrel garage door opens with 7731",
                "expanded_keywords", "database credentials login",
                "force_sensitive", true));
    long ordinary = store(server, "Kestrel deploys run on Fridays");

    String recallByWords = text(server.callTool("memory_recall", arguments("context", "db password", "expanded_query", "hunter2secret 7731")));
    String recallByKeywords = text(server.callTool("memory_recall", arguments("context", "kestrel", "expanded_query", "credentials login garage")));
    String list = text(server.callTool("memory_list", arguments("limit", 1000)));
    long secretAnswer = server.send("tools/call", McpProcess.toolParams("secret_get", arguments("id", detected)));
    String secret = text(server.await(secretAnswer).get("result"));
    String deleted = text(server.callTool("memory_delete", arguments("id", forced)));

    assertThat(secret).isEqualTo("#" + detected + " [facts] " + SECRET);
    assertThat(recallByWords).isEqualTo("No memories found matching: db password");
    assertThat(recallByKeywords)
        .startsWith("Found 3 memories")
        .contains("#" + detected + " [facts] (importance: 0.5) [SENSITIVE - use secret_get(id=" + detected + ")]\n")
        .contains("#" + forced + " [facts] (importance: 0.5) [SENSITIVE - use secret_get(id=" + forced + ")]\n")
        .contains("#" + ordinary + " ");
    assertThat(list)
        .startsWith("Recent memories (3 shown):\n\n#" + ordinary + " ")
        .contains("#" + forced + " [facts] [SENSITIVE - use secret_get(id=" + forced + ")]\n")
        .contains("#" + detected + " [facts] [SENSITIVE - use secret_get(id=" + detected + ")]\n");
    assertThat(deleted).startsWith("Deleted memory #" + forced + ": ").doesNotContain("7731");
    List<String> linesButTheSecretAnswer =
        server.stdoutLines().stream().filter(line -> !line.contains("\"id\":" + secretAnswer + ",")).toList();
    assertThat(linesButTheSecretAnswer).hasSizeGreaterThan(5).noneMatch(line -> line.contains("hunter2secret") || line.contains("7731"));
  }

  @Test
  void structuredContentCarriesTheMaskNeverTheSecret() throws Exception {
    McpProcess server = startInitialized();
    long id = store(server, arguments("content", SECRET, "expanded_keywords", "database credentials login kestrel"));

    JsonNode recall = server.callTool("memory_recall", arguments("context", "kestrel", "expanded_query", "credentials"));
    JsonNode list = server.callTool("memory_list", arguments());
    JsonNode bySecret = server.callTool("memory_recall", arguments("context", "hunter2secret", "expanded_query", "db password"));

    for (JsonNode result : List.of(recall, list)) {
      JsonNode memory = result.path("structuredContent").path("memories").path(0);
      assertThat(memory.path("id").asLong()).isEqualTo(id);
      assertThat(memory.path("sensitive").asBoolean()).isTrue();
      assertThat(memory.path("content").asText()).isEqualTo("[SENSITIVE - use secret_get(id=" + id + ")]");
      assertThat(result.toString()).doesNotContain("hunter2secret");
    }
    assertThat(text(bySecret)).isEqualTo("No memories found matching: hunter2secret");
    assertThat(bySecret.path("structuredContent").path("count").asInt(-1)).isZero();
  }

  @Test
  void countGivesTheTotalThenOneLinePerCategory() throws Exception {
    McpProcess server = startInitialized();
    store(server, "A fact");
    store(server, "Another fact");
    store(server, arguments("content", "A gotcha", "expanded_keywords", KEYWORDS, "category", "bug"));

    JsonNode result = server.callTool("memory_count", arguments());

    assertThat(result.path("isError").asBoolean()).isFalse();
    List<String> lines = Arrays.asList(text(result).split("\n"));
    assertThat(lines.get(0)).isEqualTo("Local memories: 3");
    assertThat(lines.subList(1, 3)).containsExactlyInAnyOrder("  facts: 2", "  gotchas: 1");
    // sync diagnostics may follow; no other category line does
    assertThat(lines.subList(3, lines.size())).noneMatch(line -> line.matches("  [a-z-]+: \\d+"));
  }

  @Test
  void countOfAnEmptyDatabaseIsZero() throws Exception {
    McpProcess server = startInitialized();

    List<String> lines = text(server.callTool("memory_count", null)).lines().toList();

    assertThat(lines.get(0)).isEqualTo("Local memories: 0");
    assertThat(lines).noneMatch(line -> line.matches("  [a-z-]+: \\d+"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"})
  void resultsCarryStructuredContentFrom20250618On(String version) throws Exception {
    McpProcess server = servers.start(folder);
    server.initialize(version);

    JsonNode stored =
        server.callTool(
            "memory_store",
            arguments("content", "Kestrel deploys run on Fridays", "expanded_keywords", KEYWORDS, "category", "bug", "importance", 0.7));
    JsonNode recalled = server.callTool("memory_recall", arguments("context", "kestrel", "expanded_query", ""));
    JsonNode listed = server.callTool("memory_list", null);
    JsonNode counted = server.callTool("memory_count", null);
    JsonNode missing = server.callTool("memory_delete", arguments("id", 99));

    boolean structured = version.compareTo("2025-06-18") >= 0;
    for (JsonNode result : List.of(stored, recalled, listed, counted)) {
      assertThat(result.has("structuredContent")).as("structuredContent under %s in %s", version, result).isEqualTo(structured);
      assertThat(result.path("content").get(0).path("type").asText()).isEqualTo("text");
    }
    assertThat(missing.has("structuredContent")).isFalse();
    if (structured) {
      JsonNode store = stored.get("structuredContent");
      assertThat(store.path("id").asLong()).isEqualTo(1);
      assertThat(store.path("category").asText()).isEqualTo("gotchas");
      assertThat(store.path("importance").asDouble()).isEqualTo(0.7);
      assertThat(store.path("sensitive").asBoolean(true)).isFalse();
      JsonNode recall = recalled.get("structuredContent");
      assertThat(recall.path("count").asInt()).isEqualTo(1);
      assertThat(recall.path("sort_by").asText()).isEqualTo("relevance");
      assertThat(recall.path("memories").get(0).path("content").asText()).isEqualTo("Kestrel deploys run on Fridays");
      assertThat(recall.path("memories").get(0).path("created_at").asText()).matches(TIMESTAMP);
      assertThat(listed.get("structuredContent").path("count").asInt()).isEqualTo(1);
      assertThat(counted.get("structuredContent").path("total").asInt()).isEqualTo(1);
      assertThat(counted.get("structuredContent").path("by_category").path("gotchas").asInt()).isEqualTo(1);
    }
    assertThat(text(stored)).isEqualTo("Stored memory #1 in category 'gotchas' with importance 0.7");
  }
}
