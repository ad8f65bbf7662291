package dev.claudememory.mcp;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The packaged MCP server as a real process, driven over its stdin and stdout like a client
 * would. Every stdout line is kept so tests can check that nothing but protocol messages
 * appeared; stderr is kept for diagnostics. Closing always ends the process.
 *
 * <p>The process gets a folder of its own: {@code MEMORY_HOME} is {@code <folder>/memory-home}
 * and {@code HOME} is {@code <folder>/user-home}, so neither the user's database nor the legacy
 * one under {@code ~} is ever touched. Two processes given one folder share one database file.
 */
@SuppressWarnings("try") // close() throws InterruptedException: it waits, bounded, for the process to end
final class McpProcess implements AutoCloseable {
  static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(15);
  /** Requests go out as ASCII, so text with lone surrogates reaches the server as written. */
  private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  private final Process process;
  private final Path folder;
  private final Optional<String> apiKey;
  private final OutputStream stdin;
  private final List<String> stdoutLines = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, LinkedBlockingQueue<JsonNode>> answers = new ConcurrentHashMap<>();
  private final LinkedBlockingQueue<JsonNode> answersWithoutId = new LinkedBlockingQueue<>();
  private final LinkedBlockingQueue<JsonNode> batchAnswers = new LinkedBlockingQueue<>();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final AtomicLong nextId = new AtomicLong(1);
  private final Thread stdoutReader;
  private final Thread stderrReader;

  private McpProcess(Process process, Path folder, Optional<String> apiKey) {
    this.process = process;
    this.folder = folder;
    this.apiKey = apiKey;
    this.stdin = process.getOutputStream();
    stdoutReader = new Thread(this::readStdout, "mcp-stdout");
    stdoutReader.setDaemon(true);
    stdoutReader.start();
    stderrReader = new Thread(() -> copy(process.getErrorStream(), stderr), "mcp-stderr");
    stderrReader.setDaemon(true);
    stderrReader.start();
  }

  /** Starts the packaged jar with its data in {@code folder} and no API key. */
  static McpProcess start(Path folder, Map<String, String> extraEnvironment) throws IOException {
    return start(folder, extraEnvironment, javaCommand());
  }

  /** Starts the packaged jar with more options for its JVM (such as {@code -Djava.io.tmpdir=...}). */
  static McpProcess start(Path folder, Map<String, String> extraEnvironment, String... jvmOptions)
      throws IOException {
    return start(folder, extraEnvironment, javaCommand(jvmOptions));
  }

