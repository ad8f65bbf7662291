package dev.claudememory.mcp;

import static dev.claudememory.mcp.McpProcess.arguments;
import static dev.claudememory.mcp.McpProcess.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recall by meaning in the packaged server, as real processes with the real embedding model:
 * a question in other words finds a memory once the model is ready, the answer says which search
 * ran, turning it off loads no model, an end of input while the model loads ends the process
 * cleanly, and nothing but the configured memory API is ever connected to.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
final class SemanticRecallIT {
  private static final Map<String, String> SEMANTIC_ON = Map.of("MEMORY_SEMANTIC", "on");
  /** The model loads in a second or two; a machine busy with other builds takes longer. */
  private static final Duration READY = Duration.ofSeconds(90);
  private static final Duration EXIT = Duration.ofSeconds(30);
  private static final String KEY = "sk-test-semantic-KEY-0123456789";

  private static final String COFFEE = "Viktor likes his coffee black, a dark roast with no sugar";
  /** The user's own words, sharing none with the memory it is about. */
  private static final String PARAPHRASE = "what hot beverage does he enjoy in the mornings";
  private static final List<List<String>> NOTES =
      List.of(
          List.of("Staging database backups run nightly at 2am through cron", "postgres snapshot schedule"),
          List.of("Production deploys are frozen on Fridays", "release freeze policy"),
          List.of("The public API allows 100 requests per minute per key", "throttling quota limits http"),
          List.of("Kubernetes pods for the indexer need 2 GiB of memory", "k8s resources oom container"));

  @RegisterExtension final McpProcesses servers = new McpProcesses();
  @TempDir Path folder;

  @Test
  void aQuestionInOtherWordsWithNoExpandedQueryFindsTheMemoryOnceTheModelIsReady() throws Exception {
    McpProcess server = servers.start(folder, SEMANTIC_ON);
    server.initialize(HandshakeIT.LATEST);
    long coffee = storeNotes(server);

    awaitReady(server);
    JsonNode recall = server.callTool("memory_recall", arguments("context", PARAPHRASE, "expanded_query", ""));

    JsonNode structured = recall.path("structuredContent");
    assertThat(structured.path("search").asText()).as(recall.toString()).isEqualTo("hybrid");
    assertThat(structured.has("search_reason")).isFalse();
    assertThat(ids(structured)).contains(coffee);
    assertThat(text(recall)).contains(COFFEE);
    assertThat(text(server.callTool("memory_count", null)))
        .contains("Recall: by words and by meaning (5 of 5 memories embedded)");
    assertThat(nativeLibrariesOf(server)).anyMatch(library -> library.contains("onnxruntime"));
  }

  @Test
  void withRecallByMeaningOffTheAnswerSaysByWordsAndWhyAndNoModelIsLoaded() throws Exception {
    McpProcess server = servers.start(folder, Map.of("MEMORY_SEMANTIC", "off"));
    server.initialize(HandshakeIT.LATEST);
    long coffee = storeNotes(server);

    JsonNode paraphrase = server.callTool("memory_recall", arguments("context", PARAPHRASE, "expanded_query", ""));
    JsonNode byWords = server.callTool("memory_recall", arguments("context", "coffee", "expanded_query", ""));

    JsonNode structured = paraphrase.path("structuredContent");
    assertThat(structured.path("search").asText()).isEqualTo("lexical");
    assertThat(structured.path("search_reason").asText()).isEqualTo("recall by meaning is off (MEMORY_SEMANTIC=off)");
    assertThat(ids(structured)).doesNotContain(coffee);
    assertThat(ids(byWords.path("structuredContent"))).containsExactly(coffee);
    JsonNode semantic = server.callTool("memory_count", null).path("structuredContent").path("semantic");
    assertThat(semantic.path("state").asText()).isEqualTo("off");
    Path home = folder.resolve("memory-home");
    assertThat(home.resolve("models")).doesNotExist();
    try (Stream<Path> files = Files.walk(home)) {
      // the native folder holds SQLite's library; ONNX Runtime's must not be there
      assertThat(files.map(Path::toString)).noneMatch(name -> name.contains("onnxruntime"));
    }
    assertThat(nativeLibrariesOf(server)).noneMatch(library -> library.contains("onnxruntime"));
  }

  @Test
  void untilTheModelIsReadyRecallIsByWordsAndSaysWhy() throws Exception {
    McpProcess server = servers.start(folder, SEMANTIC_ON);
    server.initialize(HandshakeIT.LATEST);
    long coffee = storeNotes(server);

    JsonNode recall = server.callTool("memory_recall", arguments("context", "coffee", "expanded_query", ""));

    JsonNode structured = recall.path("structuredContent");
    assertThat(structured.path("search").asText()).isEqualTo("lexical");
    assertThat(structured.path("search_reason").asText()).startsWith("the embedding model is");
    assertThat(ids(structured)).containsExactly(coffee);
  }

  @Test
  void theEndOfInputWhileTheModelLoadsEndsTheProcessCleanly() throws Exception {
    McpProcess server = servers.start(folder, SEMANTIC_ON);
    server.initialize(HandshakeIT.LATEST);
    JsonNode semantic = server.callTool("memory_count", null).path("structuredContent").path("semantic");
    assertThat(semantic.path("state").asText()).as("the model is still loading").isEqualTo("loading");

    int exit = server.closeInputAndWait(EXIT);

    assertThat(exit).as(server.stderr()).isZero();
    assertThat(server.stdoutLines()).isNotEmpty().allSatisfy(line -> assertThat(McpProcess.json().readTree(line).path("jsonrpc").asText()).isEqualTo("2.0"));
    assertThat(server.stderr()).doesNotContain("Exception");
  }

