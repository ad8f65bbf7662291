package dev.claudememory.cli;

import static dev.claudememory.cli.McpServerProcess.arguments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prompt hook and a running MCP server on the same database, all real processes: the hook asks
 * the server over its socket under MEMORY_HOME and gets its warm recall, which finds by words and
 * meaning once the model is ready, where the hook alone finds by words; with no server, or only
 * the socket file a server left behind, the hook answers by itself; the socket is its user's only.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
final class PromptHookChannelIT {
  private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Pattern STORED = Pattern.compile("#(\\d+)");
  private static final Duration MODEL_READY = Duration.ofSeconds(90);
  private static final String RELEASE = "The release branch is cut every second Tuesday";
  private static final String PROMPT = "When do we cut the release branch?";
  private static final String BY_SERVER = "for this prompt by words and meaning (#";
  private static final String BY_HOOK_ALONE = "for this prompt by words (#";

  @TempDir Path folder;
  private HookProcess hook;
  private Path socket;

  @BeforeEach
  void useATemporaryHome() {
    hook = new HookProcess(folder, Map.of());
    socket = folder.resolve("memory-home").resolve("run").resolve("recall.sock");
  }

  private static long storeRelease(McpServerProcess server) throws Exception {
    JsonNode stored =
        server.callTool(
            "memory_store",
            arguments("content", RELEASE, "expanded_keywords", "release schedule branch cadence git", "category", "process"));
    Matcher id = STORED.matcher(stored.path("content").path(0).path("text").asText());
    assertThat(id.find()).as("%s", stored).isTrue();
    return Long.parseLong(id.group(1));
  }

