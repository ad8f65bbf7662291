package dev.claudememory.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.testkit.FakeMemoryApiServer;
import dev.claudememory.testkit.ServerMemory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real server processes in hybrid mode syncing through the fake memory API run inside the test
 * JVM on loopback: stores made through repeated outages, lost answers and server errors reach the
 * server exactly once, and an API that never answers delays neither start-up nor tool calls.
 * {@link HybridProcessIT} runs the fake as a process of its own, with two clients.
 */
@Timeout(180)
class HybridSyncIT {
  private static final String KEY = "sk-test-hybrid-KEY-0123456789";
  private static final Duration CONVERGE = Duration.ofSeconds(40);

  @RegisterExtension final McpProcesses servers = new McpProcesses();
  @TempDir Path folder;
  private FakeMemoryApiServer api;

  @BeforeEach
  void startApi() {
    api = new FakeMemoryApiServer(KEY).start();
  }

  @AfterEach
  void stopApi() {
    api.close();
  }

  private McpProcess client(String name) throws IOException {
    McpProcess client =
        servers.start(
            folder.resolve(name),
            Map.of(
                "MEMORY_API_URL", api.baseUri().toString(),
                "MEMORY_API_KEY", KEY,
                "MEMORY_SYNC_INTERVAL", "1"));
    client.initialize("2025-06-18");
    return client;
  }

  @Test
  void storesMadeWhileTheApiIsDownReachTheServerExactlyOnce() throws Exception {
    McpProcess a = client("a");
    List<String> contents = new ArrayList<>();
    for (int outage = 1; outage <= 3; outage++) {
      api.stop();
      for (int i = 0; i < 3; i++) {
        String content = "Outage " + outage + " note " + i + " about the Osprey cache";
        contents.add(content);
        assertThat(a.callTool("memory_store", store(content)).get("isError").asBoolean()).isFalse();
      }
      // let the engine fail against the closed port before the API comes back
      Thread.sleep(1500L * outage);
      api.start();
    }
    awaitTrue("every store reached the server", () -> liveContents().containsAll(contents));
    // a few more cycles: nothing is pushed a second time
    Thread.sleep(3000);
    assertThat(liveContents()).containsExactlyInAnyOrderElementsOf(contents);
  }

  @Test
  void lostAnswersAndServerErrorsNeverDuplicateAMemory() throws Exception {
    McpProcess a = client("a");
    api.dropAnswersAfterCommit(2);
    api.failNext(2, 503);
    List<String> contents = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String content = "Heron queue note " + i;
      contents.add(content);
      a.callTool("memory_store", store(content));
    }
    awaitTrue("every store reached the server", () -> liveContents().containsAll(contents));
    Thread.sleep(3000);
    assertThat(liveContents()).containsExactlyInAnyOrderElementsOf(contents);
    awaitTrue("the client holds each once",
        () -> McpProcess.text(countOf(a)).startsWith("Local memories: 5"));
  }

  @Test
  void anApiThatNeverAnswersDelaysNeitherStartUpNorToolCalls() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> acceptAndStaySilent(silent), "silent-api");
      acceptor.setDaemon(true);
      acceptor.start();
      long started = System.nanoTime();
      McpProcess client =
          servers.start(
              folder.resolve("silent"),
              Map.of(
                  "MEMORY_API_URL", "http://127.0.0.1:" + silent.getLocalPort(),
                  "MEMORY_API_KEY", KEY,
                  "MEMORY_SYNC_INTERVAL", "1"));
      client.initialize("2025-06-18");
      JsonNode stored = client.callTool("memory_store", store("Silent API note about the Wren index"));
      JsonNode recalled = client.callTool("memory_recall", recall("Wren index"));
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      assertThat(stored.get("isError").asBoolean()).isFalse();
      assertThat(McpProcess.text(recalled)).contains("Wren index");
      // the API client's call timeout is 15 s: anything waiting on it would take longer than this
      assertThat(elapsed).isLessThan(Duration.ofSeconds(10));
    }
  }

  /** Accepts connections and never answers, holding them open until the test ends. */
  private static void acceptAndStaySilent(ServerSocket socket) {
    List<Socket> held = new ArrayList<>();
    try {
      while (!socket.isClosed()) {
        held.add(socket.accept());
      }
    } catch (IOException e) {
      // the test closed the listening socket
    } finally {
      for (Socket connection : held) {
        try {
          connection.close();
        } catch (IOException e) {
          // closing anyway
        }
      }
    }
  }

  private List<String> liveContents() {
    return api.serverMemories().stream().map(ServerMemory::content).collect(Collectors.toList());
  }

  private static JsonNode countOf(McpProcess client) {
    try {
      return client.callTool("memory_count", McpProcess.object());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode store(String content) {
    ObjectNode arguments = McpProcess.object();
    arguments.put("content", content);
    arguments.put("expanded_keywords", "deploy schedule cache queue index notes");
    return arguments;
  }

  private static ObjectNode recall(String words) {
    ObjectNode arguments = McpProcess.object();
    arguments.put("context", words);
    arguments.put("expanded_query", "");
    return arguments;
  }

  private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + CONVERGE.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("not within " + CONVERGE + ": " + what);
  }
}
