package dev.claudememory.http;

import static dev.claudememory.http.ApiTestSupport.FIELDS;
import static dev.claudememory.http.ApiTestSupport.api;
import static dev.claudememory.http.ApiTestSupport.html;
import static dev.claudememory.http.ApiTestSupport.json;
import static dev.claudememory.http.ApiTestSupport.taken;
import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.remote.CreatedMemory;
import dev.claudememory.core.remote.RemoteMemory;
import dev.claudememory.core.remote.RemoteResult;
import dev.claudememory.core.sync.IdempotencyKey;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each class of HTTP answer becomes the outcome the sync engine acts on (SPEC §6, §7). */
@Timeout(15)
class StatusClassificationTest {
  private static final IdempotencyKey OP_KEY = new IdempotencyKey("op-1");

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
  void okIsTheParsedAnswer() {
    server.enqueue(json(200, "{\"id\":5,\"category\":\"facts\",\"importance\":0.5}"));

    assertThat(api.create(FIELDS, OP_KEY))
        .isEqualTo(RemoteResult.ok(new CreatedMemory(new ServerId(5), "facts", 0.5)));
  }

  @Test
  void createdWithStatus201IsOkToo() {
    server.enqueue(json(201, "{\"id\":6,\"category\":\"facts\",\"importance\":0.5}"));

    assertThat(api.create(FIELDS, OP_KEY)).isInstanceOf(RemoteResult.Ok.class);
  }

  @Test
  void unauthorizedIsAuthFailedWithTheServersDetail() {
    server.enqueue(json(401, "{\"detail\":\"Invalid API key\"}"));

    RemoteResult<CreatedMemory> result = api.create(FIELDS, OP_KEY);

    assertThat(result).isInstanceOf(RemoteResult.AuthFailed.class);
    assertThat(((RemoteResult.AuthFailed<CreatedMemory>) result).reason())
        .contains("HTTP 401", "Invalid API key", "MEMORY_API_KEY");
  }

  @Test
  void forbiddenFromAProxyIsAuthFailed() {
    server.enqueue(html(403, "<html><body>Forbidden</body></html>"));

    RemoteResult<String> result = api.checkAuth();

    assertThat(result).isInstanceOf(RemoteResult.AuthFailed.class);
    assertThat(((RemoteResult.AuthFailed<String>) result).reason()).contains("HTTP 403");
  }

  @Test
  void missingAuthorizationHeaderAnsweredWith422IsAuthFailed() {
    server.enqueue(
        json(
            422,
            """
            {"detail": [{"type": "missing", "loc": ["header", "authorization"],
                         "msg": "Field required", "input": null}]}
            """));

    RemoteResult<CreatedMemory> result = api.create(FIELDS, OP_KEY);

    assertThat(result).isInstanceOf(RemoteResult.AuthFailed.class);
    assertThat(((RemoteResult.AuthFailed<CreatedMemory>) result).reason())
        .contains("Authorization header");
  }

  @Test
  void validationFailureIsRejectedNamingTheFieldAndMessage() {
    server.enqueue(
        json(
            422,
            """
            {"detail": [{"type": "string_too_long", "loc": ["body", "content"],
                         "msg": "String should have at most 1400 characters",
                         "input": "xxxxxxxx", "ctx": {"max_length": 1400}}]}
            """));

    RemoteResult<CreatedMemory> result = api.create(FIELDS, OP_KEY);

    assertThat(result).isInstanceOf(RemoteResult.Rejected.class);
    RemoteResult.Rejected<CreatedMemory> rejected = (RemoteResult.Rejected<CreatedMemory>) result;
    assertThat(rejected.status()).isEqualTo(422);
    assertThat(rejected.reason()).contains("content: String should have at most 1400 characters");
  }

  @Test
  void validationFailureOnSeveralFieldsNamesEachOne() {
    server.enqueue(
        json(
            422,
            """
            {"detail": [
              {"loc": ["body", "tags"], "msg": "String should have at most 500 characters"},
              {"loc": ["body", "importance"], "msg": "Input should be less than or equal to 1"}
            ]}
            """));

    RemoteResult<ServerId> result = api.update(new ServerId(3), FIELDS, OP_KEY);

    assertThat(((RemoteResult.Rejected<ServerId>) result).reason())
        .contains(
            "tags: String should have at most 500 characters",
            "importance: Input should be less than or equal to 1");
  }

  @Test
  void notFoundIsNotFound() {
    server.enqueue(json(404, "{\"detail\":\"Memory not found\"}"));

    RemoteResult<RemoteMemory> result = api.get(new ServerId(77));

    assertThat(result).isInstanceOf(RemoteResult.NotFound.class);
    assertThat(((RemoteResult.NotFound<RemoteMemory>) result).reason())
        .contains("/api/memories/77", "Memory not found");
  }

  @Test
  void notFoundOnUpdateIsNotFound() {
    server.enqueue(json(404, "{\"detail\":\"Memory not found\"}"));

    assertThat(api.update(new ServerId(77), FIELDS, OP_KEY))
        .isInstanceOf(RemoteResult.NotFound.class);
  }

  @Test
  void notFoundOnDeleteMeansDone() {
    server.enqueue(html(404, "<html>Not Found</html>"));

    assertThat(api.delete(new ServerId(77), OP_KEY)).isEqualTo(RemoteResult.ok(new ServerId(77)));
  }

  @Test
  void alreadyDeletedAnswerMeansDone() {
    server.enqueue(json(200, "{\"deleted\":77,\"preview\":\"[already deleted]\"}"));

    assertThat(api.delete(new ServerId(77), OP_KEY)).isEqualTo(RemoteResult.ok(new ServerId(77)));
  }