  /**
   * Every connection the server's process makes, from start-up through loading the model,
   * embedding, recall and exit, is to the configured memory API on loopback: the process runs
   * under {@code strace -f}, which records each {@code connect}, {@code sendto} and {@code
   * sendmsg} made by any of its threads, in Java or native code (ONNX Runtime, name lookups).
   * A recorded connection to the API itself shows the trace saw the process's traffic.
   *
   * <p>Limits: local sockets ({@code AF_UNIX}, such as the name service cache daemon's) are not
   * counted as network; an address looked up through such a daemon would show only as that
   * daemon's own traffic. Where {@code strace} is missing or may not trace, the test is skipped,
   * saying so.
   */
  @Test
  void noConnectionIsMadeButToTheConfiguredMemoryApi() throws Exception {
    Optional<Path> strace = executable("strace");
    Assumptions.assumeTrue(strace.isPresent(), "strace is not installed: the connections cannot be watched");
    Path trace = folder.resolve("connections.trace");
    try (FakeApiProcess api = FakeApiProcess.start(KEY)) {
      int apiPort = api.baseUri().getPort();
      Map<String, String> environment = new HashMap<>(SEMANTIC_ON);
      environment.put("MEMORY_API_URL", api.baseUri().toString());
      environment.put("MEMORY_API_KEY", KEY);
      environment.put("MEMORY_SYNC_INTERVAL", "1");
      McpProcess server =
          servers.startUnder(
              List.of(strace.get().toString(), "-f", "-qq", "--seccomp-bpf", "-e", "trace=connect,sendto,sendmsg",
                  "-o", trace.toString()),
              folder, environment);
      server.initialize(HandshakeIT.LATEST);
      long coffee = storeNotes(server);
      awaitReady(server);
      JsonNode recall = server.callTool("memory_recall", arguments("context", PARAPHRASE, "expanded_query", ""));
      assertThat(recall.path("structuredContent").path("search").asText()).isEqualTo("hybrid");
      assertThat(ids(recall.path("structuredContent"))).contains(coffee);
      Eventually.await("the memories reach the API", READY, () -> assertThat(api.liveContents()).contains(COFFEE));

      assertThat(server.closeInputAndWait(EXIT)).as(server.stderr()).isZero();

      List<String> lines = Files.readAllLines(trace);
      Assumptions.assumeFalse(
          lines.stream().anyMatch(line -> line.contains("PTRACE") || line.contains("Operation not permitted")),
          "strace may not trace here: " + lines.stream().limit(3).collect(Collectors.toList()));
      List<Connection> connections = connections(lines);
      assertThat(connections).as("the trace saw the calls to the API").anyMatch(connection -> connection.toApi(apiPort));
      assertThat(connections).filteredOn(connection -> !connection.toApi(apiPort)).isEmpty();
    }
  }

  /** One network address a traced call went to, and the line that shows it. */
  private record Connection(String address, int port, String line) {
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "::1", "::ffff:127.0.0.1");

    boolean toApi(int apiPort) {
      return LOOPBACK.contains(address) && port == apiPort;
    }
  }

  private static final Pattern PORT = Pattern.compile("sin6?_port=htons\\((\\d+)\\)");
  private static final Pattern ADDRESS = Pattern.compile("(?:inet_addr\\(|inet_pton\\(AF_INET6?, )\"([^\"]+)\"");

  /** The internet addresses in a trace; local sockets and disconnects ({@code AF_UNSPEC}) are left out. */
  private static List<Connection> connections(List<String> lines) {
    List<Connection> connections = new ArrayList<>();
    for (String line : lines) {
      if (!line.contains("sa_family=AF_INET")) {
        continue;
      }
      Matcher port = PORT.matcher(line);
      Matcher address = ADDRESS.matcher(line);
      if (!port.find() || !address.find()) {
        throw new AssertionError("a traced call to an address this test cannot read: " + line);
      }
      connections.add(new Connection(address.group(1), Integer.parseInt(port.group(1)), line));
    }
    return connections;
  }

  /** Stores the coffee memory and four others; returns the coffee memory's id. */
  private static long storeNotes(McpProcess server) throws IOException {
    long coffee =
        StoredMemories.store(
            server, arguments("content", COFFEE, "expanded_keywords", "espresso beans caffeine preference"));
    for (List<String> note : NOTES) {
      StoredMemories.store(server, arguments("content", note.get(0), "expanded_keywords", note.get(1)));
    }
    return coffee;
  }

  private static void awaitReady(McpProcess server) throws InterruptedException {
    Eventually.await("recall by meaning is ready", READY, () -> {
      JsonNode semantic = server.callTool("memory_count", null).path("structuredContent").path("semantic");
      assertThat(semantic.path("state").asText()).as(semantic.toString()).isEqualTo("ready");
      assertThat(semantic.path("embedded").asLong()).isEqualTo(semantic.path("total").asLong());
    });
  }

  private static List<Long> ids(JsonNode structured) {
    List<Long> ids = new ArrayList<>();
    structured.path("memories").forEach(memory -> ids.add(memory.path("id").asLong()));
    return ids;
  }

  /** The shared libraries the process has mapped, where the system shows them ({@code /proc}). */
  private static List<String> nativeLibrariesOf(McpProcess server) throws IOException {
    Path maps = Path.of("/proc", Long.toString(server.process().pid()), "maps");
    Assumptions.assumeTrue(Files.isReadable(maps), "this system does not show a process's libraries");
    try (Stream<String> lines = Files.lines(maps)) {
      return lines.filter(line -> line.contains(".so")).collect(Collectors.toList());
    }
  }

  private static Optional<Path> executable(String name) {
    for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(directory, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
