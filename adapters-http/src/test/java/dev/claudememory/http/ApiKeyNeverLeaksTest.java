package dev.claudememory.http;

import static dev.claudememory.http.ApiTestSupport.FIELDS;
import static dev.claudememory.http.ApiTestSupport.KEY;
import static dev.claudememory.http.ApiTestSupport.KEY_TEXT;
import static dev.claudememory.http.ApiTestSupport.api;
import static dev.claudememory.http.ApiTestSupport.html;
import static dev.claudememory.http.ApiTestSupport.json;
import static dev.claudememory.http.ApiTestSupport.taken;
import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.remote.ChangeSet;
import dev.claudememory.core.remote.RemoteResult;
import dev.claudememory.core.remote.SharePermission;
import dev.claudememory.core.sync.IdempotencyKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The API key reaches the wire and nothing else: no reason, no log line, no {@code toString()},
 * even when a server or proxy echoes it back (SPEC §8).
 */
@Timeout(15)
class ApiKeyNeverLeaksTest {
  private static final IdempotencyKey OP_KEY = new IdempotencyKey("op-leak");
  private static final String ECHO = "Invalid API key " + KEY_TEXT;

  @StartStop private final MockWebServer server = new MockWebServer();
  private final CapturingLoggerFinder logs = CapturingLoggerFinder.installed();
  private HttpRemoteMemoryApi api;

  @BeforeEach
  void connect() {
    logs.clear();
    api = api(server);
  }

  @AfterEach
  void close() {
    api.close();
  }

  @Test
  void theKeyIsSentAsBearerToken() throws Exception {
    server.enqueue(json(200, "{\"status\":\"ok\",\"user_id\":1}"));

    api.checkAuth();

    assertThat(taken(server).getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY_TEXT);
  }

  @Test
  void reasonsBuiltFromEchoingAnswersAreScrubbed() {
    server.enqueue(json(401, "{\"detail\":\"" + ECHO + "\"}"));
    server.enqueue(json(403, "{\"detail\":\"" + ECHO + "\"}"));
    server.enqueue(
        json(
            422,
            "{\"detail\":[{\"loc\":[\"body\",\"content\"],\"msg\":\"bad value near "
                + KEY_TEXT
                + "\",\"input\":\"Bearer "
                + KEY_TEXT
                + "\"}]}"));
    server.enqueue(json(400, "{\"detail\":\"" + ECHO + "\"}"));
    server.enqueue(
        json(500, "{\"detail\":\"Traceback: header Authorization=Bearer " + KEY_TEXT + "\"}"));
    server.enqueue(
        new MockResponse(302, Headers.of("Location", "http://portal.invalid/?k=" + KEY_TEXT), ""));
    server.enqueue(json(404, "{\"detail\":\"" + ECHO + "\"}"));
    server.enqueue(json(429, "{\"detail\":{\"seen\":\"" + KEY_TEXT + "\"}}"));

    List<RemoteResult<?>> results = new ArrayList<>();
    results.add(api.create(FIELDS, OP_KEY));
    results.add(api.update(new ServerId(1), FIELDS, OP_KEY));
    results.add(api.create(FIELDS, OP_KEY));
    results.add(api.update(new ServerId(1), FIELDS, OP_KEY));
    results.add(api.changesSince(Optional.of("2026-11-24T21:47:33.680389+00:00")));
    results.add(api.checkAuth());
    results.add(api.get(new ServerId(1)));
    results.add(api.list(Optional.empty(), 10));

    // The echoes did reach the reasons, with the key cut out of them.
    assertThat(results).noneMatch(result -> result instanceof RemoteResult.Ok);
    assertThat(results)
        .extracting(ApiKeyNeverLeaksTest::reason)
        .anyMatch(reason -> reason.contains("Invalid API key ****"))
        .anyMatch(reason -> reason.contains("Bearer ****"));
    assertThat(results)
        .allSatisfy(result -> assertThat(reason(result)).doesNotContain(KEY_TEXT))
        .allSatisfy(result -> assertThat(result.toString()).doesNotContain(KEY_TEXT));
  }

