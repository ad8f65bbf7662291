package dev.claudememory.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.InitializeResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability: the official MCP Java SDK's client, over its own stdio transport, against the
 * packaged server. Its schema cache is on, so every structured result is validated against the
 * tool's declared output schema.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
final class SdkClientIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path folder;

  @Test
  void theOfficialSdkClientInitializesListsToolsAndCallsThem() throws Exception {
    String jar = System.getProperty("mcp.jar");
    assertThat(jar).as("system property mcp.jar (run under failsafe)").isNotNull();
    Path memoryHome = Files.createDirectories(folder.resolve("memory-home"));
    Path userHome = Files.createDirectories(folder.resolve("user-home"));
    ServerParameters parameters =
        ServerParameters.builder(Path.of(System.getProperty("java.home"), "bin", "java").toString())
            .args("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar)
            .addEnvVar("MEMORY_HOME", memoryHome.toString())
            .addEnvVar("HOME", userHome.toString())
            .build();
    StdioClientTransport transport =
        new StdioClientTransport(parameters, McpJsonDefaults.getMapper()) {
          @Override
          protected ProcessBuilder getProcessBuilder() {
            ProcessBuilder builder = new ProcessBuilder();
            // no API key or database setting of the person running the build reaches the server
            builder.environment().keySet().removeIf(name -> name.startsWith("MEMORY_") || name.startsWith("CLAUDE_MEMORY_"));
            return builder;
          }
        };
    List<String> stderr = Collections.synchronizedList(new ArrayList<>());
    transport.setStdErrorHandler(stderr::add);
    Set<Long> childrenBefore = childPids();
    McpSyncClient client =
        McpClient.sync(transport)
            .requestTimeout(TIMEOUT)
            .initializationTimeout(TIMEOUT)
            .clientInfo(McpSchema.Implementation.builder("claude-memory-it", "1").build())
            .enableCallToolSchemaCaching(true)
            .build();
    try {
      InitializeResult initialized = client.initialize();
      List<String> tools = client.listTools().tools().stream().map(McpSchema.Tool::name).collect(Collectors.toList());
      CallToolResult stored =
          client.callTool(
              call(
                  "memory_store",
                  Map.of(
                      "content", "The SDK client talks to the kestrel server",
                      "expanded_keywords", "interoperability official java sdk stdio",
                      "category", "bug",
                      "importance", 0.9)));
      CallToolResult recalled =
          client.callTool(call("memory_recall", Map.of("context", "kestrel", "expanded_query", "sdk")));
      CallToolResult counted = client.callTool(call("memory_count", Map.of()));
      CallToolResult unknown = client.callTool(call("memory_forget", Map.of("id", 1)));
      client.ping();

      assertThat(HandshakeIT.SUPPORTED_VERSIONS).contains(initialized.protocolVersion());
      assertThat(initialized.serverInfo().name()).isEqualTo("claude-memory");
      assertThat(tools).containsExactlyElementsOf(HandshakeIT.REQUIRED_ARGUMENTS.keySet());
      assertThat(stored.isError()).isNotEqualTo(Boolean.TRUE);
      assertThat(text(stored)).isEqualTo("Stored memory #1 in category 'gotchas' with importance 0.9");
      assertThat(recalled.isError()).isNotEqualTo(Boolean.TRUE);
      assertThat(text(recalled))
          .startsWith("Found 1 memory (by relevance):\n\n#1 [gotchas] (importance: 0.9) The SDK client talks to the kestrel server\n");
      assertThat(text(counted)).startsWith("Local memories: 1");
      assertThat(unknown.isError()).isTrue();
      assertThat(text(unknown)).contains("Unknown tool 'memory_forget'");
      if (initialized.protocolVersion().compareTo("2025-06-18") >= 0) {
        assertThat(stored.structuredContent()).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) stored.structuredContent()).get("category")).isEqualTo("gotchas");
      }
    } finally {
      client.closeGracefully();
      // whatever the SDK left running of the server it started, end it
      ProcessHandle.current().children().filter(child -> !childrenBefore.contains(child.pid())).forEach(ProcessHandle::destroyForcibly);
    }
    assertThat(String.join("\n", stderr)).doesNotContain("\tat ");
  }

  private static CallToolRequest call(String tool, Map<String, Object> arguments) {
    return CallToolRequest.builder(tool).arguments(arguments).build();
  }

  private static String text(CallToolResult result) {
    assertThat(result.content()).hasSize(1);
    assertThat(result.content().get(0)).isInstanceOf(TextContent.class);
    return ((TextContent) result.content().get(0)).text();
  }

  private static Set<Long> childPids() {
    return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
  }
}
