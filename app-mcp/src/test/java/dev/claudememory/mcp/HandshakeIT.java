package dev.claudememory.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC §4, protocol level: version negotiation, ping, the tool listing, unknown methods. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
final class HandshakeIT {
  static final List<String> SUPPORTED_VERSIONS = List.of("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25");
  static final String LATEST = "2025-11-25";

  /** Each tool with the arguments SPEC §4 marks as required, in the order tools/list gives them. */
  static final Map<String, List<String>> REQUIRED_ARGUMENTS = new LinkedHashMap<>();

  static {
    REQUIRED_ARGUMENTS.put("memory_store", List.of("content", "expanded_keywords"));
    REQUIRED_ARGUMENTS.put("memory_recall", List.of("context", "expanded_query"));
    REQUIRED_ARGUMENTS.put("memory_list", List.of());
    REQUIRED_ARGUMENTS.put("memory_delete", List.of("id"));
    REQUIRED_ARGUMENTS.put("memory_update", List.of("id"));
    REQUIRED_ARGUMENTS.put("secret_get", List.of("id"));
    REQUIRED_ARGUMENTS.put("memory_count", List.of());
  }

  @RegisterExtension final McpProcesses servers = new McpProcesses();
  @TempDir Path folder;

  @ParameterizedTest
  @ValueSource(strings = {"2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"})
  void initializeEchoesEachSupportedVersionAndToolsListFollowsIt(String version) throws Exception {
    McpProcess server = servers.start(folder);

    JsonNode result = server.initialize(version);

    assertThat(result.path("protocolVersion").asText()).isEqualTo(version);
    assertThat(result.path("serverInfo").path("name").asText()).isEqualTo("claude-memory");
    assertThat(result.path("serverInfo").path("version").asText()).isNotBlank();
    assertThat(result.path("capabilities").has("tools")).isTrue();
    assertToolsListFits(server.request("tools/list", null).get("result").get("tools"), version);
  }

  /** outputSchema only from 2025-06-18 on, annotations only from 2025-03-26 on. */
  private static void assertToolsListFits(JsonNode tools, String version) {
    boolean outputSchemas = version.compareTo("2025-06-18") >= 0;
    boolean annotations = version.compareTo("2025-03-26") >= 0;
    assertThat(tools).hasSize(7);
    for (JsonNode tool : tools) {
      String name = tool.get("name").asText();
      assertThat(tool.has("outputSchema")).as("%s has an outputSchema under %s", name, version).isEqualTo(outputSchemas);
      assertThat(tool.has("annotations")).as("%s has annotations under %s", name, version).isEqualTo(annotations);
      if (outputSchemas) {
        assertThat(tool.get("outputSchema").path("type").asText()).isEqualTo("object");
      }
      assertThat(tool.has("title")).as("%s has a title under %s", name, version).isEqualTo(outputSchemas);
      if (annotations) {
        boolean readOnly = List.of("memory_recall", "memory_list", "secret_get", "memory_count").contains(name);
        assertThat(tool.get("annotations").path("readOnlyHint").asBoolean(!readOnly)).as("readOnlyHint of %s", name).isEqualTo(readOnly);
        assertThat(tool.get("annotations").path("destructiveHint").asBoolean())
            .as("destructiveHint of %s", name)
            .isEqualTo(List.of("memory_delete", "memory_update").contains(name));
        assertThat(tool.get("annotations").path("title").asText()).as("title of %s", name).isNotBlank();
      }
    }
  }

  @Test
  void initializeWithAnUnknownMissingOrMalformedVersionAnswersTheNewestAndKeepsServing() throws Exception {
    McpProcess server = servers.start(folder);
    List<String> params =
        List.of(
            "{\"protocolVersion\": \"1999-01-01\"}",
            "{\"protocolVersion\": \"2030-01-01\"}",
            "{\"protocolVersion\": \"\"}",
            "{}",
            "{\"protocolVersion\": null}",
            "{\"protocolVersion\": 20250618}",
            "[]",
            "\"2025-06-18\"");

    for (String param : params) {
      JsonNode response = server.request("initialize", McpProcess.json().readTree(param));
      assertThat(response.path("result").path("protocolVersion").asText()).as("params %s: %s", param, response).isEqualTo(LATEST);
    }
    JsonNode withoutParams = server.request("initialize", null);
    assertThat(withoutParams.path("result").path("protocolVersion").asText()).as("%s", withoutParams).isEqualTo(LATEST);
    assertThat(server.request("ping", null).has("result")).as("still serving").isTrue();
    assertToolsListFits(server.request("tools/list", null).get("result").get("tools"), LATEST);
  }

  @Test
  void pingIsAnsweredWithAnEmptyResult() throws Exception {
    McpProcess server = servers.start(folder);
    server.initialize(LATEST);

    JsonNode response = server.request("ping", null);

    assertThat(response.has("error")).isFalse();
    assertThat(response.get("result").isObject()).isTrue();
    assertThat(response.get("result").size()).isZero();
  }

  @Test
  void pingIsAnsweredBeforeInitialize() throws Exception {
    McpProcess server = servers.start(folder);

    assertThat(server.request("ping", null).has("result")).isTrue();
  }

  @Test
  void toolsListOffersTheSevenToolsWithTheirRequiredArguments() throws Exception {
    McpProcess server = servers.start(folder);
    server.initialize(LATEST);

    JsonNode tools = server.request("tools/list", null).get("result").get("tools");

    List<String> names = new ArrayList<>();
    tools.forEach(tool -> names.add(tool.get("name").asText()));
    assertThat(names).containsExactlyElementsOf(REQUIRED_ARGUMENTS.keySet());
    for (JsonNode tool : tools) {
      String name = tool.get("name").asText();
      assertThat(tool.path("description").asText()).as("description of %s", name).isNotBlank();
      JsonNode schema = tool.get("inputSchema");
      assertThat(schema.path("type").asText()).as("inputSchema type of %s", name).isEqualTo("object");
      List<String> required = new ArrayList<>();
      schema.path("required").forEach(field -> required.add(field.asText()));
      assertThat(required).as("required arguments of %s", name).containsExactlyInAnyOrderElementsOf(REQUIRED_ARGUMENTS.get(name));
      required.forEach(
          field -> assertThat(schema.path("properties").has(field)).as("%s declares %s", name, field).isTrue());
    }
  }

  @Test
  void anUnknownMethodIsMethodNotFound() throws Exception {
    McpProcess server = servers.start(folder);
    server.initialize(LATEST);

    JsonNode response = server.request("resources/list", null);

    assertThat(response.path("error").path("code").asInt()).isEqualTo(-32601);
    assertThat(response.path("error").path("message").asText()).contains("resources/list");
    assertThat(server.request("ping", null).has("result")).as("still serving").isTrue();
  }

  @Test
  void aStringRequestIdIsEchoedAsItCame() throws Exception {
    McpProcess server = servers.start(folder);

    server.writeLine("{\"jsonrpc\":\"2.0\",\"id\":\"req-α-1\",\"method\":\"ping\"}");

    JsonNode response = server.awaitById("req-α-1");
    assertThat(response.get("id").isTextual()).isTrue();
    assertThat(response.has("result")).isTrue();
  }
}
