package dev.claudememory.http;

import static dev.claudememory.http.ApiTestSupport.FIELDS;
import static dev.claudememory.http.ApiTestSupport.KEY;
import static dev.claudememory.http.ApiTestSupport.KEY_TEXT;
import static dev.claudememory.http.ApiTestSupport.TIMEOUTS;
import static dev.claudememory.http.ApiTestSupport.api;
import static dev.claudememory.http.ApiTestSupport.json;
import static dev.claudememory.http.ApiTestSupport.jsonBody;
import static dev.claudememory.http.ApiTestSupport.taken;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudememory.core.memory.Importance;
import dev.claudememory.core.memory.MemoryPatch;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.recall.SortBy;
import dev.claudememory.core.remote.ChangeSet;
import dev.claudememory.core.remote.CreatedMemory;
import dev.claudememory.core.remote.MemoryFields;
import dev.claudememory.core.remote.RemoteMemory;
import dev.claudememory.core.remote.RemoteRecall;
import dev.claudememory.core.remote.RemoteResult;
import dev.claudememory.core.remote.RemoteSecret;
import dev.claudememory.core.sync.IdempotencyKey;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What each call puts on the wire and how each answer is read (SPEC §6). */
@Timeout(15)
class HttpRemoteMemoryApiWireTest {
  private static final IdempotencyKey OP_KEY = new IdempotencyKey("op-7f1c2a");
  private static final String BEARER = "Bearer " + KEY_TEXT;

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
  void createPostsEveryStoreFieldWithBearerAndTheOpsIdempotencyKey() throws Exception {
    server.enqueue(
        json(200, "{\"id\":101,\"category\":\"gotchas\",\"importance\":0.800000011920929}"));

    api.create(FIELDS, OP_KEY);

    RecordedRequest request = taken(server);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/memories");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo(BEARER);
    assertThat(request.getHeaders().get("Idempotency-Key")).isEqualTo("op-7f1c2a");
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
    JsonNode body = jsonBody(request);
    assertThat(fieldNames(body))
        .containsExactlyInAnyOrder(
            "content", "category", "tags", "expanded_keywords", "importance", "force_sensitive");
    assertThat(body.get("content").asText()).isEqualTo("Use uv, not pip, in this repo");
    assertThat(body.get("category").asText()).isEqualTo("gotcha");
    assertThat(body.get("tags").asText()).isEqualTo("python,tooling");
    assertThat(body.get("expanded_keywords").asText()).isEqualTo("uv pip venv install lock");
    assertThat(body.get("importance").isNumber()).isTrue();
    assertThat(body.get("importance").asDouble()).isEqualTo(0.8);
    assertThat(body.get("force_sensitive").isBoolean()).isTrue();
    assertThat(body.get("force_sensitive").asBoolean()).isFalse();
  }

  @Test
  void createSendsForceSensitiveWhenTheMemoryIsSensitive() throws Exception {
    server.enqueue(json(200, "{\"id\":102,\"category\":\"facts\",\"importance\":0.5}"));

    api.create(new MemoryFields("db password is hunter2", "facts", "", "", 0.5, true), OP_KEY);

    assertThat(jsonBody(taken(server)).get("force_sensitive").asBoolean()).isTrue();
  }

  @Test
  void createAnswersTheServersIdCanonicalCategoryAndStoredImportance() {
    server.enqueue(
        json(200, "{\"id\":101,\"category\":\"gotchas\",\"importance\":0.800000011920929}"));

    RemoteResult<CreatedMemory> result = api.create(FIELDS, OP_KEY);

    assertThat(result)
        .isEqualTo(
            RemoteResult.ok(new CreatedMemory(new ServerId(101), "gotchas", 0.800000011920929)));
  }

  @Test
  void updatePutsTheEditableFieldsToTheMemorysPath() throws Exception {
    server.enqueue(json(200, "{\"updated\":42}"));

    RemoteResult<ServerId> result = api.update(new ServerId(42), FIELDS, OP_KEY);

    assertThat(result).isEqualTo(RemoteResult.ok(new ServerId(42)));
    RecordedRequest request = taken(server);
    assertThat(request.getMethod()).isEqualTo("PUT");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/memories/42");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo(BEARER);
    assertThat(request.getHeaders().get("Idempotency-Key")).isEqualTo("op-7f1c2a");
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
    JsonNode body = jsonBody(request);
    assertThat(fieldNames(body))
        .containsExactlyInAnyOrder(
            "content", "category", "tags", "expanded_keywords", "importance");
    assertThat(body.get("content").asText()).isEqualTo("Use uv, not pip, in this repo");
    assertThat(body.get("category").asText()).isEqualTo("gotcha");
    assertThat(body.get("tags").asText()).isEqualTo("python,tooling");
    assertThat(body.get("expanded_keywords").asText()).isEqualTo("uv pip venv install lock");
    assertThat(body.get("importance").asDouble()).isEqualTo(0.8);
  }

