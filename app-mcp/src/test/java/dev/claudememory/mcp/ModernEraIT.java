package dev.claudememory.mcp;

import static dev.claudememory.mcp.McpProcess.MODERN;
import static dev.claudememory.mcp.McpProcess.arguments;
import static dev.claudememory.mcp.McpProcess.text;
import static dev.claudememory.mcp.StoredMemories.KEYWORDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both eras of MCP on stdio, as the 2026-07-28 revision's compatibility matrix has a dual-era
 * server serve them: stateless requests carrying their version in {@code _meta} (with {@code
 * server/discover}), and the {@code initialize} handshake of the 2024-11-05 to 2025-11-25
 * revisions.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
final class ModernEraIT {
  static final List<String> EVERY_VERSION =
      List.of(MODERN, "2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");

  @RegisterExtension final McpProcesses servers = new McpProcesses();
  @TempDir Path folder;

  @Test
  void discoverTellsTheVersionsCapabilitiesAndIdentityWithoutAHandshake() throws Exception {
    McpProcess server = servers.start(folder);

    JsonNode response = server.modernRequest("server/discover", null);

    JsonNode result = response.get("result");
    assertThat(result).as("%s", response).isNotNull();
    assertThat(result.path("resultType").asText()).isEqualTo("complete");
    List<String> versions = new ArrayList<>();
    result.path("supportedVersions").forEach(version -> versions.add(version.asText()));
    assertThat(versions).containsExactlyElementsOf(EVERY_VERSION);
    assertThat(result.path("capabilities").has("tools")).isTrue();
    assertThat(result.path("_meta").path("io.modelcontextprotocol/serverInfo").path("name").asText())
        .isEqualTo("claude-memory");
    assertThat(result.path("instructions").asText()).isNotBlank();
    assertThat(result.path("ttlMs").isIntegralNumber()).isTrue();
    assertThat(result.path("ttlMs").asLong()).isNotNegative();
    assertThat(result.path("cacheScope").asText()).isIn("public", "private");
  }

  @Test
  void aModernClientStoresRecallsListsAndDeletesWithoutInitialize() throws Exception {
    McpProcess server = servers.start(folder);

    JsonNode listing = server.modernRequest("tools/list", null).get("result");
    assertThat(listing.path("resultType").asText()).isEqualTo("complete");
    assertThat(listing.path("ttlMs").asLong(-1)).isNotNegative();
    assertThat(listing.path("cacheScope").asText()).isIn("public", "private");
    assertThat(listing.path("tools")).hasSize(7);
    for (JsonNode tool : listing.path("tools")) {
      assertThat(tool.path("title").asText()).as("title of %s", tool.path("name")).isNotBlank();
      assertThat(tool.has("outputSchema")).isTrue();
      assertThat(tool.path("annotations").has("readOnlyHint")).isTrue();
    }

    JsonNode stored =
        server.callToolModern(
            "memory_store", arguments("content", "The Kestrel build runs on Maven", "expanded_keywords", KEYWORDS));
    assertModernResult(stored);
    long id = stored.path("structuredContent").path("id").asLong();
    assertThat(text(stored)).isEqualTo("Stored memory #" + id + " in category 'facts' with importance 0.5");

    JsonNode recalled = server.callToolModern("memory_recall", arguments("context", "Kestrel build", "expanded_query", KEYWORDS));
    assertModernResult(recalled);
    assertThat(recalled.path("structuredContent").path("memories").get(0).path("id").asLong()).isEqualTo(id);

    JsonNode listed = server.callToolModern("memory_list", null);
    assertModernResult(listed);
    assertThat(text(listed)).contains("The Kestrel build runs on Maven");

    JsonNode deleted = server.callToolModern("memory_delete", arguments("id", id));
    assertModernResult(deleted);
    assertThat(text(server.callToolModern("memory_list", null))).doesNotContain("Kestrel");
  }

  private static void assertModernResult(JsonNode result) {
    assertThat(result.path("isError").asBoolean()).as("%s", result).isFalse();
    assertThat(result.path("resultType").asText()).as("%s", result).isEqualTo("complete");
    assertThat(result.has("structuredContent")).as("%s", result).isTrue();
    assertThat(result.path("_meta").path("io.modelcontextprotocol/serverInfo").path("name").asText())
        .isEqualTo("claude-memory");
  }

  @Test
  void aLegacyClientStoresRecallsListsAndDeletesAfterInitialize() throws Exception {
    McpProcess server = servers.start(folder);

    JsonNode initialized = server.initialize("2025-11-25");
    assertThat(initialized.path("protocolVersion").asText()).isEqualTo("2025-11-25");
    JsonNode listing = server.request("tools/list", null).get("result");
    assertThat(listing.has("resultType")).isFalse();
    assertThat(listing.path("tools")).hasSize(7);

    JsonNode stored =
        server.callTool("memory_store", arguments("content", "The Plover deploys on Fridays", "expanded_keywords", KEYWORDS));
    assertLegacyResult(stored);
    long id = stored.path("structuredContent").path("id").asLong();
    JsonNode recalled = server.callTool("memory_recall", arguments("context", "Plover deploys", "expanded_query", KEYWORDS));
    assertLegacyResult(recalled);
    assertThat(recalled.path("structuredContent").path("memories").get(0).path("id").asLong()).isEqualTo(id);
    assertLegacyResult(server.callTool("memory_list", null));
    assertLegacyResult(server.callTool("memory_delete", arguments("id", id)));
    assertThat(text(server.callTool("memory_list", null))).doesNotContain("Plover");
    assertThat(server.request("ping", null).has("result")).as("ping is still answered in the legacy era").isTrue();
  }