  private static List<String> javaCommand(String... jvmOptions) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    command.addAll(List.of(jvmOptions));
    command.addAll(List.of("-jar", requiredProperty("mcp.jar")));
    return command;
  }

  static McpProcess start(Path folder) throws IOException {
    return start(folder, Map.of());
  }

  /**
   * Starts the packaged jar as {@link #start(Path, Map)} does, under a program that runs it as its
   * child ({@code strace -o FILE}, say): {@code wrapper} is the command line before the JVM's.
   * Closing ends the child too.
   */
  static McpProcess startUnder(List<String> wrapper, Path folder, Map<String, String> extraEnvironment)
      throws IOException {
    List<String> command = new ArrayList<>(wrapper);
    command.addAll(javaCommand());
    return start(folder, extraEnvironment, command);
  }

  /**
   * Starts the server through {@code bin/claude-memory-mcp} (system property {@code mcp.launcher}),
   * on the JDK running this test, which is the one the build trained the class-data archive with.
   */
  static McpProcess startLauncher(Path folder, Map<String, String> extraEnvironment) throws IOException {
    Map<String, String> environment = new java.util.HashMap<>(extraEnvironment);
    environment.put("JAVA_HOME", System.getProperty("java.home"));
    return start(folder, environment, List.of(requiredProperty("mcp.launcher")));
  }

  private static McpProcess start(Path folder, Map<String, String> extraEnvironment, List<String> command)
      throws IOException {
    Path memoryHome = Files.createDirectories(folder.resolve("memory-home"));
    Path userHome = Files.createDirectories(folder.resolve("user-home"));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("MEMORY_") || name.startsWith("CLAUDE_MEMORY_"));
    environment.put("MEMORY_HOME", memoryHome.toString());
    environment.put("HOME", userHome.toString());
    // recall by meaning costs each process a second of CPU to load the model: the tests of recall
    // by meaning turn it on, the others leave it off
    environment.put("MEMORY_SEMANTIC", "off");
    environment.putAll(extraEnvironment);
    Optional<String> apiKey =
        Optional.ofNullable(environment.get("MEMORY_API_KEY")).or(() -> Optional.ofNullable(environment.get("CLAUDE_MEMORY_API_KEY")));
    return new McpProcess(builder.start(), folder, apiKey);
  }

  private static String requiredProperty(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException("system property " + name + " is not set: run as an IT under failsafe");
    }
    return value;
  }

  /** The database file a server started in {@code folder} uses. */
  static Path databaseIn(Path folder) {
    return folder.resolve("memory-home").resolve("memory").resolve("memory.db");
  }

  Path database() {
    return databaseIn(folder);
  }

  /** Sends {@code initialize} and {@code notifications/initialized}; returns the result. */
  JsonNode initialize(String protocolVersion) throws IOException {
    JsonNode response = request("initialize", initializeParams(protocolVersion));
    if (!response.has("result")) {
      throw new AssertionError("initialize got no result: " + response);
    }
    notify("notifications/initialized", null);
    return response.get("result");
  }

  static ObjectNode initializeParams(String protocolVersion) {
    ObjectNode params = JSON.createObjectNode();
    params.put("protocolVersion", protocolVersion);
    params.putObject("capabilities");
    params.putObject("clientInfo").put("name", "it").put("version", "1");
    return params;
  }

  /** The protocol revision without a handshake: every request carries its version and capabilities. */
  static final String MODERN = "2026-07-28";

  /** The {@code _meta} a 2026-07-28 request carries: version, client capabilities and client info. */
  static ObjectNode modernMeta(String protocolVersion) {
    ObjectNode meta = JSON.createObjectNode();
    meta.put("io.modelcontextprotocol/protocolVersion", protocolVersion);
    meta.putObject("io.modelcontextprotocol/clientCapabilities");
    meta.putObject("io.modelcontextprotocol/clientInfo").put("name", "it").put("version", "1");
    return meta;
  }

  /** Sends a 2026-07-28 request ({@code params} with the {@code _meta} added) and waits for its answer. */
  JsonNode modernRequest(String method, ObjectNode params) throws IOException {
    ObjectNode withMeta = params == null ? JSON.createObjectNode() : params.deepCopy();
    withMeta.set("_meta", modernMeta(MODERN));
    return request(method, withMeta);
  }

  /** Calls a tool as a 2026-07-28 client does and returns its result object. */
  JsonNode callToolModern(String name, JsonNode arguments) throws IOException {
    return resultOf(modernRequest("tools/call", toolParams(name, arguments)), name);
  }

  /** Sends a request and waits for its answer (the whole response message). */
  JsonNode request(String method, JsonNode params) throws IOException {
    return await(send(method, params));
  }

  /** Sends a request without waiting; returns its id. */
  long send(String method, JsonNode params) throws IOException {
    long id = nextId.getAndIncrement();
    ObjectNode message = JSON.createObjectNode();
    message.put("jsonrpc", "2.0");
    message.put("id", id);
    message.put("method", method);
    if (params != null) {
      message.set("params", params);
    }
    writeLine(JSON.writeValueAsString(message));
    return id;
  }

  void notify(String method, JsonNode params) throws IOException {
    ObjectNode message = JSON.createObjectNode();
    message.put("jsonrpc", "2.0");
    message.put("method", method);
    if (params != null) {
      message.set("params", params);
    }
    writeLine(JSON.writeValueAsString(message));
  }

  /** Calls a tool and returns its result object ({@code content}, {@code isError}, …). */
  JsonNode callTool(String name, JsonNode arguments) throws IOException {
    return resultOf(request("tools/call", toolParams(name, arguments)), name);
  }

  /** Sends a tool call without waiting; returns its id. */
  long sendToolCall(String name, JsonNode arguments) throws IOException {
    return send("tools/call", toolParams(name, arguments));
  }

  /** Waits for the answer to a tool call sent earlier; returns its result object. */
  JsonNode awaitToolResult(long id) {
    return resultOf(await(id), "request " + id);
  }

  private static JsonNode resultOf(JsonNode response, String what) {
    if (!response.has("result")) {
      throw new AssertionError("tools/call " + what + " got no result: " + response);
    }
    return response.get("result");
  }

  static ObjectNode toolParams(String name, JsonNode arguments) {
    ObjectNode params = JSON.createObjectNode();
    params.put("name", name);
    if (arguments != null) {
      params.set("arguments", arguments);
    }
    return params;
  }

  /** The text of a tool result's single text content. */
  static String text(JsonNode toolResult) {
    return toolResult.get("content").get(0).get("text").asText();
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** Tool arguments from names and values: {@code arguments("id", 3, "tags", "a,b")}. */
  static ObjectNode arguments(Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values come in pairs");
    }
    Map<String, Object> values = new java.util.LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      values.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return JSON.valueToTree(values);
  }

  static ObjectMapper json() {
    return JSON;
  }

  void writeLine(String line) throws IOException {
    writeRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
  }

  synchronized void writeRaw(byte[] bytes) throws IOException {
    stdin.write(bytes);
    stdin.flush();
  }

  JsonNode await(long id) {
    return awaitById(Long.toString(id));
  }

  /** The answer to the request with this id (a number's id as its decimal text). */
  JsonNode awaitById(String id) {
    return poll(answers.computeIfAbsent(id, key -> new LinkedBlockingQueue<>()), "id " + id);
  }

  /** The answer to the request with this id if it has arrived, without waiting. */
  Optional<JsonNode> answerIfArrived(long id) {
    return Optional.ofNullable(answers.computeIfAbsent(Long.toString(id), key -> new LinkedBlockingQueue<>()).poll());
  }

  /** The next answer whose id is null (errors for lines that carried no usable id). */
  JsonNode awaitAnswerWithoutId() {
    return poll(answersWithoutId, "an answer with a null id");
  }

  private JsonNode poll(LinkedBlockingQueue<JsonNode> queue, String what) {
    try {
      JsonNode answer = queue.poll(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (answer == null) {
        throw new AssertionError("no answer for " + what + " within " + ANSWER_TIMEOUT + "; stderr:\n" + stderr());
      }
      return answer;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** The next answer to a batch: a JSON array of responses. */
  JsonNode awaitBatchAnswer() {
    return poll(batchAnswers, "a batch");
  }

  /** The next answer to a batch if one has arrived, without waiting. */
  Optional<JsonNode> batchAnswerIfArrived() {
    return Optional.ofNullable(batchAnswers.poll());
  }

  /** Closes stdin and waits for the process to exit on its own; returns its exit code. */
  int closeInputAndWait(Duration bound) throws IOException, InterruptedException {
    stdin.close();
    if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the server did not exit within " + bound + " after EOF; stderr:\n" + stderr());
    }
    drainOutput();
    return process.exitValue();
  }

  /** Sends SIGTERM ({@link Process#destroy()}) and waits for the exit; returns its exit code. */
  int terminateAndWait(Duration bound) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the server did not exit within " + bound + " after SIGTERM; stderr:\n" + stderr());
    }
    drainOutput();
    return process.exitValue();
  }

  /** Sends SIGKILL and waits for the exit, then reads what is left of its output. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the server did not exit within " + EXIT_TIMEOUT + " after SIGKILL");
    }
    drainOutput();
  }

  /** The API key the process was given, if any. */
  Optional<String> apiKey() {
    return apiKey;
  }

  /** The folder holding its {@code MEMORY_HOME} and {@code HOME}. */
  Path folder() {
    return folder;
  }

  Process process() {
    return process;
  }

  /** Every line the server wrote to stdout so far (all of them, once it has ended). */
  List<String> stdoutLines() {
    synchronized (stdoutLines) {
      return List.copyOf(stdoutLines);
    }
  }

  String stderr() {
    synchronized (stderr) {
      return stderr.toString(StandardCharsets.UTF_8);
    }
  }

  /** Ends the process: EOF first, then SIGKILL if it does not exit; then reads what is left. */
  @Override
  public void close() throws InterruptedException {
    try {
      stdin.close();
    } catch (IOException e) {
      // already closed, or the process is gone
    }
    try {
      if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        // children first: a wrapper killed before its child would leave the child running
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } finally {
      if (process.isAlive()) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    }
    drainOutput();
  }

  /** Once the process has ended, waits (bounded) until its output has been read to the end. */
  private void drainOutput() throws InterruptedException {
    stdoutReader.join(EXIT_TIMEOUT.toMillis());
    stderrReader.join(EXIT_TIMEOUT.toMillis());
  }

  private void readStdout() {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        stdoutLines.add(line);
        JsonNode message;
        try {
          message = JSON.readTree(line);
        } catch (IOException e) {
          continue; // kept in stdoutLines; the protocol-only check reports it
        }
        if (message != null && message.isArray()) {
          batchAnswers.add(message);
          continue;
        }
        if (message == null || !message.isObject()) {
          continue; // likewise
        }
        JsonNode id = message.get("id");
        if (id == null || id.isNull()) {
          answersWithoutId.add(message);
        } else {
          answers.computeIfAbsent(id.asText(), key -> new LinkedBlockingQueue<>()).add(message);
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  private static void copy(InputStream from, ByteArrayOutputStream to) {
    byte[] buffer = new byte[8192];
    try {
      int read;
      while ((read = from.read(buffer)) >= 0) {
        synchronized (to) {
          to.write(buffer, 0, read);
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }
}