  private static void awaitModelReady(McpServerProcess server) throws Exception {
    long deadline = System.nanoTime() + MODEL_READY.toNanos();
    JsonNode semantic;
    do {
      semantic = server.callTool("memory_count", null).path("structuredContent").path("semantic");
      if (semantic.path("state").asText().equals("ready")
          && semantic.path("embedded").asLong() == semantic.path("total").asLong()) {
        return;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("recall by meaning was not ready within " + MODEL_READY + ": " + semantic);
  }

  private static String injectedContext(HookProcess.Result result) throws Exception {
    assertThat(result.exitCode()).as("%s", result).isZero();
    JsonNode answer = STRICT.readTree(result.stdout());
    assertThat(answer.at("/hookSpecificOutput/hookEventName").asText()).as("%s", result).isEqualTo("UserPromptSubmit");
    return answer.at("/hookSpecificOutput/additionalContext").asText();
  }

  private static void assertOnlyProtocolOnStdout(McpServerProcess server) throws Exception {
    for (String line : server.stdoutLines()) {
      assertThat(STRICT.readTree(line).path("jsonrpc").asText()).as(line).isEqualTo("2.0");
    }
  }

  @Test
  void withAServerRunningTheHookGetsItsRecallByWordsAndMeaningThroughItsOwnerOnlySocket() throws Exception {
    try (McpServerProcess server = McpServerProcess.start(folder, Map.of())) {
      long release = storeRelease(server);
      awaitModelReady(server);

      String context = injectedContext(hook.submit(PROMPT));

      assertThat(context).contains(BY_SERVER + release + ")").contains(RELEASE);
      assertThat(Files.getPosixFilePermissions(socket.getParent()))
          .isEqualTo(PosixFilePermissions.fromString("rwx------"));
      assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
      assertOnlyProtocolOnStdout(server);
    }
    assertThat(socket).as("a server that ends removes its socket").doesNotExist();
  }

  @Test
  void withNoServerRunningTheHookAnswersByWordsInItsOwnProcess() throws Exception {
    long release;
    try (McpServerProcess server = McpServerProcess.start(folder, Map.of("MEMORY_SEMANTIC", "off"))) {
      release = storeRelease(server);
    }

    String context = injectedContext(hook.submit(PROMPT));

    assertThat(context).contains(BY_HOOK_ALONE + release + ")").contains(RELEASE);
  }

  @Test
  void aSocketLeftByAServerThatEndedIsPassedOverByTheHookAndReplacedByTheNextServer() throws Exception {
    long release;
    try (McpServerProcess server = McpServerProcess.start(folder, Map.of("MEMORY_SEMANTIC", "off"))) {
      release = storeRelease(server);
    }
    // a server killed before it could remove its socket leaves the file with nobody listening
    try (ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      gone.bind(UnixDomainSocketAddress.of(socket));
    }
    assertThat(socket).exists();

    HookProcess.Result alone = hook.submit(PROMPT);
    assertThat(injectedContext(alone)).contains(BY_HOOK_ALONE + release + ")");
    assertThat(alone.took()).as("a stale socket is refused at once, not waited on").isLessThan(Duration.ofSeconds(5));

    try (McpServerProcess server = McpServerProcess.start(folder, Map.of())) {
      awaitModelReady(server);

      assertThat(injectedContext(hook.submit(PROMPT))).contains(BY_SERVER + release + ")");
    }
  }

  @Test
  void aServerOnAnotherDatabaseIsNotUsedByTheHook() throws Exception {
    long release;
    try (McpServerProcess server = McpServerProcess.start(folder, Map.of("MEMORY_SEMANTIC", "off"))) {
      release = storeRelease(server);
    }
    Map<String, String> otherDatabase = Map.of("MEMORY_DB", folder.resolve("other.db").toString());
    try (McpServerProcess other = McpServerProcess.start(folder, otherDatabase)) {
      storeRelease(other);
      awaitModelReady(other);

      assertThat(injectedContext(hook.submit(PROMPT))).contains(BY_HOOK_ALONE + release + ")");
    }
  }

  /**
   * Run as root, a process of another user (nobody, through setpriv) connects: with the folder's
   * owner-only mode it cannot reach the socket at all, and with both modes opened to everyone the
   * server still closes its connection unanswered, as the kernel names its user.
   */
  @Test
  void aProcessOfAnotherUserGetsNoAnswerEvenWhenTheModesWereOpened() throws Exception {
    assumeThat(System.getProperty("user.name")).as("only root can run a process as another user").isEqualTo("root");
    assumeThat(Path.of("/usr/bin/setpriv")).as("setpriv runs a process as another user").exists();
    try (McpServerProcess server = McpServerProcess.start(folder, Map.of("MEMORY_SEMANTIC", "off"))) {
      storeRelease(server);
      assertThat(socket).exists();
      String request = "{\"prompt\":\"" + PROMPT + "\",\"database\":\"" + folder.resolve("memory-home/memory/memory.db") + "\"}";

      assertThat(asNobody(request)).as("the owner-only folder keeps it out").startsWith("no connection");

      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
      Files.setPosixFilePermissions(socket.getParent().getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
      Files.setPosixFilePermissions(socket.getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
      Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rwxrwxrwx"));

      assertThat(asNobody(request)).as("the server refuses another user").isEqualTo("connected, answer:");
      assertThat(server.stderr()).contains("refused the prompt hook's channel to user nobody");
    }
  }

  /** Sends one line on the socket as user nobody; says whether it connected and what came back. */
  private String asNobody(String request) throws Exception {
    String script =
        "use IO::Socket::UNIX; my $s = IO::Socket::UNIX->new(Type => SOCK_STREAM(), Peer => $ARGV[0])"
            + " or do { print \"no connection: $!\"; exit 0 }; print $s \"$ARGV[1]\\n\"; my $answer = <$s>;"
            + " print 'connected, answer: ' . (defined $answer ? $answer : '');";
    Process process =
        new ProcessBuilder(
                List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                    "perl", "-e", script, socket.toString(), request))
            .redirectErrorStream(true)
            .start();
    try {
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    } finally {
      process.destroyForcibly();
    }
  }
}
