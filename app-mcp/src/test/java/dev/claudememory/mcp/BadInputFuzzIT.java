package dev.claudememory.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudememory.mcp.FuzzOracle.Expectation;
import dev.claudememory.mcp.FuzzOracle.Outcome;
import dev.claudememory.mcp.ToolSchemas.ToolSchema;
import dev.claudememory.testkit.SeededStrings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §4 and §8, bad input by the thousand: the lines of {@link FuzzLines} go to one server, in
 * batches, and {@link FuzzOracle} says what each must bring. After every batch: the server still
 * answers a ping and a tool call; stdout held only JSON-RPC responses, each answering a request
 * sent (or, with a null id, a line that could not be read as one) exactly once; every line that
 * must be refused got an error, none of them an internal one; and the memories table is unchanged.
 * Calls that may store a memory go in batches of their own, where only the memories their answers
 * report may appear.
 *
 * <p>The server runs with an API key, so all thirteen tools are offered, and an API address that
 * refuses connections, so nothing but the calls changes the file. The error answers are counted
 * by shape and printed with the figures of the run.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
final class BadInputFuzzIT {
  /** Reproduce a failure with {@code -Dfuzz.seed=<the seed it printed>}. */
  private static final long SEED = Long.getLong("fuzz.seed", 20_260_613L);

  private static final int LINES = 4_000;
  private static final int BATCH = 200;
  /** Every fourth batch is one of calls that may store. */
  private static final int STORING_EVERY = 4;
  private static final long MISSING_ID = 2_000_000_000L;
  private static final String KEY = "sk-test-fuzz-KEY-0123456789";
  private static final Duration ANSWERS_WITHIN = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern STORED =
      Pattern.compile("(?s)Stored memory #(\\d+) .*|Memory #(\\d+) already holds this content .*");

  @RegisterExtension final McpProcesses servers = new McpProcesses();
  @TempDir Path folder;

  private final FailureShapes shapes = new FailureShapes();
  private McpProcess server;
  private FuzzOracle oracle;
  private int stdoutRead;
  private long answers;
  private long storedMemories;

  /** A line sent and what its answer must be. */
  private record Sent(byte[] line, Expectation expected) {}