  @Test
  void patchPutsOnlyTheChangedFieldsSoTheServerKeepsTheOthers() throws Exception {
    server.enqueue(json(200, "{\"updated\":42}"));
    MemoryPatch patch =
        new MemoryPatch(
            Optional.empty(),
            Optional.empty(),
            Optional.of("python,tooling"),
            Optional.of(new Importance(0.25)),
            Optional.empty());

    RemoteResult<ServerId> result = api.patch(new ServerId(42), patch, OP_KEY);

    assertThat(result).isEqualTo(RemoteResult.ok(new ServerId(42)));
    RecordedRequest request = taken(server);
    assertThat(request.getMethod()).isEqualTo("PUT");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/memories/42");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo(BEARER);
    assertThat(request.getHeaders().get("Idempotency-Key")).isEqualTo("op-7f1c2a");
    JsonNode body = jsonBody(request);
    assertThat(fieldNames(body)).containsExactlyInAnyOrder("tags", "importance");
    assertThat(body.get("tags").asText()).isEqualTo("python,tooling");
    assertThat(body.get("importance").asDouble()).isEqualTo(0.25);
  }

  @Test
  void deleteSendsDeleteWithTheOpsIdempotencyKeyAndNoBody() throws Exception {
    server.enqueue(json(200, "{\"deleted\":42,\"preview\":\"Use uv, not pip, in this repo\"}"));

    RemoteResult<ServerId> result = api.delete(new ServerId(42), OP_KEY);

    assertThat(result).isEqualTo(RemoteResult.ok(new ServerId(42)));
    RecordedRequest request = taken(server);
    assertThat(request.getMethod()).isEqualTo("DELETE");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/memories/42");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo(BEARER);
    assertThat(request.getHeaders().get("Idempotency-Key")).isEqualTo("op-7f1c2a");
    assertThat(request.getBodySize()).isZero();
  }

  @Test
  void changesSinceEncodesThePlusAndColonsOfTheCursor() throws Exception {
    server.enqueue(
        json(200, "{\"memories\":[],\"server_time\":\"2026-11-24T21:48:00.000001+00:00\"}"));

    api.changesSince(Optional.of("2026-11-24T21:47:33.680389+00:00"));

    RecordedRequest request = taken(server);
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/memories/sync");
    // The raw request line: a bare '+' would reach the server as a space.
    assertThat(request.getTarget())
        .isEqualTo("/api/memories/sync?since=2026-11-24T21%3A47%3A33.680389%2B00%3A00");
    assertThat(request.getUrl().queryParameter("since"))
        .isEqualTo("2026-11-24T21:47:33.680389+00:00");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo(BEARER);
    assertThat(request.getHeaders().get("Idempotency-Key")).isNull();
  }

  @Test
  void changesSinceWithoutCursorAsksForEverythingWithoutAQuery() throws Exception {
    server.enqueue(
        json(200, "{\"memories\":[],\"server_time\":\"2026-11-24T21:48:00.000001+00:00\"}"));

    RemoteResult<ChangeSet> result = api.changesSince(Optional.empty());

    assertThat(taken(server).getTarget()).isEqualTo("/api/memories/sync");
    assertThat(result)
        .isEqualTo(RemoteResult.ok(new ChangeSet(List.of(), "2026-11-24T21:48:00.000001+00:00")));
  }

