package dev.claudememory.http;

import static dev.claudememory.http.ApiTestSupport.KEY;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.remote.RemoteResult;
import dev.claudememory.http.json.ApiJson;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How reasons are worded and bounded, without a server. */
@Timeout(5)
class FailureClassifierTest {
  private static final ApiCall CREATE = new ApiCall("POST", "/api/memories", true);
  private static final ApiCall SYNC = new ApiCall("GET", "/api/memories/sync", false);

  private final FailureClassifier classifier = new FailureClassifier(KEY, new ApiJson(), "http://127.0.0.1:8080");

  @Test
  void keyIsCutOutBeforeAReasonIsShortenedSoNoPieceOfItRemains() {
    // The echoed key straddles the length bound: shortening first would leave its first half.
    String detail = "x".repeat(360) + " " + KEY.reveal() + " tail";

    String reason = rejectedReason(answer(400, "{\"detail\":\"" + detail + "\"}"));

    assertThat(reason).doesNotContain("sk-test").contains("****");
  }

  @Test
  void reasonIsOneBoundedLine() {
    String detail = "line one\\nline two\\r\\n" + "y".repeat(2_000);

    String reason = rejectedReason(answer(400, "{\"detail\":\"" + detail + "\"}"));

    assertThat(reason).doesNotContain("\n", "\r").contains("line one line two");
    assertThat(reason.codePointCount(0, reason.length())).isLessThanOrEqualTo(401);
  }

  @Test
  void validationLocationsNameTheFieldWithoutTheRequestPart() {
    String body =
        "{\"detail\":["
            + "{\"loc\":[\"query\",\"since\"],\"msg\":\"Invalid isoformat string\"},"
            + "{\"loc\":[\"body\",0,\"category\"],\"msg\":\"Unknown category\"},"
            + "{\"loc\":[\"body\"],\"msg\":\"JSON decode error\"}]}";

    String reason = rejectedReason(answer(422, body));

    assertThat(reason)
        .contains("since: Invalid isoformat string")
        .contains("0.category: Unknown category")
        .contains("body: JSON decode error");
  }

  @Test
  void validationEntryInputIsNeverQuoted() {
    String body =
        "{\"detail\":[{\"loc\":[\"body\",\"content\"],\"msg\":\"String should have at most 1400"
            + " characters\",\"input\":\"the whole rejected memory text\"}]}";

    assertThat(rejectedReason(answer(422, body))).doesNotContain("the whole rejected memory text");
  }

  @Test
  void lostAnswerOfAReadDoesNotClaimItMayHaveBeenApplied() {
    RemoteResult<Object> result =
        classifier.unreachable(SYNC, new SocketTimeoutException("timeout"));

    assertThat(((RemoteResult.RetryLater<Object>) result).reason())
        .isEqualTo("GET /api/memories/sync: no complete answer before the timeout");
  }

  @Test
  void lostAnswerOfAWriteSaysItMayHaveBeenApplied() {
    RemoteResult<Object> result =
        classifier.unreachable(CREATE, new IOException("unexpected end of stream"));

    assertThat(result)
        .isEqualTo(
            new RemoteResult.RetryLater<>(
                RemoteResult.Why.NO_ANSWER,
                "POST /api/memories: the connection to http://127.0.0.1:8080 closed before a complete"
                    + " answer; the server may have applied it"));
  }

  @Test
  void aRefusedConnectionSaysSoWithTheAddressAndThatNothingWasSent() {
    ConnectException refused = new ConnectException("Failed to connect to /127.0.0.1:8080");
    refused.initCause(new ConnectException("Connection refused"));

    RemoteResult<Object> result = classifier.unreachable(CREATE, refused);

    assertThat(result)
        .isEqualTo(
            new RemoteResult.RetryLater<>(
                RemoteResult.Why.UNREACHABLE,
                "POST /api/memories: connection refused at http://127.0.0.1:8080 (is the memory API"
                    + " running there?)"));
  }

  @Test
  void anUnknownHostIsUnreachableNamingTheSetting() {
    RemoteResult<Object> result =
        classifier.unreachable(SYNC, new UnknownHostException("memory.invalid"));

    assertThat(result).isInstanceOfSatisfying(RemoteResult.RetryLater.class, later -> {
      assertThat(later.why()).isEqualTo(RemoteResult.Why.UNREACHABLE);
      assertThat(later.reason()).contains("unknown host", "MEMORY_API_URL");
    });
  }

  @Test
  void aWebPageWhereTheApiShouldAnswerIsNotTheApiNamingTheSetting() {
    RemoteResult<Object> result =
        classifier.classify(
            SYNC,
            new Answer(200, "<html>Welcome to nginx</html>".getBytes(UTF_8), "text/html", ""),
            body -> new ApiJson().changes(body));

    assertThat(result).isInstanceOfSatisfying(RemoteResult.RetryLater.class, later -> {
      assertThat(later.why()).isEqualTo(RemoteResult.Why.NOT_THE_API);
      assertThat(later.reason())
          .isEqualTo(
              "GET /api/memories/sync: http://127.0.0.1:8080 answered HTTP 200 with a web page"
                  + " (text/html), not as the memory API does; check MEMORY_API_URL (or a captive"
                  + " portal or proxy is in the way)");
    });
  }

  @Test
  void deleteAnswerWithoutTheDeletedFieldIsRetryLater() {
    ApiCall delete = new ApiCall("DELETE", "/api/memories/5", true);

    RemoteResult<ServerId> result =
        classifier.classifyDelete(delete, answer(200, "{\"ok\":true}"), new ServerId(5));

    assertThat(result).isInstanceOf(RemoteResult.RetryLater.class);
  }

  @Test
  void deleteAnswerNamingAnotherIdStillCountsForTheIdAsked() {
    ApiCall delete = new ApiCall("DELETE", "/api/memories/5", true);

    RemoteResult<ServerId> result =
        classifier.classifyDelete(
            delete,
            answer(200, "{\"deleted\":\"5\",\"preview\":\"[already deleted]\"}"),
            new ServerId(5));

    assertThat(result).isEqualTo(RemoteResult.ok(new ServerId(5)));
  }

  private String rejectedReason(Answer answer) {
    RemoteResult<Object> result = classifier.classify(CREATE, answer, body -> body);
    assertThat(result).isInstanceOf(RemoteResult.Rejected.class);
    return ((RemoteResult.Rejected<Object>) result).reason();
  }

  private static Answer answer(int status, String body) {
    return new Answer(status, body.getBytes(UTF_8), "application/json", "");
  }
}