  @Test
  void thousandsOfBadLinesGetErrorsChangeNothingAndLeaveOnlyProtocolMessagesOnStdout() throws Exception {
    server = servers.start(folder, Map.of(
        "MEMORY_API_URL", refusingAddress(), "MEMORY_API_KEY", KEY, "MEMORY_SYNC_INTERVAL", "3600"));
    server.initialize(HandshakeIT.LATEST);
    Map<String, ToolSchema> tools = ToolSchemas.of(server.request("tools/list", null).get("result"));
    assertThat(tools).as("the tools offered with an API key").hasSize(13);
    long existingId = StoredMemories.store(server, "Fuzz baseline: the kestrel cache is warmed at six");
    oracle = new FuzzOracle(tools, MISSING_ID);
    List<byte[]> lines = new FuzzLines(SEED, tools, oracle, existingId, MISSING_ID).generate(LINES);
    List<List<byte[]>> batches = batches(lines);
    stdoutRead = server.stdoutLines().size();

    long started = System.nanoTime();
    for (int batch = 0; batch < batches.size(); batch++) {
      runBatch(batches.get(batch), batch + 1);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    System.out.printf(
        "Bad-input fuzz, seed %d: %,d lines (%,d bytes) in %d batches in %.1f s; %,d answers, %,d of them"
            + " errors, in %d distinct shapes; %d memories stored by the calls allowed to store:%n%s%n",
        SEED, lines.size(), lines.stream().mapToLong(line -> line.length).sum(), batches.size(),
        took.toMillis() / 1000.0, answers, shapes.total(), shapes.distinct(), storedMemories, shapes.table());
  }

  /** Batches of {@link #BATCH} lines; the lines that may store a memory come in batches of their own. */
  private List<List<byte[]>> batches(List<byte[]> lines) {
    List<byte[]> still = new ArrayList<>();
    List<byte[]> storing = new ArrayList<>();
    lines.forEach(line -> (oracle.expect(line).mayStore() ? storing : still).add(line));
    List<List<byte[]>> batches = new ArrayList<>();
    int stillAt = 0;
    int storingAt = 0;
    while (stillAt < still.size() || storingAt < storing.size()) {
      boolean storingTurn = (batches.size() + 1) % STORING_EVERY == 0 || stillAt >= still.size();
      if (storingTurn && storingAt < storing.size()) {
        batches.add(storing.subList(storingAt, Math.min(storingAt + BATCH, storing.size())));
        storingAt += BATCH;
      } else {
        batches.add(still.subList(stillAt, Math.min(stillAt + BATCH, still.size())));
        stillAt += BATCH;
      }
    }
    return batches;
  }

  private void runBatch(List<byte[]> batch, int number) throws Exception {
    Path database = server.database();
    long lastId = SqliteFile.lastMemoryId(database);
    String rowsBefore = SqliteFile.memoriesChecksum(database, lastId);
    Map<String, Sent> awaited = new HashMap<>();
    int nullIdAnswers = 0;
    for (byte[] line : batch) {
      Expectation expected = oracle.expect(line);
      switch (expected.answer()) {
        case REQUEST_ID:
          assertThat(awaited.put(expected.id().orElseThrow(), new Sent(line, expected)))
              .as("%s: two lines with the id %s", where(number), expected.id().get()).isNull();
          break;
        case NULL_ID:
          nullIdAnswers++;
          break;
        default:
          break;
      }
      send(line, number);
    }
    // after the batch: still serving both kinds of request
    for (String check :
        List.of(
            "{\"jsonrpc\":\"2.0\",\"id\":\"ping-" + number + "\",\"method\":\"ping\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":\"count-" + number + "\",\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"memory_count\"}}")) {
      byte[] line = check.getBytes(StandardCharsets.UTF_8);
      Expectation expected = oracle.expect(line);
      awaited.put(expected.id().orElseThrow(), new Sent(line, expected));
      send(line, number);
    }

    Map<String, JsonNode> answered = readAnswers(awaited, nullIdAnswers, number);
    assertThat(McpProcess.text(answered.get("\"count-" + number + "\"").get("result")))
        .as("%s: memory_count after the batch", where(number)).startsWith("Local memories: ");
    TreeSet<Long> added = new TreeSet<>();
    awaited.forEach((id, sent) -> added.addAll(checkAnswer(sent, answered.get(id), number)));
    assertThat(SqliteFile.memoriesChecksum(database, lastId))
        .as("%s: the memories there were before the batch are unchanged", where(number)).isEqualTo(rowsBefore);
    assertThat(SqliteFile.memoryIdsAfter(database, lastId))
        .as("%s: the memories added, exactly those the answers report stored", where(number))
        .containsExactlyElementsOf(added);
    storedMemories += added.size();
  }

  /** Sends one line; a server that ended meanwhile fails the test with its exit status and stderr. */
  private void send(byte[] line, int number) throws InterruptedException {
    try {
      server.writeRaw(withNewline(line));
    } catch (IOException ended) {
      boolean exited = server.process().waitFor(10, TimeUnit.SECONDS);
      // stack frames left out: the logged warnings of refused calls would bury the cause
      List<String> messages = server.stderr().lines().filter(stderrLine -> !stderrLine.startsWith("\tat ")).toList();
      fail("%s: the server stopped reading (%s) by %s; it %s; the last lines of its stderr:%n%s", where(number),
          ended.getMessage(), describe(line),
          exited ? "exited with status " + server.process().exitValue() : "is still running",
          String.join("\n", messages.subList(Math.max(0, messages.size() - 20), messages.size())));
    }
  }

  /**
   * Reads stdout until every awaited request is answered, checking each line as it comes: a
   * JSON-RPC response, to a request sent in this batch and not answered before, or with a null id
   * to a line that could not be read; then exactly as many of those as the batch had such lines.
   */
  private Map<String, JsonNode> readAnswers(Map<String, Sent> awaited, int nullIdAnswers, int number)
      throws InterruptedException {
    Map<String, JsonNode> answered = new HashMap<>();
    int nullIds = 0;
    long deadline = System.nanoTime() + ANSWERS_WITHIN.toNanos();
    while (answered.size() < awaited.size()) {
      List<String> stdout = server.stdoutLines();
      for (; stdoutRead < stdout.size(); stdoutRead++) {
        JsonNode answer = protocolResponse(stdout.get(stdoutRead), number);
        answers++;
        shapes.add(answer);
        JsonNode id = answer.get("id");
        if (id.isNull()) {
          nullIds++;
          assertNoInternalError(answer, "a line answered with a null id", number);
          continue;
        }
        assertThat(awaited).as("%s: an answer to id %s, which no line of the batch carried", where(number), id)
            .containsKey(id.toString());
        assertThat(answered.put(id.toString(), answer))
            .as("%s: a second answer to %s", where(number), describe(awaited.get(id.toString()).line())).isNull();
      }
      if (answered.size() < awaited.size() && System.nanoTime() > deadline) {
        fail("%s: no answer within %s to %s; stderr:%n%s", where(number), ANSWERS_WITHIN,
            awaited.entrySet().stream().filter(entry -> !answered.containsKey(entry.getKey()))
                .map(entry -> describe(entry.getValue().line())).limit(5).toList(),
            server.stderr());
      }
      Thread.sleep(5);
    }
    // the reading thread answers unreadable lines itself, so all of them came before the ping's answer
    assertThat(nullIds).as("%s: answers with a null id (one per line that is not a readable request)", where(number))
        .isEqualTo(nullIdAnswers);
    return answered;
  }

  private static JsonNode protocolResponse(String line, int number) {
    McpProcesses.assertOnlyProtocolMessages(List.of(line));
    JsonNode message;
    try {
      message = JSON.readTree(line);
    } catch (IOException e) {
      throw new AssertionError("read twice, parsed once: " + line, e);
    }
    assertThat(message.has("method")).as("%s: the server sent a request or notification: %s", where(number), line)
        .isFalse();
    return message;
  }

  /** Checks the answer against the line's expectation; returns the ids of memories it stored. */
  private List<Long> checkAnswer(Sent sent, JsonNode answer, int number) {
    boolean failed = answer.has("error") || answer.path("result").path("isError").asBoolean();
    String what = describe(sent.line()) + " answered " + abbreviate(answer.toString());
    if (sent.expected().outcome() == Outcome.ERROR) {
      assertThat(failed).as("%s: must be refused: %s", where(number), what).isTrue();
    } else if (sent.expected().outcome() == Outcome.SUCCESS) {
      assertThat(failed).as("%s: must succeed: %s", where(number), what).isFalse();
    }
    assertNoInternalError(answer, what, number);
    if (failed || !sent.expected().mayStore()) {
      return List.of();
    }
    Matcher stored = STORED.matcher(McpProcess.text(answer.get("result")));
    assertThat(stored.matches()).as("%s: a store's answer: %s", where(number), what).isTrue();
    return stored.group(1) == null ? List.of() : List.of(Long.parseLong(stored.group(1)));
  }

  /** A refusal speaks of the input; an internal error or the database's words mean a fault went unhandled. */
  private static void assertNoInternalError(JsonNode answer, String what, int number) {
    String message = answer.has("error")
        ? answer.get("error").path("message").asText()
        : answer.path("result").path("isError").asBoolean() ? McpProcess.text(answer.get("result")) : "";
    assertThat(answer.path("error").path("code").asInt()).as("%s: %s", where(number), what)
        .isNotEqualTo(-32603);
    assertThat(message).as("%s: %s", where(number), what)
        .doesNotContain("Internal error").doesNotContain("\tat ").doesNotContainIgnoringCase("sqlite")
        .doesNotContainIgnoringCase("fts5");
  }

  private static String where(int batch) {
    return "seed " + SEED + " (rerun with -Dfuzz.seed=" + SEED + "), batch " + batch;
  }

  private static String describe(byte[] line) {
    return "line '" + abbreviate(SeededStrings.escape(new String(line, StandardCharsets.UTF_8))) + "'";
  }

  private static String abbreviate(String text) {
    return text.length() > 400 ? text.substring(0, 400) + "…" : text;
  }

  private static byte[] withNewline(byte[] line) {
    byte[] terminated = new byte[line.length + 1];
    System.arraycopy(line, 0, terminated, 0, line.length);
    terminated[line.length] = '\n';
    return terminated;
  }

  /** A loopback address nothing listens on: connections to it are refused at once. */
  private static String refusingAddress() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }
  }
}
