package dev.claudememory.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudememory.testkit.ClaudeCodeCommandLine;
import dev.claudememory.testkit.ClaudeCodeCommandLine.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code command line against the launcher: {@code claude mcp add}, then {@code
 * claude mcp get}, which starts the server and checks it the way Claude Code connects. Claude Code
 * speaks both eras and probes with {@code server/discover} first; the server answers the probe, so
 * the connection stays in the 2026-07-28 revision. The server is started through a small script
 * that records both directions of the stdio stream, so the test reads what went over the wire.
 *
 * <p>The command line is {@link ClaudeCodeCommandLine}'s, found or installed outside the checkout;
 * the test fails, never skips, when it cannot be had. These commands need no account and no
 * network. {@code HOME} is a temporary folder, so the user's own Claude Code settings are never read
 * or changed.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
final class ClaudeCodeCliIT {
  private static final Duration RUN_LIMIT = Duration.ofMinutes(2);

  private static Path claude;

  @TempDir Path folder;

  @BeforeAll
  static void findOrInstallClaudeCode() throws Exception {
    claude = ClaudeCodeCommandLine.installed(Path.of(System.getProperty("claude.code.folder")));
  }

  @Test
  void claudeCodeConnectsInTheModernEraItsDiscoverProbeAnswered() throws Exception {
    Path wire = Files.createDirectories(folder.resolve("wire"));
    Path recorder = recordingLauncher(wire);

    Run add =
        claude("mcp", "add", "claude-memory", "-e", "MEMORY_HOME=" + folder.resolve("memory-home"), "--", recorder.toString());
    assertThat(add.exitCode()).as(add.output()).isZero();
    Run get = claude("mcp", "get", "claude-memory");

    assertThat(get.exitCode()).as(get.output()).isZero();
    assertThat(get.output()).contains("Connected");
    List<JsonNode> sent = messages(wire.resolve("in.jsonl"));
    List<JsonNode> answered = messages(wire.resolve("out.jsonl"));
    JsonNode probe = sent.get(0);
    assertThat(probe.path("method").asText()).isEqualTo("server/discover");
    assertThat(probe.path("params").path("_meta").path("io.modelcontextprotocol/protocolVersion").asText())
        .isEqualTo(McpProcess.MODERN);
    JsonNode answer = answerTo(answered, probe.get("id"));
    assertThat(answer.has("error")).as("the probe got a result: %s", answer).isFalse();
    assertThat(answer.path("result").path("resultType").asText()).isEqualTo("complete");
    assertThat(answer.path("result").path("supportedVersions").toString()).contains(McpProcess.MODERN);
    assertThat(sent).as("no fallback to the handshake").noneSatisfy(
        message -> assertThat(message.path("method").asText()).isEqualTo("initialize"));
    for (JsonNode request : sent) {
      if (request.has("id")) {
        assertThat(answerTo(answered, request.get("id")).path("result").path("resultType").asText())
            .as("answer to %s", request.path("method"))
            .isEqualTo("complete");
      }
    }
  }

  /** A script that records what goes in and out of the launcher's stdio, then runs it. */
  private Path recordingLauncher(Path wire) throws IOException {
    Path script = folder.resolve("recording-launcher.sh");
    Files.writeString(
        script,
        "#!/bin/sh\n"
            + "tee -a '" + wire.resolve("in.jsonl") + "' | '" + System.getProperty("mcp.launcher") + "' \"$@\""
            + " | tee -a '" + wire.resolve("out.jsonl") + "'\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  private static List<JsonNode> messages(Path file) throws IOException {
    List<JsonNode> messages = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      messages.add(McpProcess.json().readTree(line));
    }
    return messages;
  }

  private static JsonNode answerTo(List<JsonNode> answers, JsonNode id) {
    return answers.stream()
        .filter(answer -> id.equals(answer.get("id")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no answer to request " + id + " in " + answers));
  }

  private Run claude(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of(claude.toString()));
    command.addAll(List.of(arguments));
    Path home = Files.createDirectories(folder.resolve("user-home"));
    Path work = Files.createDirectories(folder.resolve("work"));
    return ClaudeCodeCommandLine.run(
        command,
        work,
        Map.of(
            "HOME", home.toString(),
            "JAVA_HOME", System.getProperty("java.home"),
            "DISABLE_TELEMETRY", "1",
            "DISABLE_AUTOUPDATER", "1",
            "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1"),
        RUN_LIMIT);
  }
}