  @Test
  void forbiddenDeleteIsAuthFailedNotDone() {
    server.enqueue(json(403, "{\"detail\":\"Not the owner\"}"));

    assertThat(api.delete(new ServerId(77), OP_KEY)).isInstanceOf(RemoteResult.AuthFailed.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 429, 500, 502, 503, 504})
  void transientStatusesAreRetryLater(int status) {
    server.enqueue(json(status, "{\"detail\":\"try again\"}"));

    RemoteResult<CreatedMemory> result = api.create(FIELDS, OP_KEY);

    assertThat(result).isInstanceOf(RemoteResult.RetryLater.class);
    assertThat(((RemoteResult.RetryLater<CreatedMemory>) result).reason())
        .contains("HTTP " + status);
  }

  @Test
  void aGatewayTimeoutIsNoAnswerForTheApiMayStillApplyTheRequest() {
    server.enqueue(json(504, "{\"detail\":\"upstream timed out\"}"));

    RemoteResult<CreatedMemory> result = api.create(FIELDS, OP_KEY);

    assertThat(result).isInstanceOfSatisfying(RemoteResult.RetryLater.class,
        later -> assertThat(later.why()).isEqualTo(RemoteResult.Why.NO_ANSWER));
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 429, 500, 502, 503})
  void otherTransientStatusesAreServerErrorsAnsweredOnceTheRequestWasDoneWith(int status) {
    server.enqueue(json(status, "{\"detail\":\"try again\"}"));

    RemoteResult<CreatedMemory> result = api.create(FIELDS, OP_KEY);

    assertThat(result).isInstanceOfSatisfying(RemoteResult.RetryLater.class,
        later -> assertThat(later.why()).isEqualTo(RemoteResult.Why.SERVER_ERROR));
  }

  @Test
  void transientStatusOnDeleteIsRetryLater() {
    server.enqueue(html(502, "<html>Bad Gateway</html>"));

    assertThat(api.delete(new ServerId(77), OP_KEY)).isInstanceOf(RemoteResult.RetryLater.class);
  }

  @Test
  void otherClientErrorIsRejectedWithStatusAndDetail() {
    server.enqueue(json(400, "{\"detail\":\"No fields to update\"}"));

    RemoteResult<ServerId> result = api.update(new ServerId(3), FIELDS, OP_KEY);

    assertThat(result).isInstanceOf(RemoteResult.Rejected.class);
    RemoteResult.Rejected<ServerId> rejected = (RemoteResult.Rejected<ServerId>) result;
    assertThat(rejected.status()).isEqualTo(400);
    assertThat(rejected.reason()).contains("No fields to update");
  }

  @Test
  void clientErrorWithoutJsonIsRejectedWithItsStatus() {
    server.enqueue(html(413, "<html><h1>413 Request Entity Too Large</h1></html>"));

    RemoteResult<CreatedMemory> result = api.create(FIELDS, OP_KEY);

    assertThat(result).isInstanceOf(RemoteResult.Rejected.class);
    assertThat(((RemoteResult.Rejected<CreatedMemory>) result).status()).isEqualTo(413);
  }

  @Test
  void captivePortalPageOnA200IsRetryLaterNamingTheCause() {
    server.enqueue(html(200, "<html><body>Please log in to the hotel Wi-Fi</body></html>"));

    RemoteResult<CreatedMemory> result = api.create(FIELDS, OP_KEY);

    assertThat(result).isInstanceOf(RemoteResult.RetryLater.class);
    assertThat(((RemoteResult.RetryLater<CreatedMemory>) result).why()).isEqualTo(RemoteResult.Why.NOT_THE_API);
    assertThat(((RemoteResult.RetryLater<CreatedMemory>) result).reason())
        .contains("a web page", "text/html", "not as the memory API does", "MEMORY_API_URL", "captive portal");
  }

  @Test
  void captivePortalPageOnADeleteIsRetryLaterNotDone() {
    server.enqueue(html(200, "<html><body>Please log in</body></html>"));

    assertThat(api.delete(new ServerId(77), OP_KEY)).isInstanceOf(RemoteResult.RetryLater.class);
  }

  @Test
  void jsonWithoutThePromisedFieldsIsRetryLater() {
    server.enqueue(json(200, "{\"status\":\"ok\"}"));

    RemoteResult<CreatedMemory> result = api.create(FIELDS, OP_KEY);

    assertThat(result).isInstanceOf(RemoteResult.RetryLater.class);
    assertThat(((RemoteResult.RetryLater<CreatedMemory>) result).why()).isEqualTo(RemoteResult.Why.NOT_THE_API);
    assertThat(((RemoteResult.RetryLater<CreatedMemory>) result).reason())
        .contains("JSON of another shape", "'id'", "MEMORY_API_URL");
  }

  @Test
  void syncAnswerWithoutServerTimeIsRetryLater() {
    server.enqueue(json(200, "{\"memories\":[]}"));

    assertThat(api.changesSince(Optional.empty())).isInstanceOf(RemoteResult.RetryLater.class);
  }

  @Test
  void redirectIsNotFollowedSoTheKeyStaysWithTheConfiguredAddress() throws Exception {
    // A redirect back to the same server: were it followed, a second request would arrive.
    String portal = server.url("/portal").toString();
    server.enqueue(new MockResponse(302, Headers.of("Location", portal), ""));
    server.enqueue(json(200, "{\"id\":5,\"category\":\"facts\",\"importance\":0.5}"));

    RemoteResult<CreatedMemory> result = api.create(FIELDS, OP_KEY);

    assertThat(result).isInstanceOf(RemoteResult.RetryLater.class);
    assertThat(((RemoteResult.RetryLater<CreatedMemory>) result).reason())
        .contains("redirect", portal, "MEMORY_API_URL");
    taken(server);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