  @Test
  void syncAnswerKeepsFloat4ImportanceServerTimestampTextAndSoftDeletes() {
    server.enqueue(
        json(
            200,
            """
            {"memories": [
              {"id": 41, "content": "Use uv", "category": "preferences", "tags": "python",
               "expanded_keywords": "uv pip", "importance": 0.800000011920929, "is_sensitive": false,
               "created_at": "2026-11-24T21:47:33.680389+00:00",
               "updated_at": "2026-11-24T21:47:34.000001+00:00", "deleted_at": null,
               "owner": "alice", "user_id": 7},
              {"id": 42, "content": "old", "category": "facts", "tags": null,
               "expanded_keywords": null, "importance": 0.5, "is_sensitive": true,
               "created_at": "2026-11-20T08:00:00+00:00",
               "updated_at": "2026-11-24T21:50:00.123456+00:00",
               "deleted_at": "2026-11-24T21:50:00.123456+00:00"},
              {"id": 43, "content": "bare", "category": "a-custom-one", "importance": 0.3,
               "is_sensitive": false, "created_at": "2026-11-24T21:51:00+00:00",
               "updated_at": "2026-11-24T21:51:00+00:00"}
             ],
             "server_time": "2026-11-24T21:52:00.654321+00:00"}
            """));

    RemoteResult<ChangeSet> result = api.changesSince(Optional.of("2026-11-24T21:00:00+00:00"));

    assertThat(result).isInstanceOf(RemoteResult.Ok.class);
    ChangeSet changes = ((RemoteResult.Ok<ChangeSet>) result).value();
    assertThat(changes.serverTime()).isEqualTo("2026-11-24T21:52:00.654321+00:00");
    assertThat(changes.memories())
        .containsExactly(
            new RemoteMemory(
                new ServerId(41),
                "Use uv",
                "preferences",
                "python",
                "uv pip",
                0.800000011920929,
                false,
                "2026-11-24T21:47:33.680389+00:00",
                "2026-11-24T21:47:34.000001+00:00",
                Optional.empty()),
            new RemoteMemory(
                new ServerId(42),
                "old",
                "facts",
                "",
                "",
                0.5,
                true,
                "2026-11-20T08:00:00+00:00",
                "2026-11-24T21:50:00.123456+00:00",
                Optional.of("2026-11-24T21:50:00.123456+00:00")),
            new RemoteMemory(
                new ServerId(43),
                "bare",
                "a-custom-one",
                "",
                "",
                0.3,
                false,
                "2026-11-24T21:51:00+00:00",
                "2026-11-24T21:51:00+00:00",
                Optional.empty()));
    assertThat(changes.memories().get(1).isDeleted()).isTrue();
  }

  @Test
  void checkAuthGetsAuthCheckWithoutIdempotencyKeyAndAnswersTheUserId() throws Exception {
    server.enqueue(json(200, "{\"status\":\"ok\",\"user_id\":7}"));

    RemoteResult<String> result = api.checkAuth();

    assertThat(result).isEqualTo(RemoteResult.ok("7"));
    RecordedRequest request = taken(server);
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo("/api/auth-check");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo(BEARER);
    assertThat(request.getHeaders().get("Idempotency-Key")).isNull();
  }

  @Test
  void getReadsTheFullMemoryIgnoringOwnerAndLinks() throws Exception {
    server.enqueue(
        json(
            200,
            """
            {"id": 42, "content": "Use uv", "category": "preferences", "tags": "python",
             "expanded_keywords": "uv", "importance": 0.699999988079071, "is_sensitive": false,
             "created_at": "2026-11-24T21:47:33.680389+00:00",
             "updated_at": "2026-11-24T21:47:33.680389+00:00", "owner": "alice",
             "shared_by": null, "links_out": [{"id": 3}], "links_in": []}
            """));

    RemoteResult<RemoteMemory> result = api.get(new ServerId(42));

    assertThat(result)
        .isEqualTo(
            RemoteResult.ok(
                new RemoteMemory(
                    new ServerId(42),
                    "Use uv",
                    "preferences",
                    "python",
                    "uv",
                    0.699999988079071,
                    false,
                    "2026-11-24T21:47:33.680389+00:00",
                    "2026-11-24T21:47:33.680389+00:00",
                    Optional.empty())));
    RecordedRequest request = taken(server);
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo("/api/memories/42");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo(BEARER);
    assertThat(request.getHeaders().get("Idempotency-Key")).isNull();
  }

  @Test
  void recallPostsTheQueryWithoutIdempotencyKeyAndReadsRankedMemories() throws Exception {
    server.enqueue(
        json(
            200,
            """
            {"memories": [
              {"id": 9, "content": "[SENSITIVE - use secret_get(id=9)]", "category": "infrastructure",
               "tags": "db", "importance": 0.9, "is_sensitive": true, "rank": 0.61, "owner": "bob",
               "created_at": "2026-11-01T10:00:00+00:00", "updated_at": "2026-11-02T10:00:00+00:00",
               "shared_by": "bob", "links": []}
            ]}
            """));

    RemoteResult<List<RemoteMemory>> result =
        api.recall(
            new RemoteRecall(
                "database password",
                "db postgres credentials",
                Optional.of("infrastructure"),
                SortBy.IMPORTANCE,
                5));

    assertThat(result)
        .isEqualTo(
            RemoteResult.ok(
                List.of(
                    new RemoteMemory(
                        new ServerId(9),
                        "[SENSITIVE - use secret_get(id=9)]",
                        "infrastructure",
                        "db",
                        "",
                        0.9,
                        true,
                        "2026-11-01T10:00:00+00:00",
                        "2026-11-02T10:00:00+00:00",
                        Optional.empty()))));
    RecordedRequest request = taken(server);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/api/memories/recall");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo(BEARER);
    assertThat(request.getHeaders().get("Idempotency-Key")).isNull();
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
    JsonNode body = jsonBody(request);
    assertThat(fieldNames(body))
        .containsExactlyInAnyOrder("context", "expanded_query", "category", "sort_by", "limit");
    assertThat(body.get("context").asText()).isEqualTo("database password");
    assertThat(body.get("expanded_query").asText()).isEqualTo("db postgres credentials");
    assertThat(body.get("category").asText()).isEqualTo("infrastructure");
    assertThat(body.get("sort_by").asText()).isEqualTo("importance");
    assertThat(body.get("limit").asInt()).isEqualTo(5);
  }

