package dev.claudememory.http;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.remote.ApiKey;
import dev.claudememory.core.remote.RemoteResult;
import dev.claudememory.http.json.ApiJson;
import dev.claudememory.http.json.ErrorDetail;
import dev.claudememory.http.json.Violation;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns what happened to a call into a {@link RemoteResult} (SPEC §6, §7): a failure that may pass
 * is {@code RetryLater}, a refused key is {@code AuthFailed}, a refused request is {@code
 * Rejected}. Every reason is built here and scrubbed of the API key, because servers and proxies
 * may echo the request into their answers.
 */
final class FailureClassifier {
  private static final int MAX_REASON = 400;

  private final ApiKey key;
  private final ApiJson json;

  FailureClassifier(ApiKey key, ApiJson json) {
    this.key = requireNonNull(key, "key");
    this.json = requireNonNull(json, "json");
  }

  /** The call got no complete answer: unreachable, reset, timed out, or cut off mid-answer. */
  <T> RemoteResult<T> unreachable(ApiCall call, IOException failure) {
    String what =
        failure instanceof InterruptedIOException
            ? "no complete answer before the timeout"
            : "connection failed (" + describe(failure) + ")";
    String maybeApplied = call.mutating() ? "; the server may have applied it" : "";
    return new RemoteResult.RetryLater<>(reason(call.label() + ": " + what + maybeApplied));
  }

  /** A complete answer to any call but a delete. */
  <T> RemoteResult<T> classify(ApiCall call, Answer answer, AnswerParser<T> parser) {
    if (answer.isSuccess()) {
      return parsed(call, answer, parser);
    }
    return failure(call, answer);
  }

  /**
   * A complete answer to a delete: the server answers {@code [already deleted]} with 200 for an id
   * it no longer has, and a proxy's 404 means the same; both are done.
   */
  RemoteResult<ServerId> classifyDelete(ApiCall call, Answer answer, ServerId id) {
    if (answer.status() == 404) {
      return RemoteResult.ok(id);
    }
    return classify(
        call,
        answer,
        body -> {
          // Proves the answer is the API's, not a portal page; the id asked for is the one done.
          json.deleted(body);
          return id;
        });
  }

  private <T> RemoteResult<T> parsed(ApiCall call, Answer answer, AnswerParser<T> parser) {
    String why;
    try {
      return RemoteResult.ok(parser.parse(answer.body()));
    } catch (IOException unexpected) {
      why = unexpected.getMessage(); // ApiJson's own words, never the server's text
    } catch (RuntimeException unexpected) {
      why = unexpected.getClass().getSimpleName();
    }
    // A 2xx that is not the API's JSON is most often a captive portal or a proxy page: the network
    // is not really there yet.
    String type = answer.contentType().isEmpty() ? "no content type" : answer.contentType();
    return new RemoteResult.RetryLater<>(
        reason(
            call.label()
                + ": HTTP "
                + answer.status()
                + " with a body that is not the expected JSON ("
                + type
                + "; "
                + why
                + "); a captive portal or proxy may be in the way"));
  }

  private <T> RemoteResult<T> failure(ApiCall call, Answer answer) {
    int status = answer.status();
    Optional<ErrorDetail> detail = json.errorDetail(answer.body());
    String said = detail.map(FailureClassifier::text).map(text -> ": " + text).orElse("");
    String head = call.label() + ": HTTP " + status;
    if (status == 401 || status == 403) {
      return new RemoteResult.AuthFailed<>(
          reason(head + said + "; check MEMORY_API_KEY (the key is not shown)"));
    }
    if (status == 408 || status == 429 || status >= 500) {
      return new RemoteResult.RetryLater<>(reason(head + said));
    }
    if (status == 422 && detail.map(FailureClassifier::lacksAuthorization).orElse(false)) {
      return new RemoteResult.AuthFailed<>(
          reason(
              head
                  + ": the Authorization header did not reach the API; check MEMORY_API_KEY"
                  + " and any proxy in between"));
    }
    if (status == 404) {
      return new RemoteResult.NotFound<>(reason(head + said));
    }
    if (status >= 400) {
      return new RemoteResult.Rejected<>(status, reason(head + said));
    }
    // Redirects are not followed, so the key never travels to another address; the usual cause is
    // an http URL for an https server, or a login page in the way.
    String to = answer.location().isEmpty() ? "" : " to " + answer.location();
    return new RemoteResult.RetryLater<>(
        reason(head + " redirect" + to + "; set MEMORY_API_URL to the address the API answers on"));
  }

  private static boolean lacksAuthorization(ErrorDetail detail) {
    return detail.violations().stream().anyMatch(Violation::isAuthorizationHeader);
  }

  /** {@code content: String should have at most 1400 characters}, or the plain detail text. */
  private static String text(ErrorDetail detail) {
    if (detail.violations().isEmpty()) {
      return detail.message().orElse("");
    }
    return detail.violations().stream()
        .map(violation -> violation.field() + ": " + violation.message())
        .collect(Collectors.joining("; "));
  }

  private static String describe(IOException failure) {
    String message = failure.getMessage();
    String type = failure.getClass().getSimpleName();
    return message == null || message.isBlank() ? type : type + ": " + message;
  }

  /**
   * The key is removed before anything else, so that shortening cannot leave a piece of it; line
   * breaks go, so that a reason stays one log line.
   */
  private String reason(String text) {
    String scrubbed = text.replace(key.reveal(), "****").replaceAll("\\p{Cntrl}+", " ").strip();
    if (scrubbed.codePointCount(0, scrubbed.length()) <= MAX_REASON) {
      return scrubbed;
    }
    return scrubbed.substring(0, scrubbed.offsetByCodePoints(0, MAX_REASON)) + "…";
  }
}
