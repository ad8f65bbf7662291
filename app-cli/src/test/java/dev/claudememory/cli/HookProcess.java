package dev.claudememory.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The plugin's UserPromptSubmit hook run as Claude Code runs it: the command of {@code
 * hooks/hooks.json}, with {@code ${CLAUDE_PLUGIN_ROOT}} the checkout, through {@code sh -c}, the
 * event's JSON on stdin, in a folder of its own ({@code MEMORY_HOME} and {@code HOME} under it).
 * Each run is bounded and its process always ended.
 */
final class HookProcess {
  static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path folder;
  private final Map<String, String> environment;

  HookProcess(Path folder, Map<String, String> environment) {
    this.folder = folder;
    this.environment = Map.copyOf(environment);
  }

  /** What one run printed, its exit status and how long it took. */
  record Result(int exitCode, String stdout, String stderr, Duration took) {
    @Override
    public String toString() {
      return "exit " + exitCode + " after " + took.toMillis() + " ms\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }

  static Path pluginRoot() {
    String root = System.getProperty("plugin.root");
    if (root == null) {
      throw new IllegalStateException("system property plugin.root is not set: run as an IT under failsafe");
    }
    return Path.of(root).toAbsolutePath().normalize();
  }

  /** The UserPromptSubmit command of the plugin's hooks/hooks.json, as Claude Code expands it. */
  static String userPromptSubmitCommand() throws IOException {
    Path root = pluginRoot();
    JsonNode hooks = JSON.readTree(root.resolve("hooks/hooks.json").toFile());
    String command = hooks.at("/hooks/UserPromptSubmit/0/hooks/0/command").asText();
    return command.replace("${CLAUDE_PLUGIN_ROOT}", root.toString());
  }

  /** The JSON Claude Code sends a UserPromptSubmit hook, as its hooks reference documents it. */
  static String event(String prompt) {
    ObjectNode event = JSON.createObjectNode();
    event.put("session_id", "2d3c1a7e-5b7c-4c1e-9a51-0f1f3b6c2d11");
    event.put("transcript_path", "/tmp/claude/projects/demo/2d3c1a7e.jsonl");
    event.put("cwd", "/tmp/demo");
    event.put("permission_mode", "default");
    event.put("hook_event_name", "UserPromptSubmit");
    event.put("prompt", prompt);
    return event.toString();
  }

  Result submit(String prompt) throws IOException, InterruptedException {
    return run(event(prompt), true);
  }

  /** Runs the hook with this input; with {@code closeInput} false its stdin never ends. */
  Result run(String input, boolean closeInput) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(List.of("/bin/sh", "-c", userPromptSubmitCommand()));
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("MEMORY_") || name.startsWith("CLAUDE_MEMORY_"));
    env.put("MEMORY_HOME", Files.createDirectories(folder.resolve("memory-home")).toString());
    env.put("HOME", Files.createDirectories(folder.resolve("user-home")).toString());
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.putAll(new HashMap<>(environment));
    long started = System.nanoTime();
    Process process = builder.start();
    try {
      ByteArrayOutputStream stdout = new ByteArrayOutputStream();
      ByteArrayOutputStream stderr = new ByteArrayOutputStream();
      Thread out = CliProcess.drain(process.getInputStream(), stdout);
      Thread err = CliProcess.drain(process.getErrorStream(), stderr);
      OutputStream stdin = process.getOutputStream();
      stdin.write(input.getBytes(StandardCharsets.UTF_8));
      stdin.flush();
      if (closeInput) {
        stdin.close();
      }
      if (!process.waitFor(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("the hook did not end within " + RUN_TIMEOUT);
      }
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      out.join(RUN_TIMEOUT.toMillis());
      err.join(RUN_TIMEOUT.toMillis());
      return new Result(
          process.exitValue(), stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8), took);
    } finally {
      if (process.isAlive()) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
