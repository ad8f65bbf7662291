package dev.claudememory.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
final class FakeMemoryApiServerFaultsTest {
  private final FakeMemoryApiServer server = new FakeMemoryApiServer().start();
  private final ApiClient api = new ApiClient(server);

  @AfterEach
  void close() {
    server.close();
  }

  @Test
  void failNextAnswersThatManyRequestsWithTheStatusAndPerformsNothing() throws Exception {
    server.failNext(3, 503);

    ApiClient.Reply first = api.post("/api/memories", "{\"content\":\"a\"}");
    ApiClient.Reply health = api.withoutKey().get("/health");
    ApiClient.Reply third = api.post("/api/memories", "{\"content\":\"b\"}");
    ApiClient.Reply fourth = api.post("/api/memories", "{\"content\":\"c\"}");

    assertThat(first.status()).isEqualTo(503);
    assertThat(first.body()).isEqualTo("Service Unavailable");
    assertThat(health.status()).as("every path counts").isEqualTo(503);
    assertThat(third.status()).isEqualTo(503);
    assertThat(fourth.status()).isEqualTo(200);
    assertThat(server.allMemoriesIncludingDeleted()).extracting(ServerMemory::content)
        .containsExactly("c");
  }

  @Test
  void failNextWith4xxAnswersInFastApisShape() throws Exception {
    server.failNext(1, 429);

    ApiClient.Reply reply = api.get("/api/auth-check");

    assertThat(reply.status()).isEqualTo(429);
    assertThat(reply.body()).isEqualTo("{\"detail\":\"Too Many Requests\"}");
  }

  @Test
  void failNextRejectsAStatusThatIsNotAnError() {
    assertThatThrownBy(() -> server.failNext(1, 200)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> server.failNext(-1, 500))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void armingAgainReplacesTheCount() throws Exception {
    server.failNext(5, 500);
    server.failNext(0, 500);

    assertThat(api.get("/api/auth-check").status()).isEqualTo(200);
  }

  @Test
  void aDroppedAnswerLeavesTheWriteCommitted() throws Exception {
    server.dropAnswersAfterCommit(1);

    assertThat(api.get("/api/auth-check").status()).as("reads are answered").isEqualTo(200);
    assertThatThrownBy(() -> api.post("/api/memories", "{\"content\":\"committed\"}"))
        .isInstanceOf(IOException.class);

    assertThat(server.serverMemories()).extracting(ServerMemory::content)
        .containsExactly("committed");
    assertThat(api.post("/api/memories", "{\"content\":\"next\"}").status()).isEqualTo(200);
  }

  @Test
  void droppedDeletesAndUpdatesAreCommittedToo() throws Exception {
    api.store("x");
    api.store("y");
    server.dropAnswersAfterCommit(2);

    assertThatThrownBy(() -> api.put("/api/memories/1", "{\"content\":\"x2\"}"))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> api.delete("/api/memories/2")).isInstanceOf(IOException.class);

    assertThat(server.serverMemories()).extracting(ServerMemory::content).containsExactly("x2");
  }

  @Test
  void aDelayedAnswerTimesTheClientOutAfterTheWriteWasPerformed() throws Exception {
    server.delayAnswers(Duration.ofSeconds(3), 1);

    assertThatThrownBy(
            () ->
                api.send(
                    api.request("/api/memories")
                        .timeout(Duration.ofMillis(300))
                        .POST(BodyPublishers.ofString("{\"content\":\"slow\"}"))))
        .isInstanceOf(HttpTimeoutException.class);

    assertThat(server.serverMemories()).extracting(ServerMemory::content).containsExactly("slow");
    assertThat(api.get("/api/auth-check").status()).as("only one answer delayed").isEqualTo(200);
  }

  @Test
  void aDelayedAnswerArrivesNoSoonerThanTheDelay() throws Exception {
    server.delayAnswers(Duration.ofMillis(300), 1);
    long start = System.nanoTime();

    ApiClient.Reply reply = api.get("/api/auth-check");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(
        Duration.ofMillis(300));
  }

  @Test
  void aResetConnectionPerformsNothingButIsRecorded() throws Exception {
    server.resetConnections(1);

    assertThatThrownBy(() -> api.post("/api/memories", "{\"content\":\"lost\"}"))
        .isInstanceOf(IOException.class);

    assertThat(server.allMemoriesIncludingDeleted()).isEmpty();
    assertThat(server.requests()).hasSize(1);
    assertThat(server.requests().get(0).path()).isEqualTo("/api/memories");
    assertThat(api.post("/api/memories", "{\"content\":\"kept\"}").status()).isEqualTo(200);
  }

