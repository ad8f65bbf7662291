package dev.claudememory.http;

import static dev.claudememory.http.ApiTestSupport.KEY_TEXT;
import static dev.claudememory.http.ApiTestSupport.api;
import static dev.claudememory.http.ApiTestSupport.html;
import static dev.claudememory.http.ApiTestSupport.json;
import static dev.claudememory.http.ApiTestSupport.jsonBody;
import static dev.claudememory.http.ApiTestSupport.taken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudememory.core.InvalidInputException;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.remote.MemoryShare;
import dev.claudememory.core.remote.MyShares;
import dev.claudememory.core.remote.RemoteMemory;
import dev.claudememory.core.remote.RemoteResult;
import dev.claudememory.core.remote.SharePermission;
import dev.claudememory.core.remote.SharedMemory;
import dev.claudememory.core.remote.TagShare;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What each sharing call puts on the wire and how each answer is read (SPEC §6). */
@Timeout(15)
class SharingWireTest {
  private static final String BEARER = "Bearer " + KEY_TEXT;
  private static final ServerId ID = new ServerId(42);

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

  /** Each sharing call with fixed arguments, its method and its path on the wire. */
  enum SharingCall {
    SHARE("POST", "/api/memories/42/share", true,
        api -> api.share(ID, "alice", SharePermission.WRITE)),
    UNSHARE("DELETE", "/api/memories/42/share/alice", true, api -> api.unshare(ID, "alice")),
    SHARE_TAG("POST", "/api/memories/share-tag", true,
        api -> api.shareTag("ops", "alice", SharePermission.READ)),
    UNSHARE_TAG("DELETE", "/api/memories/share-tag", true, api -> api.unshareTag("ops", "alice")),
    SHARED_WITH_ME("GET", "/api/memories/shared-with-me", false, HttpRemoteMemoryApi::sharedWithMe),
    MY_SHARES("GET", "/api/memories/my-shares", false, HttpRemoteMemoryApi::myShares);

    final String method;
    final String path;
    final boolean mutating;
    final Function<HttpRemoteMemoryApi, RemoteResult<?>> call;

    SharingCall(String method, String path, boolean mutating,
        Function<HttpRemoteMemoryApi, RemoteResult<?>> call) {
      this.method = method;
      this.path = path;
      this.mutating = mutating;
      this.call = call;
    }
  }

  @Test
  void sharePostsTheUserAndPermissionToTheMemorysSharePath() throws Exception {
    server.enqueue(json(200, "{\"shared\":42,\"with\":\"alice\",\"permission\":\"write\"}"));

    RemoteResult<ServerId> result = api.share(ID, "alice", SharePermission.WRITE);

    assertThat(result).isEqualTo(RemoteResult.ok(ID));
    RecordedRequest request = taken(server);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/api/memories/42/share");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo(BEARER);
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
    JsonNode body = jsonBody(request);
    assertThat(fieldNames(body)).containsExactlyInAnyOrder("shared_with", "permission");
    assertThat(body.get("shared_with").asText()).isEqualTo("alice");
    assertThat(body.get("permission").asText()).isEqualTo("write");
  }

  @Test
  void shareSendsReadPermissionByItsWireName() throws Exception {
    server.enqueue(json(200, "{\"shared\":42,\"with\":\"bob\",\"permission\":\"read\"}"));

    api.share(ID, "bob", SharePermission.READ);

    assertThat(jsonBody(taken(server)).get("permission").asText()).isEqualTo("read");
  }

  @Test
  void sharingWithYourselfIsRejectedWithTheServersDetail() {
    server.enqueue(json(400, "{\"detail\":\"Cannot share with yourself\"}"));

    RemoteResult<ServerId> result = api.share(ID, "me", SharePermission.READ);

    assertThat(result).isInstanceOfSatisfying(RemoteResult.Rejected.class, rejected -> {
      assertThat(rejected.status()).isEqualTo(400);
      assertThat(rejected.reason())
          .isEqualTo("POST /api/memories/42/share: HTTP 400: Cannot share with yourself");
    });
  }

  @Test
  void sharingAMemoryThatIsNotTheUsersIsNotFound() {
    server.enqueue(json(404, "{\"detail\":\"Memory not found or not owned by you\"}"));

    RemoteResult<ServerId> result = api.share(ID, "alice", SharePermission.READ);

    assertThat(result).isInstanceOfSatisfying(RemoteResult.NotFound.class, notFound ->
        assertThat(notFound.reason()).contains("HTTP 404", "not owned by you"));
  }

