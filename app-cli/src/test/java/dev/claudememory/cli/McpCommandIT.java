package dev.claudememory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudememory.cli.CliProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code claude-memory mcp} runs the MCP server on this process's stdin and stdout, with its
 * environment: started both as {@code java -jar} and through the {@code bin/claude-memory}
 * launcher, it answers a session and writes nothing else to stdout.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
final class McpCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SESSION =
      String.join(
          "\n",
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
              + "\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}",
          "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
          "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"memory_count\",\"arguments\":{}}}",
          "");

  @TempDir Path folder;

  @Test
  void mcpInTheJarAnswersTheSessionOnStdoutAndPrintsNothingElse() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");

    Result result = session(List.of(java.toString(), "-jar", requiredProperty("cli.jar"), "mcp"));

    assertAnsweredWithProtocolLinesOnly(result);
  }

  @Test
  void mcpThroughTheLauncherAnswersTheSessionOnStdoutAndPrintsNothingElse() throws Exception {
    Result result = session(List.of(requiredProperty("cli.launcher"), "mcp"));

    assertAnsweredWithProtocolLinesOnly(result);
  }

  @Test
  void mcpTakesNoArguments() throws Exception {
    Result result = new CliProcess(folder).run("mcp", "--port", "8080");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr()).contains("Unknown options: '--port', '8080'");
  }

  private void assertAnsweredWithProtocolLinesOnly(Result result) throws Exception {
    assertThat(result.exitCode()).as("%s", result).isZero();
    List<JsonNode> messages = new ArrayList<>();
    for (String line : result.stdout().lines().toList()) {
      messages.add(JSON.readTree(line));
    }
    assertThat(messages).as("%s", result).hasSize(2).allMatch(message -> message.path("jsonrpc").asText().equals("2.0"));
    assertThat(messages.get(0).path("id").asInt()).isEqualTo(1);
    assertThat(messages.get(0).path("result").path("protocolVersion").asText()).isEqualTo("2025-06-18");
    assertThat(messages.get(0).path("result").path("serverInfo").path("name").asText()).isNotEmpty();
    assertThat(messages.get(1).path("id").asInt()).isEqualTo(2);
    assertThat(messages.get(1).path("result").path("content").get(0).path("text").asText()).startsWith("Local memories: 0");
    // The server used the MEMORY_HOME it was given, so it had this process's environment
    assertThat(folder.resolve("memory-home").resolve("memory").resolve("memory.db")).exists();
  }

  /** Runs the command with the session on stdin, which then ends, so the server ends too. */
  private Result session(List<String> command) throws Exception {
    Path input = Files.writeString(folder.resolve("session.jsonl"), SESSION);
    Path stdout = folder.resolve("stdout");
    Path stderr = folder.resolve("stderr");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectInput(input.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("MEMORY_") || name.startsWith("CLAUDE_MEMORY_"));
    environment.put("MEMORY_HOME", Files.createDirectories(folder.resolve("memory-home")).toString());
    environment.put("HOME", Files.createDirectories(folder.resolve("user-home")).toString());
    environment.put("JAVA_HOME", System.getProperty("java.home"));
    Process process = builder.start();
    try {
      assertThat(process.waitFor(CliProcess.RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
          .as("%s ended after its stdin did", command)
          .isTrue();
      return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static String requiredProperty(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException("system property " + name + " is not set: run as an IT under failsafe");
    }
    return value;
  }
}
