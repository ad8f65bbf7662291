package dev.claudememory.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts server processes for a test class and ends every one of them: those started in a test
 * after that test, those started for all tests after the class. Once a process has ended, every
 * line it wrote to stdout must be a JSON-RPC 2.0 message; anything else fails the test.
 *
 * <p>Register as an instance field: {@code @RegisterExtension final McpProcesses servers = new
 * McpProcesses();}
 */
final class McpProcesses implements AfterEachCallback, AfterAllCallback {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<McpProcess> perTest = new ArrayList<>();
  private final List<McpProcess> perClass = new ArrayList<>();

  /** A server ended after the current test. */
  McpProcess start(Path folder) throws IOException {
    return start(folder, Map.of());
  }

  McpProcess start(Path folder, Map<String, String> environment) throws IOException {
    return register(perTest, McpProcess.start(folder, environment));
  }

  /** A server with more options for its JVM, ended after the current test. */
  McpProcess startWithJvmOptions(Path folder, String... jvmOptions) throws IOException {
    return register(perTest, McpProcess.start(folder, Map.of(), jvmOptions));
  }

  /** A server run under a wrapping program (see {@link McpProcess#startUnder}), ended after the current test. */
  McpProcess startUnder(List<String> wrapper, Path folder, Map<String, String> environment) throws IOException {
    return register(perTest, McpProcess.startUnder(wrapper, folder, environment));
  }

  /** A server started through {@code bin/claude-memory-mcp}, ended after the current test. */
  McpProcess startLauncher(Path folder, Map<String, String> environment) throws IOException {
    return register(perTest, McpProcess.startLauncher(folder, environment));
  }

  /** A server shared by the class's tests (start it in {@code @BeforeAll}), ended after them. */
  McpProcess startForAllTests(Path folder) throws IOException {
    return startForAllTests(folder, Map.of());
  }

  McpProcess startForAllTests(Path folder, Map<String, String> environment) throws IOException {
    return register(perClass, McpProcess.start(folder, environment));
  }

  private static synchronized McpProcess register(List<McpProcess> list, McpProcess process) {
    list.add(process);
    return process;
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    closeAndCheck(perTest);
    // shared servers are still running: what they wrote so far must be protocol only as well
    perClass.forEach(process -> assertOnlyProtocolMessages(process.stdoutLines()));
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    closeAndCheck(perClass);
  }

  private static void closeAndCheck(List<McpProcess> processes) throws InterruptedException {
    List<McpProcess> ended = new ArrayList<>(processes);
    processes.clear();
    try {
      for (McpProcess process : ended) {
        process.close();
      }
    } finally {
      for (McpProcess process : ended) {
        if (process.process().isAlive()) {
          process.process().destroyForcibly();
        }
      }
    }
    for (McpProcess process : ended) {
      assertOnlyProtocolMessages(process.stdoutLines());
      assertKeyShownNowhere(process);
    }
  }

  /**
   * The API key a process was given is in none of its output and none of the files under its
   * {@code MEMORY_HOME} (database, logs, backups). Test keys shorter than 8 characters could occur
   * by chance and are not looked for.
   */
  static void assertKeyShownNowhere(McpProcess process) {
    Optional<String> key = process.apiKey().filter(text -> text.length() >= 8);
    if (key.isEmpty()) {
      return;
    }
    assertThat(process.stdoutLines()).as("stdout lines holding the API key")
        .noneSatisfy(line -> assertThat(line).contains(key.get()));
    assertThat(process.stderr()).as("stderr").doesNotContain(key.get());
    assertThat(FileTexts.holding(process.folder().resolve("memory-home"), key.get()))
        .as("files under MEMORY_HOME holding the API key")
        .isEmpty();
  }

  /**
   * Each line is one JSON-RPC 2.0 message: an object with {@code "jsonrpc": "2.0"}; a response
   * carries an id (null allowed for errors) and exactly one of {@code result} and {@code error},
   * an error a numeric code and a message. A line may also be a batch's answer: a non-empty array
   * of responses.
   */
  static void assertOnlyProtocolMessages(List<String> lines) {
    for (String line : lines) {
      JsonNode message;
      try {
        message = JSON.readTree(line);
      } catch (IOException e) {
        fail("stdout carried a line that is not JSON: " + abbreviate(line));
        return;
      }
      assertThat(message).as("stdout line %s", abbreviate(line)).isNotNull();
      if (message.isArray()) {
        assertThat(message).as("a batch's answer is not empty: %s", abbreviate(line)).isNotEmpty();
        message.forEach(response -> assertIsResponse(response, line));
        continue;
      }
      assertThat(message.isObject()).as("stdout line is a JSON object: %s", abbreviate(line)).isTrue();
      if (message.has("method")) {
        assertThat(message.path("jsonrpc").asText(null)).as("jsonrpc of %s", abbreviate(line)).isEqualTo("2.0");
        assertThat(message.get("method").isTextual()).as("method of %s", abbreviate(line)).isTrue();
        continue; // a request or notification from the server
      }
      assertIsResponse(message, line);
    }
  }

  private static void assertIsResponse(JsonNode message, String line) {
    assertThat(message.isObject()).as("a response is a JSON object: %s", abbreviate(line)).isTrue();
    assertThat(message.path("jsonrpc").asText(null)).as("jsonrpc of %s", abbreviate(line)).isEqualTo("2.0");
    assertThat(message.has("id")).as("a response has an id: %s", abbreviate(line)).isTrue();
    JsonNode id = message.get("id");
    assertThat(id.isNull() || id.isTextual() || id.isIntegralNumber())
        .as("id of %s", abbreviate(line))
        .isTrue();
    assertThat(message.has("result") ^ message.has("error"))
        .as("a response has either result or error: %s", abbreviate(line))
        .isTrue();
    if (message.has("error")) {
      assertThat(message.get("error").path("code").isIntegralNumber()).as("error code of %s", abbreviate(line)).isTrue();
      assertThat(message.get("error").path("message").isTextual()).as("error message of %s", abbreviate(line)).isTrue();
    } else {
      assertThat(id.isNull()).as("a result answers a request id: %s", abbreviate(line)).isFalse();
    }
  }

  private static String abbreviate(String line) {
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }
}
