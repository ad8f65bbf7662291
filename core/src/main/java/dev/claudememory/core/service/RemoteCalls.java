package dev.claudememory.core.service;

import dev.claudememory.core.RemoteApiException;
import dev.claudememory.core.remote.RemoteResult;
import java.util.Optional;

/** Turns the API's failures into messages for people, for calls that wait on the server. */
final class RemoteCalls {
  private RemoteCalls() {}

  /** The value, or empty when the server has no such memory; any other failure throws. */
  static <T> Optional<T> valueOrNotFound(RemoteResult<T> result, String action) {
    if (result instanceof RemoteResult.NotFound<T>) {
      return Optional.empty();
    }
    return Optional.of(value(result, action));
  }

  /** The value; any failure, not-found included, throws with a message naming the action. */
  static <T> T value(RemoteResult<T> result, String action) {
    if (result instanceof RemoteResult.Ok<T> ok) {
      return ok.value();
    }
    throw new RemoteApiException(failure(result, action));
  }

  static String failure(RemoteResult<?> result, String action) {
    if (result instanceof RemoteResult.RetryLater<?> later) {
      return "could not " + action + ": " + failure(later);
    }
    if (result instanceof RemoteResult.AuthFailed<?>) {
      return "could not " + action + ": the memory API refused the API key; check MEMORY_API_KEY";
    }
    if (result instanceof RemoteResult.NotFound<?>) {
      return "could not " + action + ": the memory API does not have it";
    }
    if (result instanceof RemoteResult.Rejected<?> rejected) {
      return "could not " + action + ": the memory API refused it (" + rejected.reason() + ")";
    }
    throw new IllegalArgumentException("not a failure: " + result);
  }

  /** What kept a call from succeeding this time, and what to do about it. */
  static String failure(RemoteResult.RetryLater<?> later) {
    switch (later.why()) {
      case UNREACHABLE:
        return what(later) + "; check that it runs and that MEMORY_API_URL points at it";
      case NO_ANSWER:
      case SERVER_ERROR:
        return what(later) + "; try again in a moment";
      case NOT_THE_API:
        return what(later);
      default:
        throw new AssertionError(later.why());
    }
  }

  /** What kept a call from succeeding this time. */
  static String what(RemoteResult.RetryLater<?> later) {
    switch (later.why()) {
      case UNREACHABLE:
        return "the memory API cannot be reached (" + later.reason() + ")";
      case NO_ANSWER:
        return "the memory API did not answer (" + later.reason() + ")";
      case SERVER_ERROR:
        return "the memory API failed (" + later.reason() + ")";
      case NOT_THE_API:
        return "what answered is not the memory API (" + later.reason() + ")";
      default:
        throw new AssertionError(later.why());
    }
  }
}
