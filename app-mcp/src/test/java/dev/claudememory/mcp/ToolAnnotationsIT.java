package dev.claudememory.mcp;

import static dev.claudememory.mcp.McpProcess.arguments;
import static dev.claudememory.mcp.StoredMemories.KEYWORDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.claudememory.testkit.FakeMemoryApiServer;
import dev.claudememory.testkit.ServerMemory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each tool's {@code title}, {@code annotations} and {@code outputSchema} checked against what a
 * call does: a read-only tool leaves every row of the database as it was, an idempotent one
 * changes nothing more when called again, a tool that is not destructive only adds, a destructive
 * one takes something away, an open-world tool reaches the memory API, and every {@code
 * structuredContent} is valid against the tool's {@code outputSchema}.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
final class ToolAnnotationsIT {
  private static final String KEY = "sk-test-annotations-KEY-0123456789";
  /** The API's reads: every GET, and its search, which takes the query in a POST body. */
  private static final String READS = "GET .*|POST /api/memories/recall";
  private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  @RegisterExtension final McpProcesses servers = new McpProcesses();
  @TempDir Path folder;

  @Test
  void everyLocalToolDoesWhatItsAnnotationsSay() throws Exception {
    McpProcess server = servers.start(folder);
    long plain = storeFor(server, "The Kestrel build runs on Maven 3.9");
    long other = storeFor(server, "The Heron deploy window is Tuesday");
    long secret = storeFor(server, "db password=hunter2secret for the Heron replica");
    Map<String, JsonNode> tools = toolsByName(server.modernRequest("tools/list", null).get("result"));
    Map<String, ObjectNode> calls = new LinkedHashMap<>();
    calls.put("memory_recall", arguments("context", "Heron deploy", "expanded_query", KEYWORDS));
    calls.put("memory_list", arguments("limit", 10));
    calls.put("memory_count", McpProcess.object());
    calls.put("secret_get", arguments("id", secret));
    calls.put("memory_store", arguments("content", "The Osprey cache is Redis 7", "expanded_keywords", KEYWORDS));
    calls.put("memory_update", arguments("id", other, "content", "The Heron deploy window is Thursday"));
    calls.put("memory_delete", arguments("id", plain));
    assertThat(calls.keySet()).containsExactlyInAnyOrderElementsOf(tools.keySet());
    Path database = server.database();

    for (Map.Entry<String, ObjectNode> call : calls.entrySet()) {
      String name = call.getKey();
      JsonNode tool = tools.get(name);
      JsonNode hints = tool.path("annotations");
      assertThat(tool.path("title").asText()).as("title of %s", name).isNotBlank();
      assertThat(hints.path("openWorldHint").asBoolean(true)).as("%s works on the local database only", name).isFalse();
      SortedMap<String, List<String>> before = SqliteFile.everyRow(database);

      JsonNode result = server.callToolModern(name, call.getValue());

      assertThat(result.path("isError").asBoolean()).as("%s: %s", name, result).isFalse();
      assertFitsOutputSchema(name, tool, result);
      SortedMap<String, List<String>> after = SqliteFile.everyRow(database);
      if (hints.path("readOnlyHint").asBoolean()) {
        assertThat(after).as("%s is read-only: the database is row for row as it was", name).isEqualTo(before);
        continue;
      }
      assertThat(after).as("%s is not read-only: it writes", name).isNotEqualTo(before);
      boolean onlyAdds = onlyAdds(before, after);
      assertThat(hints.path("destructiveHint").asBoolean(true))
          .as("destructiveHint of %s against what it did to the rows it found", name)
          .isEqualTo(!onlyAdds);
      // idempotentHint false promises nothing (memory_store is idempotent only while duplicates are refused)
      if (hints.path("idempotentHint").asBoolean()) {
        server.callToolModern(name, call.getValue());
        assertThat(SqliteFile.everyRow(database)).as("%s is idempotent: a second call changes nothing", name).isEqualTo(after);
      }
    }
  }

