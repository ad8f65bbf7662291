package dev.claudememory.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
final class FakeMemoryApiServerSyncTest {
  private static final String PYTHON_SHAPE =
      "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}\\+00:00";

  private final TestClock clock = new TestClock(Instant.parse("2026-11-24T21:47:33.680389Z"));
  private final FakeMemoryApiServer server = new FakeMemoryApiServer("key", clock, 0).start();
  private final ApiClient api = new ApiClient(server);

  @AfterEach
  void close() {
    server.close();
  }

  @Test
  void withoutSinceEveryLiveMemoryComesInUpdatedAtOrder() throws Exception {
    api.store("first");
    clock.advance(Duration.ofSeconds(1));
    api.store("second");
    clock.advance(Duration.ofSeconds(1));
    api.store("third");
    clock.advance(Duration.ofSeconds(1));
    api.put("/api/memories/1", "{\"content\":\"first, edited last\"}");
    api.delete("/api/memories/2");

    JsonNode answer = sync("");

    assertThat(ids(answer)).containsExactly(3L, 1L);
    assertThat(answer.at("/memories/0/deleted_at").isNull()).isTrue();
    assertThat(answer.get("memories").get(0).fieldNames())
        .toIterable()
        .containsExactly(
            "id", "content", "category", "tags", "expanded_keywords", "importance",
            "is_sensitive", "created_at", "updated_at", "deleted_at");
  }

  @Test
  void sinceAnswersEveryLaterChangeIncludingSoftDeletes() throws Exception {
    api.store("old, untouched");
    api.store("will be deleted");
    api.store("will be edited");
    String cursor = sync("").get("server_time").asText();
    clock.advance(Duration.ofSeconds(1));
    api.delete("/api/memories/2");
    api.put("/api/memories/3", "{\"tags\":\"x\"}");
    api.store("new");

    JsonNode answer = sync(cursor);

    assertThat(ids(answer)).containsExactly(2L, 3L, 4L);
    assertThat(answer.at("/memories/0/deleted_at").asText()).matches(PYTHON_SHAPE);
    assertThat(answer.at("/memories/0/deleted_at").asText())
        .isEqualTo(answer.at("/memories/0/updated_at").asText());
    assertThat(answer.at("/memories/1/deleted_at").isNull()).isTrue();
  }

  @Test
  void sinceIsExclusive() throws Exception {
    api.store("a");
    String updatedAt = server.serverMemories().get(0).updatedAt();

    assertThat(ids(sync(updatedAt))).isEmpty();
    assertThat(ids(sync(minusOneMicro(updatedAt)))).containsExactly(1L);
  }

  @Test
  void pullingFromServerTimeAnswersOnlyWhatChangedAfterIt() throws Exception {
    // a clock standing still: stamps must still order writes and server times
    api.store("a");
    api.store("b");
    String cursor = sync("").get("server_time").asText();
    api.store("c");
    api.put("/api/memories/1", "{\"content\":\"a2\"}");

    JsonNode answer = sync(cursor);

    assertThat(ids(answer)).containsExactly(3L, 1L);
    assertThat(ids(sync(answer.get("server_time").asText()))).isEmpty();
  }

  @Test
  void timestampsHaveMicrosecondsAndAnOffsetAndStrictlyIncrease() throws Exception {
    for (int i = 0; i < 5; i++) {
      api.store("m" + i);
    }
    clock.set(Instant.parse("2026-11-24T21:00:00Z"));
    api.store("written after the clock went back");

    List<ServerMemory> memories = server.serverMemories();
    List<String> stamps = new ArrayList<>();
    memories.forEach(m -> stamps.add(m.updatedAt()));
    assertThat(stamps).allMatch(s -> s.matches(PYTHON_SHAPE));
    assertThat(stamps).isSortedAccordingTo(String::compareTo).doesNotHaveDuplicates();
    assertThat(sync("").get("server_time").asText()).matches(PYTHON_SHAPE);
  }

  @Test
  void serverTimeIsTakenBeforeTheQuery() throws Exception {
    api.store("before");
    // another machine's write lands while the server reads its clock for server_time
    clock.duringNextRead(() -> server.serverSideEdit(1, "written during the time reading"));

    JsonNode answer = sync("");

    assertThat(answer.at("/memories/0/content").asText())
        .as("the query ran after the time was read, so it sees the write")
        .isEqualTo("written during the time reading");
  }

  @Test
  void aWriteAfterAnAnsweredServerTimeIsStampedLater() throws Exception {
    String serverTime = sync("").get("server_time").asText();
    api.store("after");

    assertThat(server.serverMemories().get(0).updatedAt()).isGreaterThan(serverTime);
    assertThat(ids(sync(serverTime))).containsExactly(1L);
  }

  @Test
  void anUnparsableSinceIs500() throws Exception {
    ApiClient.Reply reply = api.get("/api/memories/sync?since=yesterday");

    assertThat(reply.status()).isEqualTo(500);
    assertThat(reply.body()).isEqualTo("Internal Server Error");
  }

  @Test
  void anUnencodedPlusInSinceBecomesASpaceAndIs500() throws Exception {
    api.store("a");

    ApiClient.Reply raw = api.get("/api/memories/sync?since=2026-11-24T21:47:33.680389+00:00");
    ApiClient.Reply encoded =
        api.get("/api/memories/sync?since=2026-11-24T21%3A47%3A33.680389%2B00%3A00");

    assertThat(raw.status()).isEqualTo(500);
    assertThat(encoded.status()).isEqualTo(200);
  }

  @Test
  void sinceWithZOrWithoutOffsetIsTakenAsUtc() throws Exception {
    api.store("a");

    assertThat(ids(sync("2026-11-24T21:47:33Z"))).containsExactly(1L);
    assertThat(ids(sync("2026-11-24T21:47:34"))).isEmpty();
  }

  @Test
  void changesFromAnotherMachineShowInTheNextPull() throws Exception {
    api.store("mine");
    api.store("also mine");
    String cursor = sync("").get("server_time").asText();

    ServerMemory theirs = server.serverSideStore("theirs", "infra");
    server.serverSideEdit(1, "mine, edited elsewhere");
    server.serverSideDelete(2);

    JsonNode answer = sync(cursor);
    assertThat(ids(answer)).containsExactly(3L, 1L, 2L);
    assertThat(theirs.category()).isEqualTo("infrastructure");
    assertThat(answer.at("/memories/1/content").asText()).isEqualTo("mine, edited elsewhere");
    assertThat(answer.at("/memories/2/deleted_at").isNull()).isFalse();
  }

  private JsonNode sync(String since) throws Exception {
    String query =
        since.isEmpty() ? "" : "?since=" + URLEncoder.encode(since, StandardCharsets.UTF_8);
    ApiClient.Reply reply = api.get("/api/memories/sync" + query);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  private static List<Long> ids(JsonNode answer) {
    List<Long> ids = new ArrayList<>();
    answer.get("memories").forEach(m -> ids.add(m.get("id").asLong()));
    return ids;
  }

  private static String minusOneMicro(String timestamp) {
    return OffsetDateTime.parse(timestamp).minusNanos(1_000).toString();
  }
}
