package dev.claudememory.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The API losing its data: recreated empty, restored from an older backup, another deployment. */
@Timeout(10)
final class FakeMemoryApiServerDataLossTest {
  private static final String EPOCH = "1970-01-01T00:00:00+00:00";

  private final TestClock clock = new TestClock(Instant.parse("2026-11-24T21:47:33.680389Z"));
  private final FakeMemoryApiServer server = new FakeMemoryApiServer("key", clock, 0).start();
  private final ApiClient api = new ApiClient(server);

  @AfterEach
  void close() {
    server.close();
  }

  @Test
  void restartingEmptyForgetsEveryMemoryAndTombstoneAndHandsOutIdsFromOneAgain() throws Exception {
    api.store("first");
    api.store("second");
    api.store("third");
    api.delete("/api/memories/2");
    int port = server.port();

    server.restartEmpty();

    assertThat(server.isRunning()).isTrue();
    assertThat(server.port()).isEqualTo(port);
    assertThat(server.allMemoriesIncludingDeleted()).isEmpty();
    assertThat(ids(sync(Optional.empty()))).isEmpty();
    assertThat(ids(sync(Optional.of(EPOCH)))).as("no tombstone either").isEmpty();
    assertThat(api.get("/api/memories/1").status()).isEqualTo(404);
    assertThat(api.store("after the restart").get("id").asLong()).isEqualTo(1);
    assertThat(server.memory(1).orElseThrow().content()).isEqualTo("after the restart");
  }

  @Test
  void aStoppedServerRestartedEmptyStaysStopped() {
    server.stop();

    server.restartEmpty();

    assertThat(server.isRunning()).isFalse();
  }

  @Test
  void restoringASnapshotBringsBackItsMemoriesItsTombstonesAndItsIdSequence() throws Exception {
    api.store("kept as it was");
    api.store("edited after the snapshot");
    api.store("deleted after the snapshot");
    api.store("deleted before the snapshot");
    api.delete("/api/memories/4");
    clock.advance(Duration.ofSeconds(1));
    ServerSnapshot snapshot = server.snapshot();
    clock.advance(Duration.ofSeconds(1));
    api.put("/api/memories/2", "{\"content\":\"the edit the backup lacks\"}");
    api.delete("/api/memories/3");
    api.store("created after the snapshot");

    server.restore(snapshot);

    assertThat(server.serverMemories())
        .extracting(ServerMemory::id, ServerMemory::content)
        .containsExactly(
            tuple(1L, "kept as it was"),
            tuple(2L, "edited after the snapshot"),
            tuple(3L, "deleted after the snapshot"));
    assertThat(server.memory(4).orElseThrow().isDeleted()).as("its tombstone is back").isTrue();
    assertThat(server.memory(5)).as("created after it: gone").isEmpty();
    assertThat(snapshot.lastId()).isEqualTo(4);
    assertThat(api.store("given a used id again").get("id").asLong()).isEqualTo(5);
    assertThat(server.memory(5).orElseThrow().content()).isEqualTo("given a used id again");
  }

  @Test
  void aSnapshotKeepsWhatTheServerHeldWhenItWasTaken() throws Exception {
    api.store("one");
    api.store("two");
    ServerSnapshot snapshot = server.snapshot();

    api.put("/api/memories/1", "{\"content\":\"one, edited\"}");
    api.delete("/api/memories/2");
    api.store("three");

    assertThat(snapshot.memories())
        .extracting(ServerMemory::content, ServerMemory::isDeleted)
        .containsExactly(
            tuple("one", false),
            tuple("two", false));
    assertThat(snapshot.lastId()).isEqualTo(2);
  }

  @Test
  void afterARestoreThePullsFollowTheSyncContract() throws Exception {
    api.store("live in the backup");
    api.store("a tombstone in the backup");
    api.delete("/api/memories/2");
    clock.advance(Duration.ofSeconds(1));
    ServerSnapshot snapshot = server.snapshot();
    clock.advance(Duration.ofSeconds(1));
    api.delete("/api/memories/1");
    String cursorAfterTheSnapshot = sync(Optional.empty()).get("server_time").asText();
    clock.advance(Duration.ofSeconds(1));

    server.restore(snapshot);
    api.store("written after the restore");

    assertThat(ids(sync(Optional.empty()))).as("every live memory").containsExactly(1L, 3L);
    JsonNode everything = sync(Optional.of(EPOCH));
    assertThat(ids(everything)).as("since the epoch: tombstones too, by updated_at")
        .containsExactly(1L, 2L, 3L);
    assertThat(everything.at("/memories/0/deleted_at").isNull()).as("deleted after the backup: live").isTrue();
    assertThat(everything.at("/memories/1/deleted_at").isNull()).isFalse();
    assertThat(ids(sync(Optional.of(cursorAfterTheSnapshot))))
        .as("restored rows keep their old updated_at: a later cursor sees only newer writes")
        .containsExactly(3L);
  }

  @Test
  void aSnapshotOfAnotherServerIsRefused() {
    try (FakeMemoryApiServer other = new FakeMemoryApiServer()) {
      ServerSnapshot foreign = other.snapshot();

      assertThatThrownBy(() -> server.restore(foreign))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("another server");
    }
  }

  @Test
  void anotherDeploymentHoldsOnlyItsOwnMemoriesUnderIdsThatOverlapOurs() throws Exception {
    api.store("ours one");
    api.store("ours two");
    api.store("ours three");
    api.delete("/api/memories/3");
    String cursorBeforeTheSwitch = sync(Optional.empty()).get("server_time").asText();
    clock.advance(Duration.ofSeconds(1));

    List<ServerMemory> seeded =
        server.switchToOtherDeployment(List.of("theirs one", "theirs two, db password=hunter2x"));
    api.store("ours, stored there");

    assertThat(seeded).extracting(ServerMemory::id).containsExactly(1L, 2L);
    assertThat(seeded.get(1).isRedacted()).as("redacted as the API redacts").isTrue();
    assertThat(api.get("/api/memories/1").json().get("content").asText()).isEqualTo("theirs one");
    assertThat(server.memory(3).orElseThrow().content())
        .as("the sequence continues after their memories")
        .isEqualTo("ours, stored there");
    assertThat(ids(sync(Optional.of(EPOCH)))).as("none of our tombstones").containsExactly(1L, 2L, 3L);
    assertThat(ids(sync(Optional.empty()))).containsExactly(1L, 2L, 3L);
    assertThat(ids(sync(Optional.of(cursorBeforeTheSwitch))))
        .as("their memories were written before our cursor")
        .containsExactly(3L);
  }

  private JsonNode sync(Optional<String> since) throws Exception {
    String query =
        since.map(s -> "?since=" + URLEncoder.encode(s, StandardCharsets.UTF_8)).orElse("");
    ApiClient.Reply reply = api.get("/api/memories/sync" + query);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  private static List<Long> ids(JsonNode answer) {
    List<Long> ids = new ArrayList<>();
    answer.get("memories").forEach(m -> ids.add(m.get("id").asLong()));
    return ids;
  }
}
