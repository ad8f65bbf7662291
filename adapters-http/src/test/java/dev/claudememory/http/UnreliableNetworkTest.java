package dev.claudememory.http;

import static dev.claudememory.http.ApiTestSupport.FIELDS;
import static dev.claudememory.http.ApiTestSupport.KEY;
import static dev.claudememory.http.ApiTestSupport.TIMEOUTS;
import static dev.claudememory.http.ApiTestSupport.api;
import static dev.claudememory.http.ApiTestSupport.json;
import static dev.claudememory.http.ApiTestSupport.jsonBody;
import static dev.claudememory.http.ApiTestSupport.taken;
import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.recall.SortBy;
import dev.claudememory.core.remote.ChangeSet;
import dev.claudememory.core.remote.CreatedMemory;
import dev.claudememory.core.remote.RemoteMemory;
import dev.claudememory.core.remote.RemoteRecall;
import dev.claudememory.core.remote.RemoteResult;
import dev.claudememory.core.sync.IdempotencyKey;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Answers lost, cut off or never sent are {@code RetryLater}, bounded by the timeouts, and never
 * retried inside OkHttp, where a repeated POST would be a duplicate memory.
 */
@Timeout(15)
class UnreliableNetworkTest {
  private static final IdempotencyKey OP_KEY = new IdempotencyKey("op-lost-1");
  private static final Duration SHORT = Duration.ofMillis(300);

  @StartStop private final MockWebServer server = new MockWebServer();
  private HttpRemoteMemoryApi api;

  @BeforeEach
  void connect() {
    api = api(server);
  }

  @AfterEach
  void close() {
    api.close();
  }

  @Test
  void answerLostAfterTheServerReadTheCreateIsRetryLaterAndNotResent() throws Exception {
    server.enqueue(
        new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    // Were OkHttp to retry on its own, this answer would turn the call into a silent duplicate.
    server.enqueue(json(200, "{\"id\":8,\"category\":\"facts\",\"importance\":0.5}"));

    RemoteResult<CreatedMemory> result = api.create(FIELDS, OP_KEY);

    assertThat(result).isInstanceOf(RemoteResult.RetryLater.class);
    assertThat(((RemoteResult.RetryLater<CreatedMemory>) result).reason())
        .contains("POST /api/memories", "may have applied it");
    assertThat(jsonBody(taken(server)).get("content").asText()).isEqualTo(FIELDS.content());
    assertThat(server.takeRequest(200, TimeUnit.MILLISECONDS)).as("a second attempt").isNull();
  }

  @Test
  void answerLostOnAReusedConnectionIsRetryLaterAndNotResent() throws Exception {
    server.enqueue(json(200, "{\"status\":\"ok\",\"user_id\":1}"));
    server.enqueue(
        new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(json(200, "{\"id\":8,\"category\":\"facts\",\"importance\":0.5}"));

    api.checkAuth();
    // The pooled connection dies after the server read the POST: the case in which OkHttp, left to
    // itself, silently sends the POST again on a new connection.
    RemoteResult<CreatedMemory> result = api.create(FIELDS, OP_KEY);

    assertThat(result).isInstanceOf(RemoteResult.RetryLater.class);
    assertThat(taken(server).getMethod()).isEqualTo("GET");
    assertThat(taken(server).getMethod()).isEqualTo("POST");
    assertThat(server.takeRequest(200, TimeUnit.MILLISECONDS)).as("a second attempt").isNull();
  }

  @Test
  void answerLostAfterTheServerReadTheDeleteIsRetryLaterNotDone() throws Exception {
    server.enqueue(
        new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());

    assertThat(api.delete(new ServerId(4), OP_KEY)).isInstanceOf(RemoteResult.RetryLater.class);
    assertThat(taken(server).getMethod()).isEqualTo("DELETE");
  }

  @Test
  void answerCutOffMidBodyIsRetryLater() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .body("{\"memories\":[],\"server_time\":\"2026-11-24T21:48:00+00:00\"}")
            .onResponseBody(new SocketEffect.CloseSocket())
            .build());

    RemoteResult<ChangeSet> result = api.changesSince(Optional.empty());

    assertThat(result).isInstanceOf(RemoteResult.RetryLater.class);
  }

  @Test
  @Timeout(5) // the call timeout ends it, not the server nor the 10 s recall bound
  void serverThatNeverAnswersIsRetryLaterAfterTheCallTimeout() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

    try (HttpRemoteMemoryApi impatient =
        api(server, new HttpTimeouts(SHORT, SHORT, Duration.ofSeconds(10)))) {
      RemoteResult<CreatedMemory> result = impatient.create(FIELDS, OP_KEY);

      assertThat(result).isInstanceOf(RemoteResult.RetryLater.class);
      assertThat(((RemoteResult.RetryLater<CreatedMemory>) result).reason())
          .contains("no complete answer before the timeout", "may have applied it");
    }
  }

  @Test
  void recallIsBoundedByTheRecallTimeoutNotTheCallTimeout() {
    MockResponse slow =
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .body("{\"memories\":[]}")
            .headersDelay(700, TimeUnit.MILLISECONDS)
            .build();
    server.enqueue(slow);
    server.enqueue(slow);
    RemoteRecall query = new RemoteRecall("uv", "uv pip", Optional.empty(), SortBy.RELEVANCE, 10);

    try (HttpRemoteMemoryApi patientRecall =
            api(server, new HttpTimeouts(SHORT, SHORT, Duration.ofSeconds(5)));
        HttpRemoteMemoryApi impatientRecall =
            api(server, new HttpTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), SHORT))) {
      RemoteResult<List<RemoteMemory>> waited = patientRecall.recall(query);
      RemoteResult<List<RemoteMemory>> gaveUp = impatientRecall.recall(query);

      assertThat(waited).isEqualTo(RemoteResult.ok(List.of()));
      assertThat(gaveUp).isInstanceOf(RemoteResult.RetryLater.class);
    }
  }

  @Test
  void unreachableServerIsRetryLater() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    URI nobody = URI.create("http://127.0.0.1:" + closedPort);

    try (HttpRemoteMemoryApi offline = HttpRemoteMemoryApi.create(nobody, KEY, TIMEOUTS)) {
      RemoteResult<String> result = offline.checkAuth();

      assertThat(result).isInstanceOf(RemoteResult.RetryLater.class);
      assertThat(((RemoteResult.RetryLater<String>) result).why()).isEqualTo(RemoteResult.Why.UNREACHABLE);
      assertThat(((RemoteResult.RetryLater<String>) result).reason())
          .contains("GET /api/auth-check", "connection refused at http://127.0.0.1:" + closedPort)
          .doesNotContain("may have applied it")
          .doesNotContain("Exception");
    }
  }

  @Test
  void aCallInterruptedWhileConnectingIsRetryLaterAndKeepsTheInterrupt() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    URI nobody = URI.create("http://127.0.0.1:" + closedPort);

    try (HttpRemoteMemoryApi offline = HttpRemoteMemoryApi.create(nobody, KEY, TIMEOUTS)) {
      // a shutdown interrupts the sync thread while it waits for a connection
      Thread.currentThread().interrupt();
      RemoteResult<String> result;
      boolean interrupted;
      try {
        result = offline.checkAuth();
      } finally {
        interrupted = Thread.interrupted();
      }

      assertThat(result).isInstanceOf(RemoteResult.RetryLater.class);
      assertThat(interrupted).as("the interrupt is kept for the caller").isTrue();
    }
  }
}