  @Test
  void unshareDeletesTheUsersPathSegmentWithoutABody() throws Exception {
    server.enqueue(json(200, "{\"unshared\":42,\"from\":\"alice\"}"));

    RemoteResult<ServerId> result = api.unshare(ID, "alice");

    assertThat(result).isEqualTo(RemoteResult.ok(ID));
    RecordedRequest request = taken(server);
    assertThat(request.getMethod()).isEqualTo("DELETE");
    assertThat(request.getTarget()).isEqualTo("/api/memories/42/share/alice");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo(BEARER);
    assertThat(request.getBodySize()).isZero();
  }

  @Test
  void unshareEncodesSpaceSlashAndNonAsciiSoTheNameStaysOneSegment() throws Exception {
    String user = "Ann Lee/ops+dev é";
    server.enqueue(json(200, "{\"unshared\":42,\"from\":\"Ann Lee/ops+dev é\"}"));

    api.unshare(ID, user);

    RecordedRequest request = taken(server);
    // '+' needs no escape in a path: Starlette decodes only percent-escapes there.
    assertThat(request.getTarget())
        .isEqualTo("/api/memories/42/share/Ann%20Lee%2Fops+dev%20%C3%A9");
    assertThat(request.getUrl().pathSegments()).containsExactly("api", "memories", "42", "share",
        user);
  }

