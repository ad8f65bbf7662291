package dev.claudememory.mcp;

import static dev.claudememory.mcp.McpProcess.arguments;
import static dev.claudememory.mcp.McpProcess.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.testkit.FakeMemoryApiServer;
import dev.claudememory.testkit.ServerMemory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API key and sensitive content stay where they belong through a hybrid session with auth
 * failures and a key rotation: the key in no stdout, stderr, log file or file the server wrote;
 * a secret in no part (any content block, {@code structuredContent}) of any answer but {@code
 * secret_get}'s, and in no log line.
 */
final class SecretHygieneIT {
  private static final String OLD_KEY = "cm-live-OLDKEY-7f3a9c2e1b55";
  private static final String NEW_KEY = "cm-live-NEWKEY-4d8e6b0a5c77";
  private static final String SECRET_VALUE = "Tr0ub4dor-7731-zebra";
  private static final String SECRET = "prod billing db password=" + SECRET_VALUE;
  private static final Duration CONVERGE = Duration.ofSeconds(30);

  @RegisterExtension final McpProcesses servers = new McpProcesses();
  @TempDir Path folder;

  @Test
  void theKeyIsShownNowhereAndTheSecretOnlyBySecretGet() throws Exception {
    List<McpProcess> sessions = new ArrayList<>();
    try (FakeMemoryApiServer api = new FakeMemoryApiServer(OLD_KEY).start()) {
      McpProcess first = session(api, OLD_KEY);
      sessions.add(first);
      long plain = StoredMemories.store(first, "Kestrel deploys are frozen on Fridays");
      // every answer but secret_get's, by the call it answered
      Map<String, JsonNode> answers = new LinkedHashMap<>();
      answers.put("memory_store of the secret",
          first.callTool("memory_store", arguments("content", SECRET, "expanded_keywords", StoredMemories.KEYWORDS)));
      long secret = StoredMemories.idOf(answers.get("memory_store of the secret"));
      Eventually.await("both memories on the server", CONVERGE,
          () -> assertThat(api.serverMemories()).hasSize(2));

      api.answer401During(Duration.ofSeconds(3));
      StoredMemories.store(first, "Heron queue drains hourly");
      Eventually.await("the refused key in memory_count", CONVERGE,
          () -> assertThat(text(first.callTool("memory_count", null))).contains("Auth: refused since"));
      Eventually.await("sync resumed after the stretch of 401s", CONVERGE,
          () -> assertThat(api.serverMemories()).hasSize(3));

      api.setApiKey(NEW_KEY);
      StoredMemories.store(first, "Osprey cache is warmed at six");
      Eventually.await("the rotated key refused", CONVERGE,
          () -> assertThat(text(first.callTool("memory_count", null))).contains("Auth: refused since"));
      first.terminateAndWait(Duration.ofSeconds(15));

      McpProcess second = session(api, NEW_KEY);
      sessions.add(second);
      Eventually.await("the queued store pushed with the new key", CONVERGE,
          () -> assertThat(api.serverMemories()).extracting(ServerMemory::content)
              .contains("Osprey cache is warmed at six"));

      answers.put("memory_update of the secret",
          second.callTool("memory_update", arguments("id", secret, "tags", "billing")));
      answers.put("memory_recall", second.callTool("memory_recall", recall("prod billing db password")));
      answers.put("memory_list", second.callTool("memory_list", arguments("limit", 100)));
      answers.put("memory_count", second.callTool("memory_count", null));
      assertThat(text(second.callTool("secret_get", arguments("id", secret)))).contains(SECRET);
      answers.put("memory_delete of the secret", second.callTool("memory_delete", arguments("id", secret)));

      assertThat(answers).allSatisfy((call, answer) -> {
        assertThat(answer.path("isError").asBoolean()).as("%s failed: %s", call, answer).isFalse();
        assertThat(answer.has("structuredContent")).as("%s has structuredContent", call).isTrue();
      });
      answers.forEach((call, answer) -> assertThat(partsOf(answer))
          .as("the parts of the answer to %s holding the secret", call)
          .noneSatisfy((where, value) -> assertThat(value).contains(SECRET_VALUE)));
      assertThat(text(answers.get("memory_list"))).contains("#" + plain + " ");
    }
    for (McpProcess session : sessions) {
      session.close();
    }

    for (String key : List.of(OLD_KEY, NEW_KEY)) {
      for (McpProcess session : sessions) {
        assertThat(session.stdoutLines()).as("stdout").noneSatisfy(line -> assertThat(line).contains(key));
        assertThat(session.stderr()).as("stderr").doesNotContain(key);
      }
      assertThat(FileTexts.holding(folder, key)).as("files holding the key").isEmpty();
    }
    Path logs = folder.resolve("memory-home").resolve("logs");
    assertThat(FileTexts.filesUnder(logs)).as("log files").isNotEmpty();
    assertThat(FileTexts.holding(logs, SECRET_VALUE)).as("log files holding the secret").isEmpty();
  }

  private McpProcess session(FakeMemoryApiServer api, String key) throws IOException {
    McpProcess server =
        servers.start(
            folder,
            Map.of("MEMORY_API_URL", api.baseUri().toString(), "MEMORY_API_KEY", key, "MEMORY_SYNC_INTERVAL", "1"));
    server.initialize("2025-06-18");
    return server;
  }

  /**
   * Every text an answer carries, by where it is: each string in each content block and in
   * {@code structuredContent}, however deep.
   */
  private static Map<String, String> partsOf(JsonNode answer) {
    Map<String, String> parts = new LinkedHashMap<>();
    JsonNode content = answer.path("content");
    for (int block = 0; block < content.size(); block++) {
      collectTexts("content[" + block + "]", content.get(block), parts);
    }
    collectTexts("structuredContent", answer.path("structuredContent"), parts);
    return parts;
  }

  private static void collectTexts(String where, JsonNode node, Map<String, String> parts) {
    if (node.isTextual()) {
      parts.put(where, node.asText());
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collectTexts(where + "[" + i + "]", node.get(i), parts);
      }
    } else if (node.isObject()) {
      node.fields().forEachRemaining(field -> collectTexts(where + "." + field.getKey(), field.getValue(), parts));
    }
  }

  private static ObjectNode recall(String words) {
    return arguments("context", words, "expanded_query", words, "limit", 100);
  }
}
