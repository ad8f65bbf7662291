package dev.claudememory.mcp;

import static dev.claudememory.mcp.McpProcess.arguments;
import static dev.claudememory.mcp.McpProcess.text;
import static dev.claudememory.mcp.StoredMemories.KEYWORDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SPEC §4 and §8, bad lines: whatever a line holds (not JSON, not a request, too long, not UTF-8),
 * the server answers with a JSON-RPC error and serves the next line. All of it goes to one server,
 * which must still be serving, with nothing stored, after the last line.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
final class MalformedInputIT {
  @RegisterExtension static final McpProcesses SERVERS = new McpProcesses();
  @TempDir static Path folder;
  private static McpProcess server;

  @BeforeAll
  static void startOneServerForAllLines() throws Exception {
    server = SERVERS.startForAllTests(folder);
    server.initialize(HandshakeIT.LATEST);
  }

  @AfterAll
  static void nothingWasStoredAndTheServerStillServes() throws Exception {
    assertThat(StoredMemories.countLine(server)).isEqualTo("Local memories: 0");
  }

  private static void assertStillServing(McpProcess server) throws Exception {
    assertThat(server.request("ping", null).has("result")).as("the next request is served").isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\"",
        "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\"} trailing",
        "{'jsonrpc':'2.0','id':5,'method':'ping'}",
        "NaN",
        "{\"a\":[1,2}"
      })
  void aLineThatIsNotJsonGetsAParseErrorWithANullIdAndTheNextRequestIsServed(String line) throws Exception {
    server.writeLine(line);

    JsonNode answer = server.awaitAnswerWithoutId();
    assertThat(answer.has("id")).isTrue();
    assertThat(answer.get("id").isNull()).isTrue();
    assertThat(answer.path("error").path("code").asInt()).isEqualTo(-32700);
    assertThat(answer.path("error").path("message").asText())
        .startsWith("Parse error: ")
        .doesNotContain("Source")
        .doesNotContain("REDACTED")
        .doesNotContain("StreamReadFeature")
        .doesNotContain("token")
        .doesNotContain("marker");
    assertStillServing(server);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "[1,2]                                                | ",
        "[]                                                   | ",
        "[{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\"}] | ",
        "42                                                   | ",
        "\"a string\"                                         | ",
        "true                                                 | ",
        "null                                                 | ",
        "{}                                                   | ",
        "{\"jsonrpc\":\"1.0\",\"id\":7001,\"method\":\"ping\"} | 7001",
        "{\"jsonrpc\":2.0,\"id\":7002,\"method\":\"ping\"}     | 7002",
        "{\"id\":8001,\"method\":\"ping\"}                     | 8001",
        "{\"jsonrpc\":\"2.0\",\"id\":9001,\"method\":42}       | 9001",
        "{\"jsonrpc\":\"2.0\",\"id\":10001}                   | 10001",
        "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"} | ",
        "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}  | "
      })
  void anArrayAScalarOrAMalformedRequestIsAnInvalidRequest(String line, String expectedId) throws Exception {
    server.writeLine(line);

    JsonNode answer = expectedId == null ? server.awaitAnswerWithoutId() : server.awaitById(expectedId);
    assertThat(answer.path("error").path("code").asInt()).as("answer to %s: %s", line, answer).isEqualTo(-32600);
    if (expectedId == null) {
      assertThat(answer.get("id").isNull()).isTrue();
    }
    assertStillServing(server);
  }

  @Test
  void aFiveMebibyteLineGetsAnErrorAndTheNextLineIsServed() throws Exception {
    String padding = "a".repeat(5 * 1024 * 1024);

    server.writeLine("{\"jsonrpc\":\"2.0\",\"id\":77,\"method\":\"ping\",\"params\":{\"pad\":\"" + padding + "\"}}");
    JsonNode answer = server.awaitAnswerWithoutId();

    assertThat(answer.has("error")).as("%s", answer).isTrue();
    assertThat(answer.path("error").path("message").asText()).contains("over the limit");
    assertStillServing(server);
  }

  @Test
  void aThreeMebibyteContentIsRefusedAsAToolError() throws Exception {
    JsonNode result =
        server.callTool("memory_store", arguments("content", "word ".repeat(600_000), "expanded_keywords", KEYWORDS));

    assertThat(result.path("isError").asBoolean()).isTrue();
    assertThat(text(result)).contains("the limit is 1,400").contains("Split it");
    assertStillServing(server);
  }

  @ParameterizedTest
  @ValueSource(strings = {"c3 28", "ff", "c0 af", "ed a0 80", "f0 9f 98"})
  void invalidUtf8GetsAnErrorAndTheNextLineIsServed(String hexBytes) throws Exception {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    line.writeBytes("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\",\"params\":{\"x\":\"".getBytes(StandardCharsets.UTF_8));
    for (String hex : hexBytes.split(" ")) {
      line.write(Integer.parseInt(hex, 16));
    }
    line.writeBytes("\"}}\n".getBytes(StandardCharsets.UTF_8));

    server.writeRaw(line.toByteArray());
    JsonNode answer = server.awaitAnswerWithoutId();

    assertThat(answer.path("error").path("code").asInt()).isEqualTo(-32700);
    assertThat(answer.path("error").path("message").asText()).contains("UTF-8");
    assertStillServing(server);
  }

  @Test
  void aRequestEndingInCarriageReturnAndBlankLinesAreServedAsUsual() throws Exception {
    server.writeRaw("\n   \n{\"jsonrpc\":\"2.0\",\"id\":\"crlf\",\"method\":\"ping\"}\r\n\r\n".getBytes(StandardCharsets.UTF_8));

    assertThat(server.awaitById("crlf").has("result")).isTrue();
    assertStillServing(server);
  }
}