  @Test
  void unshareEscapesQueryAndFragmentMarksAndPercentSigns() throws Exception {
    server.enqueue(json(200, "{\"unshared\":42,\"from\":\"x\"}"));

    api.unshare(ID, "a?b#c%2F");

    assertThat(taken(server).getTarget()).isEqualTo("/api/memories/42/share/a%3Fb%23c%252F");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", ".."})
  void unshareRefusesANameThatCannotBeAPathSegmentAndSendsNothing(String user) {
    // ".." would climb out of /share and turn the call into a delete of the memory itself.
    assertThatThrownBy(() -> api.unshare(ID, user))
        .isInstanceOfSatisfying(InvalidInputException.class,
            invalid -> assertThat(invalid.field()).isEqualTo("shared_with"));
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void shareTagPostsTagUserAndPermission() throws Exception {
    server.enqueue(
        json(200, "{\"shared_tag\":\"ops\",\"with\":\"alice\",\"permission\":\"read\"}"));

    RemoteResult<String> result = api.shareTag("ops", "alice", SharePermission.READ);

    assertThat(result).isEqualTo(RemoteResult.ok("ops"));
    RecordedRequest request = taken(server);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/api/memories/share-tag");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo(BEARER);
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
    JsonNode body = jsonBody(request);
    assertThat(fieldNames(body)).containsExactlyInAnyOrder("tag", "shared_with", "permission");
    assertThat(body.get("tag").asText()).isEqualTo("ops");
    assertThat(body.get("shared_with").asText()).isEqualTo("alice");
    assertThat(body.get("permission").asText()).isEqualTo("read");
  }

  @Test
  void unshareTagDeletesWithTagAndUserInAJsonBody() throws Exception {
    server.enqueue(json(200, "{\"unshared_tag\":\"ops\",\"from\":\"alice\"}"));

    RemoteResult<String> result = api.unshareTag("ops", "alice");

    assertThat(result).isEqualTo(RemoteResult.ok("ops"));
    RecordedRequest request = taken(server);
    assertThat(request.getMethod()).isEqualTo("DELETE");
    assertThat(request.getTarget()).isEqualTo("/api/memories/share-tag");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo(BEARER);
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
    JsonNode body = jsonBody(request);
    assertThat(fieldNames(body)).containsExactlyInAnyOrder("tag", "shared_with");
    assertThat(body.get("tag").asText()).isEqualTo("ops");
    assertThat(body.get("shared_with").asText()).isEqualTo("alice");
  }

  @Test
  void everyChangeCarriesAnIdempotencyKeyOfItsOwnAndReadsCarryNone() throws Exception {
    List<String> keys = new ArrayList<>();
    for (SharingCall call : SharingCall.values()) {
      server.enqueue(json(500, "{\"detail\":\"not looked at\"}"));
      call.call.apply(api);
      String key = taken(server).getHeaders().get("Idempotency-Key");
      if (call.mutating) {
        assertThat(key).as("%s", call).isNotBlank();
        keys.add(key);
      } else {
        assertThat(key).as("%s", call).isNull();
      }
    }
    server.enqueue(json(500, "{\"detail\":\"not looked at\"}"));
    api.share(ID, "alice", SharePermission.WRITE);
    keys.add(taken(server).getHeaders().get("Idempotency-Key"));

    assertThat(keys).hasSize(5).doesNotHaveDuplicates();
  }

  @Test
  void sharedWithMeReadsEachMemoryWithWhoSharedItAndHow() throws Exception {
    server.enqueue(
        json(
            200,
            """
            {"memories": [
              {"id": 7, "content": "alice's runbook", "category": "runbook", "tags": "ops",
               "expanded_keywords": "deploy release", "importance": 0.800000011920929,
               "is_sensitive": false, "created_at": "2026-11-20T08:00:00+00:00",
               "updated_at": "2026-11-21T08:00:00.000001+00:00", "owner": "alice",
               "shared_by": "alice", "permission": "write"},
              {"id": 8, "content": "[SENSITIVE - use secret_get(id=8)]", "category": "facts",
               "importance": 0.5, "is_sensitive": true,
               "created_at": "2026-11-22T08:00:00+00:00",
               "shared_by": "bob", "permission": "read"}
            ]}
            """));

    RemoteResult<List<SharedMemory>> result = api.sharedWithMe();

    assertThat(result)
        .isEqualTo(
            RemoteResult.ok(
                List.of(
                    new SharedMemory(
                        new RemoteMemory(new ServerId(7), "alice's runbook", "runbook", "ops",
                            "deploy release", 0.800000011920929, false,
                            "2026-11-20T08:00:00+00:00", "2026-11-21T08:00:00.000001+00:00",
                            Optional.empty()),
                        "alice",
                        "write"),
                    new SharedMemory(
                        new RemoteMemory(new ServerId(8), "[SENSITIVE - use secret_get(id=8)]",
                            "facts", "", "", 0.5, true, "2026-11-22T08:00:00+00:00",
                            "2026-11-22T08:00:00+00:00", Optional.empty()),
                        "bob",
                        "read"))));
    RecordedRequest request = taken(server);
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo("/api/memories/shared-with-me");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo(BEARER);
  }

  @Test
  void sharedWithMeAnswersAnEmptyListWhenNothingIsShared() {
    server.enqueue(json(200, "{\"memories\":[]}"));

    assertThat(api.sharedWithMe()).isEqualTo(RemoteResult.ok(List.of()));
  }

  @Test
  void sharedMemoryWithoutWhoSharedItBreaksTheContract() {
    server.enqueue(
        json(
            200,
            """
            {"memories": [{"id": 7, "content": "c", "category": "facts",
                           "created_at": "2026-11-20T08:00:00+00:00", "permission": "read"}]}
            """));

    RemoteResult<List<SharedMemory>> result = api.sharedWithMe();

    assertThat(result).isInstanceOfSatisfying(RemoteResult.RetryLater.class, retry ->
        assertThat(retry.reason()).contains("GET /api/memories/shared-with-me", "shared_by"));
  }

  @Test
  void mySharesReadsMemorySharesAndTagShares() throws Exception {
    server.enqueue(
        json(
            200,
            """
            {"memory_shares": [
               {"memory_id": 42, "shared_with": "alice", "permission": "write",
                "preview": "deploys go through the release train",
                "created_at": "2026-11-24T21:47:33.680389+00:00"},
               {"memory_id": 43, "shared_with": "bob", "permission": "read", "preview": null,
                "created_at": "2026-11-24T21:48:00+00:00"}],
             "tag_shares": [
               {"tag": "ops", "shared_with": "carol", "permission": "read",
                "created_at": "2026-11-24T21:49:00+00:00", "owner_id": 1}]}
            """));

    RemoteResult<MyShares> result = api.myShares();

    assertThat(result)
        .isEqualTo(
            RemoteResult.ok(
                new MyShares(
                    List.of(
                        new MemoryShare(ID, "alice", "write",
                            "deploys go through the release train",
                            "2026-11-24T21:47:33.680389+00:00"),
                        new MemoryShare(new ServerId(43), "bob", "read", "",
                            "2026-11-24T21:48:00+00:00")),
                    List.of(
                        new TagShare("ops", "carol", "read", "2026-11-24T21:49:00+00:00")))));
    RecordedRequest request = taken(server);
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo("/api/memories/my-shares");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo(BEARER);
  }

  @Test
  void mySharesWithoutTagSharesBreaksTheContract() {
    server.enqueue(json(200, "{\"memory_shares\":[]}"));

    RemoteResult<MyShares> result = api.myShares();

    assertThat(result).isInstanceOfSatisfying(RemoteResult.RetryLater.class, retry ->
        assertThat(retry.reason()).contains("tag_shares"));
  }

  @Test
  void shareAnswerWithoutTheSharedIdBreaksTheContract() {
    server.enqueue(json(200, "{\"with\":\"alice\",\"permission\":\"read\"}"));
    server.enqueue(json(200, "{\"from\":\"alice\"}"));

    assertThat(api.share(ID, "alice", SharePermission.READ))
        .isInstanceOfSatisfying(RemoteResult.RetryLater.class, retry ->
            assertThat(retry.reason()).contains("'shared'"));
    assertThat(api.unshareTag("ops", "alice"))
        .isInstanceOfSatisfying(RemoteResult.RetryLater.class, retry ->
            assertThat(retry.reason()).contains("'unshared_tag'"));
  }

  @ParameterizedTest
  @EnumSource(SharingCall.class)
  void eachStatusClassGivesItsOutcome(SharingCall call) throws Exception {
    server.enqueue(json(401, "{\"detail\":\"Invalid API key\"}"));
    server.enqueue(html(403, "<html>Forbidden</html>"));
    server.enqueue(
        json(
            422,
            """
            {"detail": [{"type": "missing", "loc": ["header", "authorization"],
                         "msg": "Field required", "input": null}]}
            """));
    server.enqueue(json(500, "{\"detail\":\"Internal Server Error\"}"));
    server.enqueue(html(502, "<html>Bad Gateway</html>"));
    server.enqueue(json(429, "{\"detail\":\"slow down\"}"));
    server.enqueue(json(400, "{\"detail\":\"Cannot share with yourself\"}"));
    server.enqueue(
        json(
            422,
            """
            {"detail": [{"type": "literal_error", "loc": ["body", "permission"],
                         "msg": "Input should be 'read' or 'write'", "input": "own"}]}
            """));
    server.enqueue(json(404, "{\"detail\":\"Memory not found\"}"));

    List<RemoteResult<?>> results = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      results.add(call.call.apply(api));
    }

    assertThat(results)
        .extracting(result -> (Object) result.getClass())
        .containsExactly(
            RemoteResult.AuthFailed.class,
            RemoteResult.AuthFailed.class,
            RemoteResult.AuthFailed.class,
            RemoteResult.RetryLater.class,
            RemoteResult.RetryLater.class,
            RemoteResult.RetryLater.class,
            RemoteResult.Rejected.class,
            RemoteResult.Rejected.class,
            RemoteResult.NotFound.class);
    assertThat(results.get(6))
        .isEqualTo(
            new RemoteResult.Rejected<>(
                400, call.method + " " + call.path + ": HTTP 400: Cannot share with yourself"));
    assertThat(((RemoteResult.Rejected<?>) results.get(7)).reason())
        .contains("permission: Input should be 'read' or 'write'")
        .doesNotContain("own");
    for (int i = 0; i < 9; i++) {
      RecordedRequest request = taken(server);
      assertThat(request.getMethod()).isEqualTo(call.method);
      assertThat(request.getTarget()).isEqualTo(call.path);
      assertThat(request.getHeaders().get("Authorization")).isEqualTo(BEARER);
    }
  }

  @ParameterizedTest
  @EnumSource(SharingCall.class)
  @Timeout(5) // the call timeout ends it
  void aServerThatNeverAnswersIsRetryLaterSayingWhetherItMayHaveApplied(SharingCall call) {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    Duration quick = Duration.ofMillis(300);

    try (HttpRemoteMemoryApi impatient =
        api(server, new HttpTimeouts(quick, quick, Duration.ofSeconds(10)))) {
      RemoteResult<?> result = call.call.apply(impatient);

      assertThat(result).isInstanceOfSatisfying(RemoteResult.RetryLater.class, retry -> {
        assertThat(retry.reason()).contains(call.method + " " + call.path,
            "no complete answer before the timeout");
        if (call.mutating) {
          assertThat(retry.reason()).contains("may have applied it");
        } else {
          assertThat(retry.reason()).doesNotContain("may have applied it");
        }
      });
    }
  }

  private static List<String> fieldNames(JsonNode body) {
    List<String> names = new ArrayList<>();
    body.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
