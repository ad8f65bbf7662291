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
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;
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
  private final String address;

  /** @param address the API's scheme, host and port, as reasons name it (never user info) */
  FailureClassifier(ApiKey key, ApiJson json, String address) {
    this.key = requireNonNull(key, "key");
    this.json = requireNonNull(json, "json");
    this.address = requireNonNull(address, "address");
  }

  /**
   * The call got no complete answer: no connection could be made (nothing reached the server), or
   * it was reset, timed out or cut off mid-answer.
   */
  <T> RemoteResult<T> unreachable(ApiCall call, IOException failure) {
    Optional<String> noConnection = noConnection(failure);
    if (noConnection.isPresent()) {
      return new RemoteResult.RetryLater<>(
          RemoteResult.Why.UNREACHABLE, reason(call.label() + ": " + noConnection.get()));
    }
    String what =
        failure instanceof InterruptedIOException
            ? "no complete answer before the timeout"
            : "the connection to " + address + " closed before a complete answer";
    String maybeApplied = call.mutating() ? "; the server may have applied it" : "";
    return new RemoteResult.RetryLater<>(
        RemoteResult.Why.NO_ANSWER, reason(call.label() + ": " + what + maybeApplied));
  }

  /** What kept the call from connecting at all, in a person's words; empty when it connected. */
  private Optional<String> noConnection(IOException failure) {
    if (failure instanceof UnknownHostException) {
      return Optional.of("unknown host in " + address + " (check MEMORY_API_URL)");
    }
    if (failure instanceof NoRouteToHostException) {
      return Optional.of("no route to " + address + " (check the network)");
    }
    if (failure instanceof SSLException) {
      return Optional.of("the TLS handshake with " + address + " failed (" + rootMessage(failure) + ")");
    }
    if (failure instanceof ConnectException) {
      String cause = rootMessage(failure);
      return Optional.of(
          cause.toLowerCase(Locale.ROOT).contains("refused")
              ? "connection refused at " + address + " (is the memory API running there?)"
              : "no connection to " + address + " (" + cause + ")");
    }
    // OkHttp's connect timeout is a SocketTimeoutException saying so
    String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
    if (failure instanceof SocketTimeoutException && message.contains("connect")) {
      return Optional.of("no connection to " + address + " before the timeout");
    }
    return Optional.empty();
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
    // A 2xx that is not the API's JSON: the URL names another server, or a captive portal or a
    // proxy answered in its place.
    String type = answer.contentType().toLowerCase(Locale.ROOT);
    String body =
        type.contains("html")
            ? "a web page (" + answer.contentType() + ")"
            : type.contains("json") ? "JSON of another shape (" + why + ")" : "a body that is not the API's JSON ("
                + (type.isEmpty() ? "no content type" : answer.contentType()) + "; " + why + ")";
    return new RemoteResult.RetryLater<>(
        RemoteResult.Why.NOT_THE_API,
        reason(
            call.label() + ": " + address + " answered HTTP " + answer.status() + " with " + body
                + ", not as the memory API does; check MEMORY_API_URL (or a captive portal or proxy"
                + " is in the way)"));
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
    if (status == 504) {
      // a gateway gave up waiting for the API, which may still apply the request
      return new RemoteResult.RetryLater<>(RemoteResult.Why.NO_ANSWER, reason(head + said));
    }
    if (status == 408 || status == 429 || status >= 500) {
      return new RemoteResult.RetryLater<>(RemoteResult.Why.SERVER_ERROR, reason(head + said));
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
        RemoteResult.Why.NOT_THE_API,
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

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
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