  @Test
  void recallWithoutCategoryLeavesTheFieldOut() throws Exception {
    server.enqueue(json(200, "{\"memories\":[]}"));

    api.recall(new RemoteRecall("uv", "uv pip", Optional.empty(), SortBy.RELEVANCE, 30));

    JsonNode body = jsonBody(taken(server));
    assertThat(fieldNames(body)).doesNotContain("category");
    assertThat(body.get("sort_by").asText()).isEqualTo("relevance");
  }

  @Test
  void listGetsMemoriesWithCategoryAndLimit() throws Exception {
    server.enqueue(json(200, "{\"memories\":[],\"total\":0}"));

    RemoteResult<List<RemoteMemory>> result = api.list(Optional.of("post-mortems"), 25);

    assertThat(result).isEqualTo(RemoteResult.ok(List.of()));
    RecordedRequest request = taken(server);
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/memories");
    assertThat(request.getUrl().queryParameter("category")).isEqualTo("post-mortems");
    assertThat(request.getUrl().queryParameter("limit")).isEqualTo("25");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo(BEARER);
    assertThat(request.getHeaders().get("Idempotency-Key")).isNull();
  }

  @Test
  void secretPostsToTheSecretPathAndAnswersContentAndSource() throws Exception {
    server.enqueue(
        json(200, "{\"id\":9,\"content\":\"postgres://app:s3cret@db/app\",\"source\":\"vault\"}"));

    RemoteResult<RemoteSecret> result = api.secret(new ServerId(9));

    assertThat(result)
        .isEqualTo(RemoteResult.ok(new RemoteSecret("postgres://app:s3cret@db/app", "vault")));
    RecordedRequest request = taken(server);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/api/memories/9/secret");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo(BEARER);
    assertThat(request.getHeaders().get("Idempotency-Key")).isNull();
  }

  @Test
  void aPathPrefixInTheBaseUrlIsKept() throws Exception {
    server.enqueue(json(200, "{\"status\":\"ok\",\"user_id\":\"u-1\"}"));
    URI prefixed = server.url("/memory-api").uri();

    try (HttpRemoteMemoryApi prefixedApi = HttpRemoteMemoryApi.create(prefixed, KEY, TIMEOUTS)) {
      assertThat(prefixedApi.checkAuth()).isEqualTo(RemoteResult.ok("u-1"));
    }

    assertThat(taken(server).getTarget()).isEqualTo("/memory-api/api/auth-check");
  }

  @Test
  void callsInOneBurstShareOneKeptAliveConnection() throws Exception {
    server.enqueue(json(200, "{\"id\":1,\"category\":\"facts\",\"importance\":0.5}"));
    server.enqueue(json(200, "{\"id\":2,\"category\":\"facts\",\"importance\":0.5}"));
    server.enqueue(json(200, "{\"memories\":[],\"server_time\":\"2026-11-24T21:48:00+00:00\"}"));

    api.create(FIELDS, OP_KEY);
    api.create(FIELDS, IdempotencyKey.random());
    api.changesSince(Optional.empty());

    assertThat(List.of(taken(server), taken(server), taken(server)))
        .extracting(RecordedRequest::getConnectionIndex)
        .containsOnly(0);
  }

  @Test
  void aConnectionIdleLongerThanTheKeepAliveIsNotReused() throws Exception {
    server.enqueue(json(200, "{\"status\":\"ok\",\"user_id\":1}"));
    server.enqueue(json(200, "{\"status\":\"ok\",\"user_id\":1}"));
    try (HttpRemoteMemoryApi shortLived =
        new HttpRemoteMemoryApi(server.url("/"), KEY, TIMEOUTS, Duration.ofMillis(50))) {
      shortLived.checkAuth();
      // Ten times the keep-alive: OkHttp's pool evicts the idle connection in the meantime.
      Thread.sleep(500);
      shortLived.checkAuth();
    }

    assertThat(List.of(taken(server), taken(server)))
        .extracting(RecordedRequest::getConnectionIndex)
        .containsExactly(0, 1);
  }

  private static List<String> fieldNames(JsonNode body) {
    List<String> names = new ArrayList<>();
    body.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
