package dev.claudememory.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Recall and list. */
@Timeout(10)
final class FakeMemoryApiServerSearchTest {
  private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final FakeMemoryApiServer server = new FakeMemoryApiServer("key", clock, 0).start();
  private final ApiClient api = new ApiClient(server);

  @AfterEach
  void close() {
    server.close();
  }

  @Test
  void recallFindsMemoriesHoldingAnyQueryWord() throws Exception {
    store("the kestrel hovers over the field", "birds", 0.5);
    store("marmalade on toast", "food", 0.5);
    store("nothing relevant", "", 0.5);
    api.store(
        ApiClient.object().put("content", "x").put("expanded_keywords", "raptor kestrel falcon"));

    JsonNode answer = recall("{\"context\":\"Kestrel\",\"expanded_query\":\"toast\"}");

    assertThat(ids(answer)).containsExactlyInAnyOrder(1L, 2L, 4L);
    JsonNode first = answer.at("/memories/0");
    assertThat(first.fieldNames())
        .toIterable()
        .containsExactly(
            "id", "content", "category", "tags", "importance", "is_sensitive", "rank", "owner",
            "created_at", "updated_at", "shared_by", "links");
  }

  @Test
  void recallSortsByRelevanceImportanceOrRecency() throws Exception {
    store("alpha beta", "", 0.1);
    clock.advance(Duration.ofSeconds(1));
    store("alpha", "", 0.9);
    clock.advance(Duration.ofSeconds(1));
    store("alpha", "", 0.2);

    assertThat(ids(recall("{\"context\":\"alpha beta\"}"))).containsExactly(1L, 2L, 3L);
    assertThat(ids(recall("{\"context\":\"alpha beta\",\"sort_by\":\"importance\"}")))
        .containsExactly(2L, 1L, 3L);
    assertThat(ids(recall("{\"context\":\"alpha beta\",\"sort_by\":\"recency\"}")))
        .containsExactly(3L, 2L, 1L);
  }

  @Test
  void recallKeepsToTheLimitAndTheCategory() throws Exception {
    for (int i = 0; i < 5; i++) {
      api.store(ApiClient.object().put("content", "word " + i).put("category", "facts"));
    }
    api.store(ApiClient.object().put("content", "word in a gotcha").put("category", "gotchas"));

    assertThat(ids(recall("{\"context\":\"word\",\"limit\":2}"))).hasSize(2);
    assertThat(ids(recall("{\"context\":\"word\",\"category\":\"gotcha\"}")))
        .containsExactly(6L);
    assertThat(ids(recall("{\"context\":\"word\"}"))).hasSize(6);
  }

  @Test
  void recallSkipsDeletedMemories() throws Exception {
    store("findme", "", 0.5);
    api.delete("/api/memories/1");

    assertThat(ids(recall("{\"context\":\"findme\"}"))).isEmpty();
  }

  @Test
  void recallValidatesLimitSortAndContext() throws Exception {
    assertThat(api.post("/api/memories/recall", "{\"context\":\"x\",\"limit\":0}").status())
        .isEqualTo(422);
    assertThat(api.post("/api/memories/recall", "{\"context\":\"x\",\"limit\":10001}").status())
        .isEqualTo(422);
    assertThat(api.post("/api/memories/recall", "{\"context\":\"x\",\"limit\":10000}").status())
        .isEqualTo(200);
    ApiClient.Reply badSort =
        api.post("/api/memories/recall", "{\"context\":\"x\",\"sort_by\":\"random\"}");
    assertThat(badSort.status()).isEqualTo(422);
    assertThat(badSort.json().at("/detail/0/loc/1").asText()).isEqualTo("sort_by");
    ApiClient.Reply noContext = api.post("/api/memories/recall", "{}");
    assertThat(noContext.json().at("/detail/0/type").asText()).isEqualTo("missing");
  }

  @Test
  void recallDefaultsToThirtyResults() throws Exception {
    for (int i = 0; i < 35; i++) {
      store("common " + i, "", 0.5);
    }

    assertThat(ids(recall("{\"context\":\"common\"}"))).hasSize(30);
  }

  @Test
  void listPutsImportanceFirstAndCountsTheTotal() throws Exception {
    store("low", "", 0.1);
    store("high", "", 0.9);
    store("middle", "", 0.5);
    api.delete("/api/memories/3");

    JsonNode answer = api.get("/api/memories").json();

    assertThat(ids(answer)).containsExactly(2L, 1L);
    assertThat(answer.get("total").asInt()).isEqualTo(2);
  }

  @Test
  void listFiltersByCategoryAndTagAndPages() throws Exception {
    storeIn("a", "runbook", "ops,db");
    storeIn("b", "runbook", "db");
    storeIn("c", "facts", "db");
    storeIn("d", "runbook", "dbx");

    assertThat(ids(api.get("/api/memories?category=runbook&tag=db").json()))
        .containsExactlyInAnyOrder(1L, 2L);
    JsonNode page = api.get("/api/memories?tag=db&limit=1&offset=1").json();
    assertThat(ids(page)).hasSize(1);
    assertThat(page.get("total").asInt()).isEqualTo(3);
  }

  @Test
  void listValidatesItsQuery() throws Exception {
    ApiClient.Reply reply = api.get("/api/memories?limit=many&offset=-1");

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.json().get("detail").findValues("loc").toString())
        .isEqualTo("[[\"query\",\"limit\"], [\"query\",\"offset\"]]");
  }

  private void store(String content, String tags, double importance) throws Exception {
    api.store(
        ApiClient.object().put("content", content).put("tags", tags).put("importance", importance));
  }

  private void storeIn(String content, String category, String tags) throws Exception {
    api.store(
        ApiClient.object().put("content", content).put("category", category).put("tags", tags));
  }

  private JsonNode recall(String body) throws Exception {
    ApiClient.Reply reply = api.post("/api/memories/recall", body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  private static List<Long> ids(JsonNode answer) {
    List<Long> ids = new ArrayList<>();
    answer.get("memories").forEach(m -> ids.add(m.get("id").asLong()));
    return ids;
  }
}
