package dev.claudememory.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
final class FakeMemoryApiServerLifecycleTest {
  private final FakeMemoryApiServer server = new FakeMemoryApiServer();

  @AfterEach
  void close() {
    server.close();
  }

  @Test
  void listensOnLoopbackAtAChosenPort() throws Exception {
    server.start();

    assertThat(server.baseUri().toString()).isEqualTo("http://127.0.0.1:" + server.port());
    assertThat(server.port()).isPositive();
    assertThat(new ApiClient(server).get("/health").status()).isEqualTo(200);
  }

  @Test
  void listensOnAGivenPort() throws Exception {
    int free;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      free = probe.getLocalPort();
    }
    try (FakeMemoryApiServer fixed = new FakeMemoryApiServer("k", Clock.systemUTC(), free)) {
      fixed.start();

      assertThat(fixed.port()).isEqualTo(free);
      assertThat(new ApiClient(fixed).get("/health").status()).isEqualTo(200);
    }
  }

  @Test
  void aRestartKeepsMemoriesKeyAndPort() throws Exception {
    server.start();
    ApiClient api = new ApiClient(server);
    api.store("survives restarts");
    server.setApiKey("rotated");
    int port = server.port();

    server.stop();
    assertThatThrownBy(() -> api.get("/health")).isInstanceOf(ConnectException.class);
    server.start();

    assertThat(server.port()).isEqualTo(port);
    assertThat(api.withKey("rotated").get("/api/memories/1").json().get("content").asText())
        .isEqualTo("survives restarts");
  }

  @Test
  void startingTwiceIsHarmless() throws Exception {
    server.start();
    int port = server.port();

    server.start();

    assertThat(server.port()).isEqualTo(port);
    assertThat(server.isRunning()).isTrue();
  }

  @Test
  void aClosedServerCannotStartAgain() {
    server.start();
    server.close();

    assertThat(server.isRunning()).isFalse();
    assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void thereIsNoPortBeforeTheFirstStart() {
    assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aBlankKeyIsRefused() {
    assertThatThrownBy(() -> new FakeMemoryApiServer(" "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> server.setApiKey(""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void itsThreadsNeverKeepTheJvmAlive() throws Exception {
    server.start();
    new ApiClient(server).get("/health");

    assertThat(Thread.getAllStackTraces().keySet())
        .filteredOn(
            t -> t.getName().equals("HTTP-Dispatcher") || t.getName().startsWith("fake-memory-api"))
        .isNotEmpty()
        .allMatch(Thread::isDaemon);
  }

  @Test
  void serverSideHelpersRefuseUnknownIds() {
    server.start();

    assertThatThrownBy(() -> server.serverSideEdit(1, "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> server.serverSideDelete(1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void serverSideDeleteOfADeletedMemoryChangesNothing() {
    server.start();
    ServerMemory stored = server.serverSideStore("x", "facts");
    server.serverSideDelete(stored.id());
    String deletedAt = server.memory(stored.id()).orElseThrow().deletedAt().orElseThrow();

    server.serverSideDelete(stored.id());

    assertThat(server.memory(stored.id()).orElseThrow().deletedAt()).contains(deletedAt);
    assertThat(server.serverMemories()).isEmpty();
    assertThat(server.allMemoriesIncludingDeleted()).hasSize(1);
  }
}
