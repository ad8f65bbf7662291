package dev.claudememory.mcp;

import static dev.claudememory.mcp.StoredMemories.KEYWORDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JSON-RPC batches: protocol 2025-03-26 requires a server to take them (they came with it and went
 * with 2025-06-18), so a session that negotiated it gets one array of responses per array of
 * requests; every other revision refuses an array with -32600 (SPEC §4).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
final class BatchIT {
  private static final String BATCHES = "2025-03-26";

  @RegisterExtension final McpProcesses servers = new McpProcesses();
  @TempDir Path folder;

  private McpProcess serverSpeaking(String version) throws Exception {
    McpProcess server = servers.start(folder);
    server.initialize(version);
    return server;
  }

  /** The responses of a batch's answer by their ids (as text). */
  private static Map<String, JsonNode> byId(JsonNode answer) {
    assertThat(answer.isArray()).as("%s", answer).isTrue();
    Map<String, JsonNode> responses = new HashMap<>();
    answer.forEach(response -> responses.put(response.path("id").asText(), response));
    assertThat(responses).as("one response per id: %s", answer).hasSize(answer.size());
    return responses;
  }

  private static String text(JsonNode response) {
    return response.path("result").path("content").path(0).path("text").asText();
  }

  @Test
  void aBatchOfRequestsAndANotificationGetsOneArrayWithAResponsePerRequest() throws Exception {
    McpProcess server = serverSpeaking(BATCHES);

    server.writeLine(
        "[{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"ping\"},"
            + "{\"jsonrpc\":\"2.0\",\"id\":\"s\",\"method\":\"tools/call\",\"params\":{\"name\":\"memory_store\","
            + "\"arguments\":{\"content\":\"Batches arrived in protocol 2025-03-26\",\"expanded_keywords\":\""
            + KEYWORDS + "\"}}},"
            + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{}},"
            + "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"}]");
    Map<String, JsonNode> responses = byId(server.awaitBatchAnswer());

    assertThat(responses).containsOnlyKeys("p", "s", "7");
    assertThat(responses.get("p").path("result").isObject()).isTrue();
    assertThat(text(responses.get("s"))).isEqualTo("Stored memory #1 in category 'facts' with importance 0.5");
    assertThat(responses.get("7").path("result").path("tools").size()).isEqualTo(7);
    assertThat(StoredMemories.countLine(server)).isEqualTo("Local memories: 1");
  }

  @Test
  void aBatchOfNotificationsOnlyIsNotAnswered() throws Exception {
    McpProcess server = serverSpeaking(BATCHES);

    server.writeLine(
        "[{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"},"
            + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":99}}]");

    assertThat(server.request("ping", null).has("result")).as("the next request is served").isTrue();
    assertThat(server.batchAnswerIfArrived()).as("no answer to notifications").isEmpty();
  }

  @Test
  void anEmptyBatchIsOneInvalidRequestError() throws Exception {
    McpProcess server = serverSpeaking(BATCHES);

    server.writeLine("[]");
    JsonNode answer = server.awaitAnswerWithoutId();

    assertThat(answer.path("error").path("code").asInt()).as("%s", answer).isEqualTo(-32600);
    assertThat(server.request("ping", null).has("result")).isTrue();
  }

  @Test
  void eachInvalidMemberOfABatchGetsItsOwnErrorAndTheRestAreServed() throws Exception {
    McpProcess server = serverSpeaking(BATCHES);

    server.writeLine(
        "[1, {\"jsonrpc\":\"2.0\",\"id\":\"ok\",\"method\":\"ping\"},"
            + " {\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":{}},"
            + " {\"jsonrpc\":\"2.0\",\"id\":\"nope\",\"method\":\"no/such/method\"}]");
    JsonNode answer = server.awaitBatchAnswer();

    assertThat(answer).hasSize(4);
    Map<String, JsonNode> responses = byId(answer);
    assertThat(responses.get("null").path("error").path("code").asInt()).isEqualTo(-32600);
    assertThat(responses.get("ok").has("result")).isTrue();
    assertThat(responses.get("init").path("error").path("code").asInt()).isEqualTo(-32600);
    assertThat(responses.get("init").path("error").path("message").asText()).contains("initialize");
    assertThat(responses.get("nope").path("error").path("code").asInt()).isEqualTo(-32601);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2024-11-05", "2025-06-18", "2025-11-25"})
  void otherRevisionsRefuseABatchAsAnInvalidRequest(String version) throws Exception {
    McpProcess server = serverSpeaking(version);

    server.writeLine("[{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"ping\"}]");
    JsonNode answer = server.awaitAnswerWithoutId();

    assertThat(answer.path("error").path("code").asInt()).as("%s", answer).isEqualTo(-32600);
    assertThat(server.request("ping", null).has("result")).isTrue();
    assertThat(server.batchAnswerIfArrived()).isEmpty();
  }
}
