package dev.claudememory.mcp;

import static dev.claudememory.mcp.McpProcess.arguments;
import static dev.claudememory.mcp.McpProcess.text;
import static dev.claudememory.mcp.StoredMemories.KEYWORDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudememory.testkit.NotTheApiServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A memory API the server cannot use, in remote-only mode where every tool waits on it: a
 * {@code MEMORY_API_URL} that names a web server or another service, or nothing at all. Each call
 * says in one line what is wrong and which setting to check, never that the call's own arguments
 * were wrong; the log holds one line per failure and no stack trace.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
final class WrongApiIT {
  private static final Duration EXIT_BOUND = Duration.ofSeconds(30);
  private static final String KEY = "sk-wrong-api-0123456789";

  @RegisterExtension final McpProcesses servers = new McpProcesses();
  @TempDir Path folder;

  private McpProcess remoteOnlyAt(String url) throws Exception {
    McpProcess server =
        servers.start(
            folder,
            Map.of("MEMORY_API_KEY", KEY, "MEMORY_API_URL", url, "MEMORY_SYNC_DISABLE", "1", "MEMORY_RECALL_TIMEOUT", "3"));
    server.initialize(HandshakeIT.LATEST);
    return server;
  }

  private static List<JsonNode> everyToolOnce(McpProcess server) throws Exception {
    return List.of(
        server.callTool("memory_store", arguments("content", "Kestrel deploys run on Fridays", "expanded_keywords", KEYWORDS)),
        server.callTool("memory_recall", arguments("context", "kestrel", "expanded_query", "deploys friday")),
        server.callTool("memory_list", null),
        server.callTool("memory_count", null),
        server.callTool("secret_get", arguments("id", 3)));
  }

  private static void assertLoggedInOneLineEach(McpProcess server) {
    assertThat(server.stderr()).doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(server.stderr().length()).as("stderr:%n%s", server.stderr()).isLessThan(5_000);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a web page", "another service's JSON"})
  void aUrlThatNamesAnotherServerIsNamedAsTheSettingToCheck(String what) throws Exception {
    Supplier<NotTheApiServer> kind = what.equals("a web page") ? NotTheApiServer::webPage : NotTheApiServer::otherJson;
    try (NotTheApiServer other = kind.get()) {
      McpProcess server = remoteOnlyAt(other.baseUri().toString());

      List<JsonNode> results = everyToolOnce(server);
      assertThat(server.closeInputAndWait(EXIT_BOUND)).isZero();

      for (JsonNode result : results) {
        assertThat(result.path("isError").asBoolean()).as("%s", result).isTrue();
        assertThat(text(result))
            .as("%s", result)
            .contains("not the memory API")
            .contains("MEMORY_API_URL")
            .contains(other.baseUri().toString())
            .doesNotContain("Invalid input")
            .doesNotContain("did not answer")
            .doesNotContain("\n");
      }
      assertLoggedInOneLineEach(server);
    }
  }

  @Test
  void anApiThatRefusesConnectionsIsSaidToBeUnreachableNotSlow() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort;
    McpProcess server = remoteOnlyAt(url);

    List<JsonNode> results = everyToolOnce(server);
    assertThat(server.closeInputAndWait(EXIT_BOUND)).isZero();

    for (JsonNode result : results) {
      assertThat(result.path("isError").asBoolean()).as("%s", result).isTrue();
      assertThat(text(result))
          .as("%s", result)
          .contains("cannot be reached")
          .contains("connection refused at " + url)
          .contains("MEMORY_API_URL")
          .doesNotContain("within 3 s")
          .doesNotContain("fewer words")
          .doesNotContain("Invalid input");
    }
    assertThat(text(results.get(0))).contains("nothing was stored");
    assertLoggedInOneLineEach(server);
  }
}