  @Test
  void aDownServerRefusesConnectionsAndComesBackWithItsState() throws Exception {
    api.store("before the outage");
    int port = server.port();

    server.setDown(true);

    assertThat(server.isRunning()).isFalse();
    assertThatThrownBy(() -> api.get("/api/auth-check")).isInstanceOf(ConnectException.class);

    server.setDown(false);

    assertThat(server.port()).isEqualTo(port);
    assertThat(api.get("/api/memories/1").json().get("content").asText())
        .isEqualTo("before the outage");
  }

  @Test
  void aCrashAfterCommitKeepsTheWriteLosesTheAnswerAndRefusesUntilRestarted() throws Exception {
    server.crashAfterNextCommit();

    assertThat(api.get("/api/auth-check").status()).as("reads are answered").isEqualTo(200);
    assertThatThrownBy(() -> api.post("/api/memories", "{\"content\":\"committed\"}"))
        .isInstanceOf(IOException.class);

    assertThat(server.isRunning()).isFalse();
    assertThatThrownBy(() -> api.get("/health")).isInstanceOf(ConnectException.class);
    assertThat(server.serverMemories()).extracting(ServerMemory::content)
        .containsExactly("committed");

    server.start();

    assertThat(api.post("/api/memories", "{\"content\":\"next\"}").status())
        .as("one crash only").isEqualTo(200);
    assertThat(server.isRunning()).isTrue();
  }

  @Test
  void answer401DuringRefusesTheKeyForThatLongOnly() throws Exception {
    server.answer401During(Duration.ofSeconds(3));

    assertThat(api.get("/api/auth-check").status()).isEqualTo(401);
    assertThat(api.get("/api/auth-check").status()).as("not counted").isEqualTo(401);
    assertThat(api.withoutKey().get("/health").status()).as("public paths").isEqualTo(200);

    long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
    int status = 401;
    while (status == 401 && System.nanoTime() < deadline) {
      Thread.sleep(100);
      status = api.get("/api/auth-check").status();
    }
    assertThat(status).as("the key is accepted once the window ends").isEqualTo(200);
  }

  @Test
  void answer401DuringZeroEndsTheWindow() throws Exception {
    server.answer401During(Duration.ofMinutes(5));
    server.answer401During(Duration.ZERO);

    assertThat(api.get("/api/auth-check").status()).isEqualTo(200);
    assertThatThrownBy(() -> server.answer401During(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theServerDoesNotDeduplicateByIdempotencyKey() throws Exception {
    for (int i = 0; i < 2; i++) {
      ApiClient.Reply reply =
          api.send(
              api.request("/api/memories")
                  .header("Idempotency-Key", "op-42")
                  .POST(BodyPublishers.ofString("{\"content\":\"same\"}")));
      assertThat(reply.status()).isEqualTo(200);
    }

    assertThat(server.serverMemories()).extracting(ServerMemory::id).containsExactly(1L, 2L);
    assertThat(server.requests())
        .extracting(request -> request.idempotencyKey().orElse("none"))
        .containsExactly("op-42", "op-42");
  }

  @Test
  void requestsRecordMethodPathQueryHeadersAndBody() throws Exception {
    api.get("/api/memories/sync?since=2026-11-24T21%3A47%3A33.680389%2B00%3A00");
    api.send(
        api.request("/api/memories")
            .header("Idempotency-Key", "k1")
            .POST(BodyPublishers.ofString("{\"content\":\"recorded\"}")));

    RecordedRequest sync = server.requests().get(0);
    RecordedRequest store = server.requests().get(1);
    assertThat(sync.method()).isEqualTo("GET");
    assertThat(sync.path()).isEqualTo("/api/memories/sync");
    assertThat(sync.query()).isEqualTo("since=2026-11-24T21%3A47%3A33.680389%2B00%3A00");
    assertThat(sync.queryParameter("since")).contains("2026-11-24T21:47:33.680389+00:00");
    assertThat(sync.body()).isEmpty();
    assertThat(store.method()).isEqualTo("POST");
    assertThat(store.header("authorization")).contains("Bearer " + server.apiKey());
    assertThat(store.headers()).containsKey("idempotency-key");
    assertThat(store.body()).isEqualTo("{\"content\":\"recorded\"}");
    assertThat(store.toString()).isEqualTo("POST /api/memories").doesNotContain("recorded");

    server.clearRequests();

    assertThat(server.requests()).isEmpty();
  }
}
