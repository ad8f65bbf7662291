package dev.claudememory.bench.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Claude Code plugin's prompt hook as Claude Code runs it before every prompt: {@code
 * bin/claude-memory hook user-prompt-submit} spawned with the UserPromptSubmit event on stdin, timed
 * from the spawn to the end of the process (its answer written), launcher and JVM start included.
 * First with our MCP server running on the same database, its model ready (the hook asks it over
 * its socket), then with no server (the hook recalls by words in its own process). Only answers
 * that carry memories found the way the row says count; the others are reported. A bare JVM's
 * start and end, timed the same way, is the floor under both.
 */
final class HookFigures {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration RUN_BOUND = Duration.ofSeconds(30);
  private static final Duration MODEL_READY = Duration.ofMinutes(3);
  private static final String BY_SERVER = "by words and meaning (#";
  private static final String BY_ITSELF = "by words (#";
  private static final List<List<String>> MEMORIES =
      List.of(
          List.of("The release branch is cut every second Tuesday", "release schedule branch cadence git"),
          List.of("Staging database backups run nightly at 2am through cron", "postgres snapshot schedule"),
          List.of("Production deploys are frozen on Fridays", "release freeze policy deploy"),
          List.of("The public API allows 100 requests per minute per key", "throttling quota limits http"),
          List.of("Kubernetes pods for the indexer need 2 GiB of memory", "k8s resources oom container"));
  private static final List<String> PROMPTS =
      List.of(
          "When do we cut the release branch?",
          "What time do the staging database backups run?",
          "Can production deploys go out on Fridays?",
          "How many requests per minute does the public API allow per key?",
          "How much memory do the indexer pods in Kubernetes need?");

  private final Bench bench;

  HookFigures(Bench bench) {
    this.bench = bench;
  }

  List<Row> measure() throws IOException, InterruptedException {
    int runs = Math.max(20, bench.options().runs() * 2);
    ServerCommand ours = bench.servers().get(0);
    Path hook = bench.options().repository().resolve("bin").resolve("claude-memory");
    Path folder = bench.workspace().newFolder("hook");
    try {
      Samples withServer;
      Tally served = new Tally();
      try (Session session = Session.open(bench, ours, folder, Map.of())) {
        for (List<String> memory : MEMORIES) {
          ObjectNode arguments = McpClient.object();
          arguments.put("content", memory.get(0));
          arguments.put("expanded_keywords", memory.get(1));
          session.call("memory_store", arguments);
        }
        bench.progress("prompt hook: waiting for the server's recall by meaning");
        Waited ready = new SemanticWait(session).untilReady(MODEL_READY, Duration.ofMillis(250), status -> {});
        if (ready instanceof Waited.NotReached) {
          throw new BenchFailure("prompt hook: " + ((Waited.NotReached) ready).reason());
        }
        bench.progress("prompt hook: " + runs + " runs with the MCP server running");
        run(hook, folder, PROMPTS.get(0)); // untimed: brings the jar and archive into the page cache
        withServer = time(hook, folder, runs, BY_SERVER, served);
      }
      bench.progress("prompt hook: " + runs + " runs with no server");
      Tally alone = new Tally();
      Samples withoutServer = time(hook, folder, runs, BY_ITSELF, alone);
      Samples floor = timeBareJvm(runs);
      Unit ms = Unit.MILLISECONDS;
      String of = ", " + runs + " runs";
      return List.of(
          Row.of("a bare JVM (java -version, the launcher's flags), spawn → exit, median" + of,
              List.of(floor.medianReading(ms))),
          Row.of("a bare JVM, spawn → exit, p95", List.of(floor.p95Reading(ms))),
          Row.of("prompt hook, spawn → answer, MCP server running, median" + of + served.remark(BY_SERVER),
              List.of(withServer.medianReading(ms))),
          Row.of("prompt hook, spawn → answer, MCP server running, p95",
              List.of(withServer.p95Reading(ms)), Target.atMost(150, ms)),
          Row.of("prompt hook, spawn → answer, no server, median" + of + alone.remark(BY_ITSELF),
              List.of(withoutServer.medianReading(ms))),
          Row.of("prompt hook, spawn → answer, no server, p95", List.of(withoutServer.p95Reading(ms))));
    } finally {
      bench.workspace().remove(folder);
    }
  }

  private Samples time(Path hook, Path folder, int runs, String expected, Tally tally)
      throws IOException, InterruptedException {
    Samples samples = new Samples();
    for (int run = 0; run < runs; run++) {
      String prompt = PROMPTS.get(run % PROMPTS.size());
      long started = System.nanoTime();
      String answer = run(hook, folder, prompt);
      long took = System.nanoTime() - started;
      if (answer.contains(expected)) {
        samples.add(took);
      } else {
        tally.otherwise++;
      }
    }
    return samples;
  }

  /**
   * The floor under every hook figure: the same JDK started with the launcher's JIT and heap flags,
   * printing its version and ending.
   */
  private Samples timeBareJvm(int runs) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Samples samples = new Samples();
    for (int run = 0; run < runs; run++) {
      ProcessBuilder builder =
          new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-version")
              .redirectErrorStream(true);
      long started = System.nanoTime();
      Process process = builder.start();
      try {
        process.getInputStream().readAllBytes();
        if (!process.waitFor(RUN_BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new BenchFailure("java -version did not end within " + RUN_BOUND);
        }
        samples.add(System.nanoTime() - started);
      } finally {
        process.destroyForcibly();
      }
    }
    return samples;
  }

  /** One hook run; its stdout. */
  private String run(Path hook, Path folder, String prompt) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(hook.toString(), "hook", "user-prompt-submit");
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("MEMORY_") || name.startsWith("CLAUDE_MEMORY_"));
    environment.put("MEMORY_HOME", folder.resolve("memory-home").toString());
    environment.put("HOME", folder.resolve("user-home").toString());
    environment.putAll(bench.settingsFor(bench.servers().get(0), Map.of()));
    builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    ObjectNode event = McpClient.object();
    event.put("session_id", "bench");
    event.put("hook_event_name", "UserPromptSubmit");
    event.put("prompt", prompt);
    Process process = builder.start();
    try {
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(JSON.writeValueAsBytes(event));
      }
      byte[] stdout = process.getInputStream().readAllBytes();
      if (!process.waitFor(RUN_BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new BenchFailure("prompt hook: a run did not end within " + RUN_BOUND);
      }
      return new String(stdout, StandardCharsets.UTF_8);
    } finally {
      process.destroyForcibly();
    }
  }

  /** How many runs answered otherwise than the row counts (fell back, or added nothing in time). */
  private static final class Tally {
    int otherwise;

    String remark(String expected) {
      return otherwise == 0 ? "" : " (" + otherwise + " answered otherwise than '" + expected + ")' and are left out)";
    }
  }
}
