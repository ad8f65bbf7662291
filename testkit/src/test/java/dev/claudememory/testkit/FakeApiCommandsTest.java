package dev.claudememory.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command lines the fake takes on stdin when it runs as a process, driven directly. */
@Timeout(10)
final class FakeApiCommandsTest {
  private final FakeMemoryApiServer server = new FakeMemoryApiServer().start();
  private final FakeApiCommands commands = new FakeApiCommands(server);
  private final ApiClient api = new ApiClient(server);

  @AfterEach
  void close() {
    server.close();
  }

  @Test
  void downRefusesConnectionsAndUpServesTheSameMemoriesOnTheSamePort() throws Exception {
    api.store("kept through the outage");
    int port = server.port();

    assertThat(commands.run("down")).isEqualTo("ok");
    assertThatThrownBy(() -> api.get("/health")).isInstanceOf(ConnectException.class);
    assertThat(commands.run("down")).as("already down").isEqualTo("ok");

    assertThat(commands.run("up")).isEqualTo("ok");
    assertThat(server.port()).isEqualTo(port);
    assertThat(api.get("/api/memories/1").json().get("content").asText())
        .isEqualTo("kept through the outage");
  }

  @Test
  void theApiLosesItsDataByCommand() throws Exception {
    api.store("one");
    assertThat(commands.run("snapshot")).isEqualTo("1");
    api.store("two");

    assertThat(commands.run("restore 1")).isEqualTo("ok");
    assertThat(server.serverMemories()).extracting(ServerMemory::content).containsExactly("one");
    assertThat(commands.run("restore 2")).isEqualTo("error no snapshot 2; taken: 1");

    assertThat(commands.run("other-deployment 2")).isEqualTo("ok");
    assertThat(server.serverMemories()).extracting(ServerMemory::id, ServerMemory::content)
        .containsExactly(tuple(1L, "Memory 1 of another deployment"), tuple(2L, "Memory 2 of another deployment"));

    assertThat(commands.run("restart-empty")).isEqualTo("ok");
    assertThat(server.allMemoriesIncludingDeleted()).isEmpty();
    assertThat(api.store("first again").get("id").asLong()).isEqualTo(1);
  }

  @Test
  void failNextAnswersTheGivenStatus() throws Exception {
    assertThat(commands.run("fail-next 2 503")).isEqualTo("ok");

    assertThat(api.get("/api/auth-check").status()).isEqualTo(503);
    assertThat(api.get("/api/auth-check").status()).isEqualTo(503);
    assertThat(api.get("/api/auth-check").status()).isEqualTo(200);
  }

  @Test
  void dropAnswersCommitsAndLosesTheAnswer() throws Exception {
    assertThat(commands.run("drop-answers 1")).isEqualTo("ok");

    assertThatThrownBy(() -> api.store("committed")).isInstanceOf(IOException.class);

    assertThat(server.serverMemories()).extracting(ServerMemory::content)
        .containsExactly("committed");
  }

  @Test
  void resetConnectionsPerformsNothing() throws Exception {
    assertThat(commands.run("reset-connections 1")).isEqualTo("ok");

    assertThatThrownBy(() -> api.store("never stored")).isInstanceOf(IOException.class);

    assertThat(server.allMemoriesIncludingDeleted()).isEmpty();
  }

  @Test
  void crashAfterCommitCommitsThenGoesDownUntilUp() throws Exception {
    assertThat(commands.run("crash-after-commit")).isEqualTo("ok");

    assertThatThrownBy(() -> api.store("committed")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> api.get("/health")).isInstanceOf(ConnectException.class);

    assertThat(commands.run("up")).isEqualTo("ok");
    assertThat(commands.run("memories")).contains("\"content\":\"committed\"");
  }

