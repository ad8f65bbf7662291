package dev.claudememory.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Get, update, delete and secret of one memory. */
@Timeout(10)
final class FakeMemoryApiServerMemoryTest {
  private final TestClock clock = new TestClock(Instant.parse("2026-11-24T21:47:33.680389Z"));
  private final FakeMemoryApiServer server =
      new FakeMemoryApiServer("key", clock, 0).start();
  private final ApiClient api = new ApiClient(server);

  @AfterEach
  void close() {
    server.close();
  }

  @Test
  void getAnswersTheFullMemoryWithOwnerAndLinks() throws Exception {
    api.store(
        ApiClient.object()
            .put("content", "use the staging database for load tests")
            .put("category", "runbook")
            .put("tags", "db,staging")
            .put("expanded_keywords", "postgres load perf test staging")
            .put("importance", 0.7));

    ApiClient.Reply reply = api.get("/api/memories/1");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body())
        .isEqualTo(
            "{\"id\":1,\"content\":\"use the staging database for load tests\","
                + "\"category\":\"runbook\",\"tags\":\"db,staging\","
                + "\"expanded_keywords\":\"postgres load perf test staging\","
                + "\"importance\":0.699999988079071,\"is_sensitive\":false,"
                + "\"created_at\":\"2026-11-24T21:47:33.680389+00:00\","
                + "\"updated_at\":\"2026-11-24T21:47:33.680389+00:00\",\"deleted_at\":null,"
                + "\"owner\":\"fake-user\",\"shared_by\":null,\"links_out\":[],\"links_in\":[]}");
  }

  @Test
  void getOfAnUnknownOrDeletedMemoryIs404() throws Exception {
    api.store("soon gone");
    api.delete("/api/memories/1");

    assertThat(api.get("/api/memories/1").status()).isEqualTo(404);
    ApiClient.Reply unknown = api.get("/api/memories/99");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).isEqualTo("{\"detail\":\"Memory not found\"}");
  }

  @Test
  void aPathIdThatIsNotAnIntegerIs422() throws Exception {
    ApiClient.Reply reply = api.get("/api/memories/abc");

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.json().at("/detail/0/type").asText()).isEqualTo("int_parsing");
    assertThat(reply.json().at("/detail/0/loc").toString())
        .isEqualTo("[\"path\",\"memory_id\"]");
  }

  @Test
  void updateChangesTheGivenFieldsAndBumpsUpdatedAt() throws Exception {
    api.store(ApiClient.object().put("content", "old").put("tags", "keep"));
    clock.advance(Duration.ofSeconds(5));

    ApiClient.Reply reply =
        api.put(
            "/api/memories/1",
            "{\"content\":\"new\",\"category\":\"bug\",\"importance\":0.9,"
                + "\"expanded_keywords\":\"a b c d e\"}");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).isEqualTo("{\"updated\":1}");
    ServerMemory memory = server.serverMemories().get(0);
    assertThat(memory.content()).isEqualTo("new");
    assertThat(memory.category()).isEqualTo("gotchas");
    assertThat(memory.importance()).isEqualTo((double) 0.9f);
    assertThat(memory.tags()).isEqualTo("keep");
    assertThat(memory.expandedKeywords()).isEqualTo("a b c d e");
    assertThat(memory.createdAt()).isEqualTo("2026-11-24T21:47:33.680389+00:00");
    assertThat(memory.updatedAt()).isEqualTo("2026-11-24T21:47:38.680389+00:00");
  }

  @Test
  void updateWithNoFieldsIs400() throws Exception {
    api.store("x");

    ApiClient.Reply empty = api.put("/api/memories/1", "{}");
    ApiClient.Reply onlyNulls = api.put("/api/memories/1", "{\"content\":null,\"tags\":null}");
    ApiClient.Reply onlyUnknown = api.put("/api/memories/1", "{\"force_sensitive\":true}");

    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.body()).isEqualTo("{\"detail\":\"No fields to update\"}");
    assertThat(onlyNulls.status()).isEqualTo(400);
    assertThat(onlyUnknown.status()).isEqualTo(400);
  }

  @Test
  void updateOfAnUnknownOrDeletedMemoryIs404() throws Exception {
    api.store("x");
    api.delete("/api/memories/1");

    assertThat(api.put("/api/memories/1", "{\"content\":\"y\"}").status()).isEqualTo(404);
    assertThat(api.put("/api/memories/2", "{\"content\":\"y\"}").status()).isEqualTo(404);
    assertThat(server.allMemoriesIncludingDeleted().get(0).content()).isEqualTo("x");
  }

  @Test
  void updateValidatesAsStoreDoes() throws Exception {
    api.store("x");

    ApiClient.Reply reply =
        api.put(
            "/api/memories/1",
            "{\"content\":\"" + "y".repeat(1_401) + "\",\"category\":\"nope\","
                + "\"tags\":\"" + "t".repeat(501) + "\",\"importance\":-1}");

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.json().get("detail").findValues("loc").toString())
        .isEqualTo(
            "[[\"body\",\"content\"], [\"body\",\"category\"], [\"body\",\"tags\"],"
                + " [\"body\",\"importance\"]]");
    assertThat(server.serverMemories().get(0).content()).isEqualTo("x");
  }

  @Test
  void deleteIsSoftAndAnswersAPreviewOf50Characters() throws Exception {
    String content = "\uD83C\uDF89".repeat(10) + "a".repeat(60);
    api.store(content);
    clock.advance(Duration.ofSeconds(1));

    ApiClient.Reply reply = api.delete("/api/memories/1");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("deleted").asLong()).isEqualTo(1);
    assertThat(reply.json().get("preview").asText())
        .isEqualTo("\uD83C\uDF89".repeat(10) + "a".repeat(40));
    assertThat(server.serverMemories()).isEmpty();
    ServerMemory deleted = server.allMemoriesIncludingDeleted().get(0);
    assertThat(deleted.deletedAt()).contains("2026-11-24T21:47:34.680389+00:00");
    assertThat(deleted.updatedAt()).isEqualTo(deleted.deletedAt().orElseThrow());
    assertThat(deleted.content()).isEqualTo(content);
  }

  @Test
  void deletingAgainOrAnUnknownIdAnswers200AlreadyDeleted() throws Exception {
    api.store("x");
    api.delete("/api/memories/1");
    String deletedAt = server.memory(1).orElseThrow().deletedAt().orElseThrow();

    ApiClient.Reply again = api.delete("/api/memories/1");
    ApiClient.Reply unknown = api.delete("/api/memories/42");

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body()).isEqualTo("{\"deleted\":1,\"preview\":\"[already deleted]\"}");
    assertThat(unknown.status()).isEqualTo(200);
    assertThat(unknown.body()).isEqualTo("{\"deleted\":42,\"preview\":\"[already deleted]\"}");
    assertThat(server.memory(1).orElseThrow().deletedAt()).contains(deletedAt);
  }

  @Test
  void secretAnswersPlainContentWithSourcePlaintext() throws Exception {
    api.store("the build cache lives on nfs");

    ApiClient.Reply reply = api.post("/api/memories/1/secret");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body())
        .isEqualTo(
            "{\"id\":1,\"content\":\"the build cache lives on nfs\",\"source\":\"plaintext\"}");
  }

  @Test
  void secretOfAnUnknownOrDeletedMemoryIs404() throws Exception {
    api.store("x");
    api.delete("/api/memories/1");

    assertThat(api.post("/api/memories/1/secret").status()).isEqualTo(404);
    assertThat(api.post("/api/memories/7/secret").status()).isEqualTo(404);
  }

  @Test
  void answersAreJsonInUtf8() throws Exception {
    api.store("café 東京 \uD83C\uDF89");

    ApiClient.Reply reply = api.get("/api/memories/1");

    assertThat(reply.contentType()).isEqualTo("application/json");
    JsonNode memory = reply.json();
    assertThat(memory.get("content").asText()).isEqualTo("café 東京 \uD83C\uDF89");
  }
}
