package dev.claudememory.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudememory.config.ClaudeMemory;
import dev.claudememory.config.Settings;
import dev.claudememory.core.recall.ResultBudget;
import dev.claudememory.mcp.protocol.LineReader;
import dev.claudememory.mcp.protocol.ProtocolWriter;
import dev.claudememory.mcp.tools.Arguments;
import dev.claudememory.mcp.tools.Services;
import dev.claudememory.mcp.tools.Tool;
import dev.claudememory.mcp.tools.ToolCatalog;
import dev.claudememory.mcp.tools.ToolDefinition;
import dev.claudememory.mcp.tools.ToolHints;
import dev.claudememory.mcp.tools.ToolResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A tool call that throws an {@link Error} (the JVM's stack or heap ran out while it ran) is
 * answered with an error result, and the calls after it are served as usual. The tools here are
 * made to throw; the session around them is the server's own, over a real database file.
 */
@Timeout(60)
final class McpServerErrorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ToolHints READS = new ToolHints(true, false, true, ToolHints.Reach.MEMORIES);

  @TempDir Path folder;

  /** A tool whose every call throws what {@code error} makes. */
  private static Tool throwing(String name, Supplier<Error> error) {
    return new Tool() {
      @Override
      public ToolDefinition definition() {
        return new ToolDefinition(name, name, "throws", "{\"type\":\"object\"}", "{\"type\":\"object\"}", READS);
      }

      @Override
      public ToolResult call(Arguments arguments, Services services) {
        throw error.get();
      }
    };
  }

  /** Serves these lines to their end; returns the answers by id. */
  private Map<String, JsonNode> serve(List<Tool> tools, String... lines) throws Exception {
    Services services =
        new Services(
            ClaudeMemory.open(Settings.local(folder.resolve("memory.db"))),
            Optional.empty(),
            new ResultBudget(ResultBudget.DEFAULT_MAX_CHARS));
    AfterHandshake start = new AfterHandshake();
    ServiceHandle handle = ServiceHandle.openInBackground(() -> services, Duration.ofSeconds(30), start);
    ObjectMapper mapper = McpMain.protocolMapper();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ExecutorService executor = Executors.newFixedThreadPool(2);
    McpServer server =
        new McpServer(
            new ToolCatalog(tools, false),
            handle,
            new ProtocolWriter(out, () -> mapper),
            McpMain.streamingFactory(),
            () -> mapper,
            executor,
            "test",
            start);
    byte[] input = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      server.serve(new LineReader(new ByteArrayInputStream(input), McpMain.MAX_LINE_BYTES));
      server.finish(Duration.ofSeconds(30));
    } finally {
      executor.shutdownNow();
      handle.close();
    }
    Map<String, JsonNode> answers = new HashMap<>();
    for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
      JsonNode answer = JSON.readTree(line);
      answers.put(answer.path("id").asText(), answer);
    }
    return answers;
  }

  private static String call(int id, String tool) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\"}}";
  }

  @ParameterizedTest
  @ValueSource(strings = {"StackOverflowError", "OutOfMemoryError"})
  void aToolCallThatThrowsAnErrorIsAnsweredWithAnErrorAndTheNextCallsAreServed(String kind) throws Exception {
    Supplier<Error> error =
        kind.equals("StackOverflowError") ? StackOverflowError::new : () -> new OutOfMemoryError("Java heap space");
    Tool fine =
        new Tool() {
          @Override
          public ToolDefinition definition() {
            return new ToolDefinition("fine", "fine", "answers", "{\"type\":\"object\"}", "{\"type\":\"object\"}", READS);
          }

          @Override
          public ToolResult call(Arguments arguments, Services services) {
            return ToolResult.success("fine", JSON.createObjectNode());
          }
        };

    Map<String, JsonNode> answers =
        serve(
            List.of(throwing("breaks", error), fine),
            call(1, "breaks"),
            call(2, "fine"),
            call(3, "breaks"),
            "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\"}");

    assertThat(answers).containsKeys("1", "2", "3", "4");
    for (String broken : List.of("1", "3")) {
      JsonNode result = answers.get(broken).path("result");
      assertThat(result.path("isError").asBoolean()).as("%s", answers.get(broken)).isTrue();
      assertThat(result.path("content").path(0).path("text").asText()).contains("breaks").contains(kind);
    }
    assertThat(answers.get("2").path("result").path("content").path(0).path("text").asText()).isEqualTo("fine");
    assertThat(answers.get("4").has("result")).isTrue();
  }
}
