package dev.claudememory.mcp;

import static dev.claudememory.mcp.McpProcess.arguments;
import static dev.claudememory.mcp.McpProcess.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Storing memories through a server and reading their ids back from the result texts. */
final class StoredMemories {
  static final String KEYWORDS = "alpha beta gamma delta epsilon";
  static final Pattern STORED = Pattern.compile("Stored memory #(\\d+) in category '([^']+)' with importance (\\d\\.\\d)");
  /** created_at as the Python version wrote it: microseconds and +00:00. */
  static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}\\+00:00";

  private StoredMemories() {}

  /** The total memory_count gives on its first line ({@code Local memories: <n>}). */
  static String countLine(McpProcess server) throws IOException {
    return text(server.callTool("memory_count", null)).lines().findFirst().orElse("");
  }

  /** Stores a memory with the default category and importance; returns its id. */
  static long store(McpProcess server, String content) throws IOException {
    return store(server, arguments("content", content, "expanded_keywords", KEYWORDS));
  }

  /** Stores a memory with these arguments, which must succeed; returns its id. */
  static long store(McpProcess server, ObjectNode arguments) throws IOException {
    return idOf(server.callTool("memory_store", arguments));
  }

  /** The id in a successful memory_store result. */
  static long idOf(JsonNode storeResult) {
    assertThat(storeResult.path("isError").asBoolean()).as("store failed: %s", storeResult).isFalse();
    Matcher matcher = STORED.matcher(text(storeResult));
    assertThat(matcher.matches()).as("store result text: %s", text(storeResult)).isTrue();
    return Long.parseLong(matcher.group(1));
  }
}