  private static void assertLegacyResult(JsonNode result) {
    assertThat(result.path("isError").asBoolean()).as("%s", result).isFalse();
    assertThat(result.has("resultType")).as("%s", result).isFalse();
  }

  @Test
  void oneProcessServesBothErasSideBySide() throws Exception {
    McpProcess server = servers.start(folder);
    server.initialize("2025-11-25");

    long id =
        server
            .callToolModern("memory_store", arguments("content", "The Osprey cache is Redis", "expanded_keywords", KEYWORDS))
            .path("structuredContent")
            .path("id")
            .asLong();
    JsonNode legacyRecall = server.callTool("memory_recall", arguments("context", "Osprey cache", "expanded_query", KEYWORDS));

    assertThat(legacyRecall.has("resultType")).isFalse();
    assertThat(legacyRecall.path("structuredContent").path("memories").get(0).path("id").asLong()).isEqualTo(id);
    assertThat(server.modernRequest("tools/list", null).path("result").path("resultType").asText()).isEqualTo("complete");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1900-01-01", "2099-01-01", "2025-11-25"})
  void aVersionNotSpokenStatelesslyIsRefusedWithTheSupportedList(String version) throws Exception {
    McpProcess server = servers.start(folder);

    for (String method : List.of("server/discover", "tools/list", "tools/call")) {
      ObjectNode params = method.equals("tools/call") ? storeParams("The Heron runbook") : McpProcess.object();
      params.set("_meta", McpProcess.modernMeta(version));

      JsonNode error = server.request(method, params).path("error");

      assertThat(error.path("code").asInt()).as("%s: %s", method, error).isEqualTo(-32022);
      List<String> supported = new ArrayList<>();
      error.path("data").path("supported").forEach(named -> supported.add(named.asText()));
      assertThat(supported).containsExactlyElementsOf(EVERY_VERSION);
      assertThat(error.path("data").path("requested").asText()).isEqualTo(version);
    }
    assertThat(text(server.callToolModern("memory_count", null))).as("nothing was stored").startsWith("Local memories: 0");
  }

  @Test
  void aModernRequestWithoutItsRequiredMetaIsInvalidParamsAndChangesNothing() throws Exception {
    McpProcess server = servers.start(folder);
    ObjectNode withoutCapabilities = storeParams("The Wren password rotates monthly");
    withoutCapabilities.putObject("_meta").put("io.modelcontextprotocol/protocolVersion", MODERN);
    ObjectNode withoutVersion = storeParams("The Wren password rotates monthly");
    withoutVersion.putObject("_meta").putObject("io.modelcontextprotocol/clientCapabilities");
    ObjectNode versionNotText = storeParams("The Wren password rotates monthly");
    versionNotText.putObject("_meta").put("io.modelcontextprotocol/protocolVersion", 20260728)
        .putObject("io.modelcontextprotocol/clientCapabilities");

    List<JsonNode> errors =
        List.of(
            server.request("server/discover", null).path("error"),
            server.request("server/discover", McpProcess.object()).path("error"),
            server.request("tools/call", withoutCapabilities).path("error"),
            server.request("tools/call", withoutVersion).path("error"),
            server.request("tools/call", versionNotText).path("error"));

    for (JsonNode error : errors) {
      assertThat(error.path("code").asInt()).as("%s", error).isEqualTo(-32602);
      assertThat(error.path("message").asText()).contains("_meta");
    }
    assertThat(text(server.callToolModern("memory_count", null))).startsWith("Local memories: 0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ping", "logging/setLevel", "initialize", "notifications/initialized", "resources/list"})
  void aMethodTheModernEraDoesNotHaveIsMethodNotFound(String method) throws Exception {
    McpProcess server = servers.start(folder);

    JsonNode response = server.modernRequest(method, null);

    assertThat(response.path("error").path("code").asInt()).as("%s", response).isEqualTo(-32601);
    assertThat(server.modernRequest("server/discover", null).has("result")).as("still serving").isTrue();
  }

  @Test
  void anUnknownToolOrArgumentsNotAnObjectAreInvalidParamsInTheModernEra() throws Exception {
    McpProcess server = servers.start(folder);
    ObjectNode notAnObject = McpProcess.toolParams("memory_list", null);
    notAnObject.put("arguments", "limit=3");

    JsonNode unknown = server.modernRequest("tools/call", McpProcess.toolParams("memory_forget", arguments("id", 1)));
    JsonNode badArguments = server.modernRequest("tools/call", notAnObject);

    assertThat(unknown.path("error").path("code").asInt()).as("%s", unknown).isEqualTo(-32602);
    assertThat(unknown.path("error").path("message").asText()).contains("Unknown tool: memory_forget").contains("memory_recall");
    assertThat(badArguments.path("error").path("code").asInt()).as("%s", badArguments).isEqualTo(-32602);
  }

  private static ObjectNode storeParams(String content) throws IOException {
    return McpProcess.toolParams("memory_store", arguments("content", content, "expanded_keywords", KEYWORDS));
  }
}
