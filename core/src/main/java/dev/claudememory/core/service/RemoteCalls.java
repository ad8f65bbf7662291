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
      return "could not " + action + ": the memory API did not answer (" + later.reason()
          + "); try again in a moment";
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
}