  @Test
  void delayWithACountDelaysThatManyAnswers() throws Exception {
    assertThat(commands.run("delay 3000 1")).isEqualTo("ok");

    assertThatThrownBy(() -> api.send(api.request("/api/auth-check").timeout(Duration.ofMillis(300)).GET()))
        .isInstanceOf(HttpTimeoutException.class);

    assertThat(api.get("/api/auth-check").status()).isEqualTo(200);
  }

  @Test
  void delayWithoutACountDelaysEveryAnswerUntilDelayZero() throws Exception {
    assertThat(commands.run("delay 3000")).isEqualTo("ok");

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(
              () -> api.send(api.request("/health").timeout(Duration.ofMillis(300)).GET()))
          .isInstanceOf(HttpTimeoutException.class);
    }
    assertThat(commands.run("delay 0")).isEqualTo("ok");

    assertThat(api.get("/health").status()).isEqualTo(200);
  }

  @Test
  void unauthorizedRefusesTheKeyUntilZeroEndsIt() throws Exception {
    assertThat(commands.run("unauthorized 60")).isEqualTo("ok");

    assertThat(api.get("/api/auth-check").status()).isEqualTo(401);
    assertThat(api.get("/api/auth-check").status()).isEqualTo(401);

    assertThat(commands.run("unauthorized 0")).isEqualTo("ok");
    assertThat(api.get("/api/auth-check").status()).isEqualTo(200);
  }

  @Test
  void createdCountsEveryMemoryEverCreatedDeletedAndImportedOnesIncluded() throws Exception {
    api.store("kept");
    api.delete("/api/memories/" + api.store("deleted").get("id").asLong());
    api.post("/api/memories/import", "[{\"content\":\"imported one\"},{\"content\":\"imported two\"}]");

    assertThat(commands.run("created")).isEqualTo("4");
  }

  @Test
  void memoriesListsTheLiveOnesOnOneLine() throws Exception {
    api.store("first line\nsecond line");
    long deleted = api.store("deleted").get("id").asLong();
    api.delete("/api/memories/" + deleted);

    String answer = commands.run("memories");

    assertThat(answer).doesNotContain("\n");
    JsonNode memories = ApiClient.JSON.readTree(answer);
    assertThat(memories).hasSize(1);
    assertThat(memories.get(0).get("id").asLong()).isEqualTo(1);
    assertThat(memories.get(0).get("content").asText()).isEqualTo("first line\nsecond line");
    assertThat(memories.get(0).get("category").asText()).isEqualTo("facts");
    assertThat(memories.get(0).has("tags")).isTrue();
    assertThat(memories.get(0).has("importance")).isTrue();
  }

  @Test
  void requestsCountsByMethodAndPathWithoutTheQuery() throws Exception {
    api.store("a");
    api.store("b");
    api.get("/api/memories/sync?since=2026-01-01T00%3A00%3A00%2B00%3A00");
    api.send(api.request("/api/memories/1").PUT(BodyPublishers.ofString("{\"content\":\"c\"}")));

    assertThat(commands.run("requests"))
        .isEqualTo(
            "{\"GET /api/memories/sync\":1,\"POST /api/memories\":2,\"PUT /api/memories/1\":1}");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "explode",
        "down now",
        "fail-next 1",
        "fail-next 1 200",
        "fail-next one 503",
        "drop-answers -1",
        "delay",
        "delay 1 2 3",
        "delay -5",
        "unauthorized soon",
        "memories all"
      })
  void aBadCommandAnswersAnErrorAndChangesNothing(String line) throws Exception {
    String answer = commands.run(line);

    assertThat(answer).startsWith("error ").doesNotContain("\n");
    assertThat(server.isRunning()).isTrue();
    assertThat(api.get("/api/auth-check").status()).isEqualTo(200);
    assertThat(api.store("still served").get("id").asLong()).isEqualTo(1);
  }

  @Test
  void quitIsRecognisedWithSurroundingBlanks() {
    assertThat(FakeApiCommands.isQuit("  quit ")).isTrue();
    assertThat(FakeApiCommands.isQuit("quitting")).isFalse();
  }
}