  @Test
  void inRemoteOnlyModeEveryToolReachesTheApiAndTheReadOnlyOnesChangeNothingThere() throws Exception {
    try (FakeMemoryApiServer api = new FakeMemoryApiServer(KEY).start()) {
      McpProcess server =
          servers.start(
              folder,
              Map.of("MEMORY_API_URL", api.baseUri().toString(), "MEMORY_API_KEY", KEY, "MEMORY_SYNC_DISABLE", "1"));
      long id = storeFor(server, "The Plover on-call rota is in the team calendar");
      long gone = storeFor(server, "The Plover pager number changed in May");
      server.callToolModern("memory_share", arguments("id", id, "shared_with", "carol"));
      Map<String, JsonNode> tools = toolsByName(server.modernRequest("tools/list", null).get("result"));
      Map<String, ObjectNode> calls = new LinkedHashMap<>();
      calls.put("memory_recall", arguments("context", "Plover rota", "expanded_query", KEYWORDS));
      calls.put("memory_list", McpProcess.object());
      calls.put("memory_count", McpProcess.object());
      calls.put("secret_get", arguments("id", id));
      calls.put("memory_shared_with_me", McpProcess.object());
      calls.put("memory_my_shares", McpProcess.object());
      calls.put("memory_store", arguments("content", "The Plover runbook lives in the wiki", "expanded_keywords", KEYWORDS));
      calls.put("memory_update", arguments("id", id, "importance", 0.9));
      calls.put("memory_share", arguments("id", id, "shared_with", "bob"));
      calls.put("memory_share_tag", arguments("tag", "oncall", "shared_with", "bob"));
      calls.put("memory_unshare", arguments("id", id, "shared_with", "bob"));
      calls.put("memory_unshare_tag", arguments("tag", "oncall", "shared_with", "bob"));
      calls.put("memory_delete", arguments("id", gone));
      assertThat(calls.keySet()).containsExactlyInAnyOrderElementsOf(tools.keySet());

      for (Map.Entry<String, ObjectNode> call : calls.entrySet()) {
        String name = call.getKey();
        JsonNode tool = tools.get(name);
        JsonNode hints = tool.path("annotations");
        assertThat(hints.path("openWorldHint").asBoolean()).as("%s calls the memory API", name).isTrue();
        List<ServerMemory> before = api.allMemoriesIncludingDeleted();
        int requestsBefore = api.requests().size();

        JsonNode result = server.callToolModern(name, call.getValue());

        assertThat(result.path("isError").asBoolean()).as("%s: %s", name, result).isFalse();
        assertFitsOutputSchema(name, tool, result);
        assertThat(api.requests().size()).as("%s reached the API", name).isGreaterThan(requestsBefore);
        if (hints.path("readOnlyHint").asBoolean()) {
          assertThat(api.allMemoriesIncludingDeleted()).as("%s is read-only", name).isEqualTo(before);
          assertThat(api.requests().subList(requestsBefore, api.requests().size()))
              .as("%s only reads", name)
              .allSatisfy(request -> assertThat(request.method() + " " + request.path()).matches(READS));
        }
      }
    }
  }

  private static long storeFor(McpProcess server, String content) throws Exception {
    JsonNode stored = server.callToolModern("memory_store", arguments("content", content, "expanded_keywords", KEYWORDS));
    assertThat(stored.path("isError").asBoolean()).as("%s", stored).isFalse();
    return stored.path("structuredContent").path("id").asLong();
  }

  private static Map<String, JsonNode> toolsByName(JsonNode listing) {
    Map<String, JsonNode> tools = new LinkedHashMap<>();
    listing.path("tools").forEach(tool -> tools.put(tool.path("name").asText(), tool));
    return tools;
  }

  private static void assertFitsOutputSchema(String name, JsonNode tool, JsonNode result) {
    assertThat(result.has("structuredContent")).as("%s has structuredContent", name).isTrue();
    List<Error> errors =
        SCHEMAS.getSchema(tool.path("outputSchema").toString(), InputFormat.JSON)
            .validate(result.get("structuredContent").toString(), InputFormat.JSON);
    assertThat(errors).as("%s's structuredContent %s against its outputSchema", name, result.get("structuredContent")).isEmpty();
  }

  /**
   * Whether every row found before is still there as it was. The full-text index's own tables and
   * SQLite's id counters are left out: any insert rewrites them.
   */
  private static boolean onlyAdds(SortedMap<String, List<String>> before, SortedMap<String, List<String>> after) {
    for (Map.Entry<String, List<String>> table : before.entrySet()) {
      if (table.getKey().startsWith("memories_fts_") || table.getKey().equals("sqlite_sequence")) {
        continue;
      }
      List<String> kept = new ArrayList<>(after.getOrDefault(table.getKey(), List.of()));
      if (!kept.containsAll(table.getValue())) {
        return false;
      }
    }
    return true;
  }
}
