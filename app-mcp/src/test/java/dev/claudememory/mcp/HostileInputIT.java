package dev.claudememory.mcp;

import static dev.claudememory.mcp.McpProcess.arguments;
import static dev.claudememory.mcp.McpProcess.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudememory.testkit.NamedInput;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SPEC §4 recall: quotes, FTS5 operators and syntax, emoji and control characters in user text are
 * literal words; they never raise an error, and a memory is found by the words it holds. Storage
 * keeps what it accepts unchanged and refuses the rest with a message.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
final class HostileInputIT {
  private static final String LITERAL_CONTENT =
      "Deploy note: run \"make AND ship\" (OR NEAR) content:foo prefix* ^caret x:y {braces} 🎉 party";

  @RegisterExtension static final McpProcesses SERVERS = new McpProcesses();
  @TempDir static Path folder;
  private static McpProcess server;
  private static long literalId;

  @BeforeAll
  static void storeAMemoryFullOfQuerySyntax() throws Exception {
    // inputs differing only in their spaces would be one memory at the door; each is read back here
    server = SERVERS.startForAllTests(folder, Map.of("MEMORY_ALLOW_DUPLICATES", "1"));
    server.initialize(HandshakeIT.LATEST);
    literalId = StoredMemories.store(server, LITERAL_CONTENT);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.claudememory.testkit.HostileInputs#all")
  void recallOfHostileTextIsNeverAnError(NamedInput input) throws Exception {
    JsonNode asContext = server.callTool("memory_recall", arguments("context", input.text(), "expanded_query", input.text()));
    JsonNode asExpansion = server.callTool("memory_recall", arguments("context", "deploy", "expanded_query", input.text(), "limit", 100));

    for (JsonNode result : new JsonNode[] {asContext, asExpansion}) {
      assertThat(result.path("isError").asBoolean()).as("%s (%s): %s", input, input.escaped(), result).isFalse();
      assertThat(text(result)).matches("(?s)(Found (1 memory|\\d+ memories) \\(by relevance\\):\n\n#.*|No memories found matching: .*)");
    }
    assertThat(text(asExpansion)).as("deploy is still found").contains("#" + literalId + " [facts]");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "content:foo", "\"make", "ship\"", "\"make AND ship\"", "AND", "OR", "NEAR", "(OR", "NEAR)", "prefix*", "^caret",
        "x:y", "{braces}", "🎉 party", "deploy NOT", "-note"
      })
  void aStoredMemoryIsFoundByItsLiteralWords(String words) throws Exception {
    JsonNode result = server.callTool("memory_recall", arguments("context", words, "expanded_query", "", "limit", 100));

    assertThat(result.path("isError").asBoolean()).isFalse();
    assertThat(text(result)).contains("#" + literalId + " [facts] (importance: 0.5) " + LITERAL_CONTENT);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.claudememory.testkit.HostileInputs#storable")
  void storableHostileTextIsStoredAndReadBackUnchanged(NamedInput input) throws Exception {
    JsonNode stored = server.callTool("memory_store", arguments("content", input.text(), "expanded_keywords", "hostile"));
    long id = StoredMemories.idOf(stored);

    String readBack;
    if (stored.path("structuredContent").path("sensitive").asBoolean()) {
      String secret = text(server.callTool("secret_get", arguments("id", id)));
      readBack = secret.substring(secret.indexOf("] ") + 2);
    } else {
      readBack = null;
      for (JsonNode memory : server.callTool("memory_list", arguments("limit", 1000)).path("structuredContent").path("memories")) {
        if (memory.path("id").asLong() == id) {
          readBack = memory.path("content").asText();
        }
      }
    }
    assertThat(readBack).as("%s (%s) read back", input, input.escaped()).isEqualTo(input.text());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.claudememory.testkit.HostileInputs#unstorable")
  void unstorableHostileTextIsRefusedWithAMessage(NamedInput input) throws Exception {
    JsonNode refused = server.callTool("memory_store", arguments("content", input.text(), "expanded_keywords", "hostile"));

    assertThat(refused.path("isError").asBoolean()).as("%s (%s): %s", input, input.escaped(), refused).isTrue();
    assertThat(text(refused)).startsWith("Invalid input: content");
  }
}
