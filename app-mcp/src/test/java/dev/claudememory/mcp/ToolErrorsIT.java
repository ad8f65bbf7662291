package dev.claudememory.mcp;

import static dev.claudememory.mcp.McpProcess.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC §4 errors: a bad or missing argument, a wrong type, an out-of-range limit, an unknown id or
 * an unknown tool is a tool result with {@code isError: true} and a message a person understands,
 * never a protocol error; nothing is stored, and the same server keeps serving every next call.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
final class ToolErrorsIT {
  @RegisterExtension static final McpProcesses SERVERS = new McpProcesses();
  @TempDir static Path folder;
  private static McpProcess server;

  /** One bad tool call: the tool, its raw {@code arguments} JSON (null: none) and words the answer must hold. */
  record BadCall(String name, String tool, String arguments, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<BadCall> badCalls() {
    String k1401 = "k".repeat(1_401);
    String emoji1401 = "😀".repeat(1_401);
    return List.of(
        // missing required arguments
        call("store without content", "memory_store", "{\"expanded_keywords\": \"a b c d e\"}", "'content' is required"),
        call("store without expanded_keywords", "memory_store", "{\"content\": \"hello\"}", "'expanded_keywords' is required"),
        call("store without arguments", "memory_store", null, "'content' is required"),
        call("store with null content", "memory_store", "{\"content\": null, \"expanded_keywords\": \"x\"}", "'content' is required"),
        call("recall without context", "memory_recall", "{\"expanded_query\": \"x\"}", "'context' is required"),
        call("recall without expanded_query", "memory_recall", "{\"context\": \"x\"}", "'expanded_query' is required"),
        call("delete without id", "memory_delete", "{}", "'id' is required"),
        call("update without id", "memory_update", "{\"tags\": \"x\"}", "'id' is required"),
        call("secret_get without id", "secret_get", "{}", "'id' is required"),
        // wrong types
        call("content a number", "memory_store", "{\"content\": 42, \"expanded_keywords\": \"x\"}", "'content' must be a string"),
        call("content an object", "memory_store", "{\"content\": {\"text\": \"hi\"}, \"expanded_keywords\": \"x\"}", "'content' must be a string"),
        call("expanded_keywords an array", "memory_store", "{\"content\": \"hi\", \"expanded_keywords\": [\"a\"]}", "'expanded_keywords' must be a string"),
        call("limit the string abc", "memory_recall", "{\"context\": \"x\", \"expanded_query\": \"y\", \"limit\": \"abc\"}", "'limit' must be a whole number"),
        call("limit a fraction", "memory_recall", "{\"context\": \"x\", \"expanded_query\": \"y\", \"limit\": 2.5}", "'limit' must be a whole number"),
        call("id an array", "memory_delete", "{\"id\": [1]}", "'id' must be a whole number"),
        call("id a string", "memory_delete", "{\"id\": \"abc\"}", "'id' must be a whole number"),
        call("id a boolean", "secret_get", "{\"id\": true}", "'id' must be a whole number"),
        call("importance a word", "memory_store", "{\"content\": \"hi\", \"expanded_keywords\": \"x\", \"importance\": \"high\"}", "'importance' must be a number"),
        call("force_sensitive a word", "memory_store", "{\"content\": \"hi\", \"expanded_keywords\": \"x\", \"force_sensitive\": \"maybe\"}", "'force_sensitive' must be true or false"),
        call("arguments an array", "memory_count", "[]", "'arguments' must be a JSON object"),
        call("arguments a string", "memory_store", "\"content=hi\"", "'arguments' must be a JSON object"),
        // out of range
        call("recall limit 0", "memory_recall", "{\"context\": \"x\", \"expanded_query\": \"y\", \"limit\": 0}", "between 1 and 100"),
        call("recall limit 101", "memory_recall", "{\"context\": \"x\", \"expanded_query\": \"y\", \"limit\": 101}", "between 1 and 100"),
        call("list limit 0", "memory_list", "{\"limit\": 0}", "between 1 and 1000"),
        call("list limit 1001", "memory_list", "{\"limit\": 1001}", "between 1 and 1000"),
        call("id 0", "memory_delete", "{\"id\": 0}", "positive whole number"),
        call("id -1", "memory_update", "{\"id\": -1, \"tags\": \"x\"}", "positive whole number"),
        call("id huge", "memory_delete", "{\"id\": 1000000000000000000000000000000}", "'id' must be a whole number"),
        call("id huge as a string", "secret_get", "{\"id\": \"99999999999999999999999\"}", "'id' must be a whole number"),
        // unknown ids
        call("delete of an unknown id", "memory_delete", "{\"id\": 999999}", "Memory #999999 not found"),
        call("update of an unknown id", "memory_update", "{\"id\": 999999, \"tags\": \"x\"}", "Memory #999999 not found"),
        call("secret_get of an unknown id", "secret_get", "{\"id\": 999999}", "Memory #999999 not found"),
        // unknown tool
        call("unknown tool", "memory_forget", "{\"id\": 1}", "Unknown tool 'memory_forget'"),
        // refused content and fields
        call("blank content", "memory_store", "{\"content\": \"  \\t\\n \", \"expanded_keywords\": \"x\"}", "must not be blank"),
        call("invisible content", "memory_store", "{\"content\": \"\\u200b\\u200b\", \"expanded_keywords\": \"x\"}", "must not be blank"),
        call("content of 1,401 code points", "memory_store", "{\"content\": \"" + k1401 + "\", \"expanded_keywords\": \"x\"}", "1,401 characters; the limit is 1,400"),
        call("content of 1,401 emoji", "memory_store", "{\"content\": \"" + emoji1401 + "\", \"expanded_keywords\": \"x\"}", "1,401 characters; the limit is 1,400"),
        call("content with NUL", "memory_store", "{\"content\": \"a\\u0000b\", \"expanded_keywords\": \"x\"}", "NUL"),
        call("tags over 500", "memory_store", "{\"content\": \"hi\", \"expanded_keywords\": \"x\", \"tags\": \"" + "t".repeat(501) + "\"}", "the limit is 500"),
        call("store with an unknown category", "memory_store", "{\"content\": \"hi\", \"expanded_keywords\": \"x\", \"category\": \"recipes\"}", "unknown category 'recipes'; valid categories: facts, decisions"),
        call("recall with an unknown category", "memory_recall", "{\"context\": \"x\", \"expanded_query\": \"y\", \"category\": \"recipes\"}", "unknown category 'recipes'"),
        call("list with an unknown category", "memory_list", "{\"category\": \"recipes\"}", "unknown category 'recipes'"),
        call("update to an unknown category", "memory_update", "{\"id\": 1, \"category\": \"recipes\"}", "unknown category 'recipes'"),
        call("update without a field", "memory_update", "{\"id\": 1}", "at least one of"),
        call("store with importance above 1", "memory_store", "{\"content\": \"hi\", \"expanded_keywords\": \"x\", \"importance\": 1.7}", "importance must be a number between 0.0 and 1.0; got 1.7"),
        call("store with importance 2 as text", "memory_store", "{\"content\": \"hi\", \"expanded_keywords\": \"x\", \"importance\": \"2\"}", "importance must be a number between 0.0 and 1.0; got 2.0"),
        call("update to an importance below 0", "memory_update", "{\"id\": 1, \"importance\": -0.4}", "importance must be a number between 0.0 and 1.0; got -0.4"),
        call("unknown sort_by", "memory_recall", "{\"context\": \"x\", \"expanded_query\": \"y\", \"sort_by\": \"weird\"}", "unknown sort_by 'weird'"),
        // arguments no tool declares: a misspelt flag must never be dropped silently
        call("store with is_sensitive", "memory_store", "{\"content\": \"password: hunter2\", \"expanded_keywords\": \"x\", \"is_sensitive\": true}",
            "unknown argument 'is_sensitive'; memory_store accepts content, expanded_keywords, category, tags, importance, force_sensitive"),
        call("store with a null unknown argument", "memory_store", "{\"content\": \"hi\", \"expanded_keywords\": \"x\", \"sensitive\": null}", "unknown argument 'sensitive'"),
        call("store with two unknown arguments", "memory_store", "{\"content\": \"hi\", \"expanded_keywords\": \"x\", \"kind\": \"a\", \"Tags\": \"b\"}", "unknown arguments 'kind', 'Tags'"),
        call("recall with an unknown argument", "memory_recall", "{\"context\": \"x\", \"expanded_query\": \"y\", \"max\": 3}",
            "unknown argument 'max'; memory_recall accepts context, expanded_query, category, sort_by, limit"),
        call("list with an unknown argument", "memory_list", "{\"offset\": 3}", "unknown argument 'offset'; memory_list accepts category, limit"),
        call("delete with an unknown argument", "memory_delete", "{\"id\": 1, \"force\": true}", "unknown argument 'force'; memory_delete accepts id"),
        call("update with an unknown argument", "memory_update", "{\"id\": 1, \"is_sensitive\": true}", "unknown argument 'is_sensitive'; memory_update accepts id, content"),
        call("secret_get with an unknown argument", "secret_get", "{\"id\": 1, \"reveal\": true}", "unknown argument 'reveal'; secret_get accepts id"),
        call("count with an unknown argument", "memory_count", "{\"category\": \"facts\"}", "unknown argument 'category'; memory_count accepts no arguments"));
  }

  private static BadCall call(String name, String tool, String arguments, String expected) {
    return new BadCall(name, tool, arguments, expected);
  }

  @BeforeAll
  static void startOneServerForAllCalls() throws Exception {
    server = SERVERS.startForAllTests(folder);
    server.initialize(HandshakeIT.LATEST);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badCalls")
  void aBadCallIsAnErrorResultAndTheServerKeepsServing(BadCall call) throws Exception {
    JsonNode arguments = call.arguments() == null ? null : McpProcess.json().readTree(call.arguments());

    JsonNode response = server.request("tools/call", McpProcess.toolParams(call.tool(), arguments));

    assertThat(response.has("error")).as("a tool result, not a protocol error: %s", response).isFalse();
    JsonNode result = response.get("result");
    assertThat(result.path("isError").asBoolean()).as("isError in %s", result).isTrue();
    assertThat(text(result)).contains(call.expected());
    assertThat(text(result)).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(result.has("structuredContent")).isFalse();
    assertThat(server.request("ping", null).has("result")).as("still serving").isTrue();
    assertThat(StoredMemories.countLine(server)).as("nothing was stored").isEqualTo("Local memories: 0");
  }
}