  @Test
  void sharingReasonsBuiltFromEchoingAnswersAreScrubbed() {
    server.enqueue(json(400, "{\"detail\":\"Cannot share with yourself: " + ECHO + "\"}"));
    server.enqueue(json(404, "{\"detail\":\"" + ECHO + "\"}"));
    server.enqueue(
        json(
            422,
            "{\"detail\":[{\"loc\":[\"body\",\"tag\"],\"msg\":\"bad near "
                + KEY_TEXT
                + "\",\"input\":\"Bearer "
                + KEY_TEXT
                + "\"}]}"));
    server.enqueue(json(401, "{\"detail\":\"" + ECHO + "\"}"));
    server.enqueue(json(503, "{\"detail\":\"upstream said Bearer " + KEY_TEXT + "\"}"));
    server.enqueue(
        new MockResponse(302, Headers.of("Location", "http://portal.invalid/?k=" + KEY_TEXT), ""));
    String garbage = "x".repeat(240) + KEY_TEXT;
    server.enqueue(json(200, "{\"memory_shares\": [{\"memory_id\": \"" + garbage + "\"}]}"));

    List<RemoteResult<?>> results = new ArrayList<>();
    results.add(api.share(new ServerId(1), "alice", SharePermission.READ));
    results.add(api.unshare(new ServerId(1), "alice"));
    results.add(api.shareTag("ops", "alice", SharePermission.WRITE));
    results.add(api.unshareTag("ops", "alice"));
    results.add(api.sharedWithMe());
    results.add(api.myShares());
    results.add(api.myShares());

    // The echoes did reach the reasons, with the key cut out of them.
    assertThat(results).noneMatch(result -> result instanceof RemoteResult.Ok);
    assertThat(results)
        .extracting(ApiKeyNeverLeaksTest::reason)
        .anyMatch(reason -> reason.contains("Cannot share with yourself: Invalid API key ****"))
        .anyMatch(reason -> reason.contains("Bearer ****"))
        .anyMatch(reason -> reason.contains("memory_shares[0].memory_id"));
    assertThat(results)
        .allSatisfy(result -> assertThat(reason(result)).doesNotContain(KEY_TEXT, "xxx"))
        .allSatisfy(result -> assertThat(result.toString()).doesNotContain(KEY_TEXT));
  }

  @Test
  void bodyThatIsNotJsonNeverReachesAReasonNotEvenAPieceOfTheKey() {
    // A parser quoting the bad token would cut it short, and with it the key the scrubber looks
    // for.
    String garbage = "x".repeat(240) + KEY_TEXT;
    server.enqueue(new MockResponse(200, Headers.of("Content-Type", "text/plain"), garbage));
    server.enqueue(json(200, "{\"memories\": [{\"id\": \"" + garbage + "\"}]}"));

    RemoteResult<String> notJson = api.checkAuth();
    RemoteResult<ChangeSet> wrongShape = api.changesSince(Optional.empty());

    assertThat(notJson).isInstanceOf(RemoteResult.RetryLater.class);
    assertThat(wrongShape).isInstanceOf(RemoteResult.RetryLater.class);
    assertThat(reason(notJson)).contains("not JSON").doesNotContain("sk-test", "xxx");
    assertThat(reason(wrongShape)).contains("memories[0].id").doesNotContain("sk-test", "xxx");
  }

  @Test
  void logLinesNeverHoldTheKeyEvenWhenTheServerEchoesIt() {
    server.enqueue(
        json(422, "{\"detail\":[{\"loc\":[\"body\",\"tags\"],\"msg\":\"" + ECHO + "\"}]}"));
    server.enqueue(json(500, "{\"detail\":\"" + ECHO + "\"}"));
    server.enqueue(html(200, "<html>" + KEY_TEXT + "</html>"));

    api.create(FIELDS, OP_KEY);
    api.delete(new ServerId(3), OP_KEY);
    api.checkAuth();

    List<String> ours =
        logs.lines().stream()
            .filter(line -> line.contains(HttpRemoteMemoryApi.class.getName()))
            .toList();
    // Every outcome was logged, echo included, so the check below looks at real lines.
    assertThat(ours).hasSize(3);
    assertThat(ours).anyMatch(line -> line.contains("tags: Invalid API key ****"));
    assertThat(logs.lines()).noneMatch(line -> line.contains(KEY_TEXT));
  }

  @Test
  void noToStringShowsTheKey() {
    assertThat(api.toString()).doesNotContain(KEY_TEXT);
    assertThat(new BearerAuth(KEY).toString()).doesNotContain(KEY_TEXT).contains("****");
  }

  private static String reason(RemoteResult<?> result) {
    if (result instanceof RemoteResult.RetryLater) {
      return ((RemoteResult.RetryLater<?>) result).reason();
    } else if (result instanceof RemoteResult.AuthFailed) {
      return ((RemoteResult.AuthFailed<?>) result).reason();
    } else if (result instanceof RemoteResult.NotFound) {
      return ((RemoteResult.NotFound<?>) result).reason();
    } else if (result instanceof RemoteResult.Rejected) {
      return ((RemoteResult.Rejected<?>) result).reason();
    } else if (result instanceof RemoteResult.Ok) {
      return "";
    }
    throw new AssertionError(result);
  }
}
