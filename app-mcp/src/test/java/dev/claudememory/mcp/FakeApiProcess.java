package dev.claudememory.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The fake memory API (testkit's {@code FakeMemoryApiServer}) as a process of its own, run from
 * the jar in system property {@code fake.api.jar} and driven by the commands it reads on stdin,
 * one answer line each. Closing always ends the process.
 */
final class FakeApiProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(5);
  private static final String LISTENING = "listening on ";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A live memory as the API holds it. */
  record ApiMemory(long id, String content) {}

  private final Process process;
  private final Writer stdin;
  private final LinkedBlockingQueue<String> stdoutLines = new LinkedBlockingQueue<>();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final URI baseUri;

  private FakeApiProcess(Process process) {
    this.process = process;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    daemon("fake-api-stdout", () -> readLines(process.getInputStream()));
    daemon("fake-api-stderr", () -> copy(process.getErrorStream()));
    String first = nextLine(START_TIMEOUT, "its 'listening on' line");
    if (!first.startsWith(LISTENING)) {
      throw new AssertionError("the fake API printed " + first + "; stderr:\n" + stderr());
    }
    this.baseUri = URI.create(first.substring(LISTENING.length()));
  }

  /** Starts the fake on a free loopback port, accepting {@code Bearer <key>}. */
  static FakeApiProcess start(String key) throws IOException {
    String jar = System.getProperty("fake.api.jar");
    if (jar == null) {
      throw new IllegalStateException("system property fake.api.jar is not set: run as an IT under failsafe");
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar,
                "--port", "0", "--key", key)
            .start();
    try {
      return new FakeApiProcess(process);
    } catch (RuntimeException | Error e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** {@code http://127.0.0.1:<port>}. */
  URI baseUri() {
    return baseUri;
  }

  /** Stops listening (connections are refused); the memories are kept. */
  void down() throws IOException {
    command("down");
  }

  /** Listens again, on the same port. */
  void up() throws IOException {
    command("up");
  }

  /** Performs the next {@code n} changes but closes their connections without an answer. */
  void dropAnswers(int n) throws IOException {
    command("drop-answers " + n);
  }

  /** Performs the next change, then stops listening without answering it, until {@link #up()}. */
  void crashAfterCommit() throws IOException {
    command("crash-after-commit");
  }

  /** Holds every answer back for {@code delay} after performing the request. */
  void delayEveryAnswer(Duration delay) throws IOException {
    command("delay " + delay.toMillis());
  }

  /** The live memories, by id. */
  List<ApiMemory> memories() throws IOException {
    List<ApiMemory> memories = new ArrayList<>();
    for (JsonNode memory : JSON.readTree(command("memories"))) {
      memories.add(new ApiMemory(memory.get("id").asLong(), memory.get("content").asText()));
    }
    return memories;
  }

  List<String> liveContents() throws IOException {
    return memories().stream().map(ApiMemory::content).toList();
  }

  /** How many memories the API ever created, deleted ones included: a store sent twice counts twice. */
  long createdCount() throws IOException {
    return Long.parseLong(command("created"));
  }

  /** The contents of the memories the API deleted, by id. */
  List<String> deletedContents() throws IOException {
    return JSON.readValue(command("deleted"), new TypeReference<List<String>>() {});
  }

  /** How many requests arrived with this method and path, e.g. {@code POST /api/memories}. */
  long requestCount(String methodAndPath) throws IOException {
    Map<String, Long> counts = JSON.readValue(command("requests"), new TypeReference<Map<String, Long>>() {});
    return counts.getOrDefault(methodAndPath, 0L);
  }

  /** Sends one command line and returns its answer; a refused command fails the test. */
  synchronized String command(String line) throws IOException {
    stdin.write(line + "\n");
    stdin.flush();
    String answer = nextLine(ANSWER_TIMEOUT, "the answer to '" + line + "'");
    if (answer.startsWith("error")) {
      throw new AssertionError("the fake API refused '" + line + "': " + answer);
    }
    return answer;
  }

  String stderr() {
    synchronized (stderr) {
      return stderr.toString(StandardCharsets.UTF_8);
    }
  }

  /** Ends the process: EOF on stdin first, which makes it exit, then SIGKILL if it lingers. */
  @Override
  public void close() {
    try {
      stdin.close();
    } catch (IOException e) {
      // the process is gone already
    }
    try {
      if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (process.isAlive()) {
        process.destroyForcibly();
      }
    }
  }

  private String nextLine(Duration bound, String what) {
    try {
      String line = stdoutLines.poll(bound.toMillis(), TimeUnit.MILLISECONDS);
      if (line == null) {
        throw new AssertionError("the fake API gave no " + what + " within " + bound + "; stderr:\n" + stderr());
      }
      return line;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private void readLines(InputStream stdout) {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        stdoutLines.add(line);
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  private void copy(InputStream from) {
    byte[] buffer = new byte[8192];
    try {
      for (int read = from.read(buffer); read >= 0; read = from.read(buffer)) {
        synchronized (stderr) {
          stderr.write(buffer, 0, read);
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  private static void daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
  }
}
