package dev.claudememory.core.remote;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of one call to the remote memory API. Callers handle every case; none is thrown.
 *
 * @param <T> what a successful call answers
 */
public sealed interface RemoteResult<T> {

  /** The call succeeded. */
  record Ok<T>(T value) implements RemoteResult<T> {
    public Ok {
      requireNonNull(value, "value");
    }
  }

  /**
   * The call may succeed later: the API was unreachable, timed out, answered 5xx, 408 or 429. A
   * mutating call that timed out may have been applied by the server.
   */
  record RetryLater<T>(String reason) implements RemoteResult<T> {}

  /** The API refused the key (401, 403, or 422 for a missing header). */
  record AuthFailed<T>(String reason) implements RemoteResult<T> {}

  /** The memory does not exist on the server (or is not the key owner's). */
  record NotFound<T>(String reason) implements RemoteResult<T> {}

  /**
   * The API refused the request for good (another 4xx): retrying it unchanged cannot succeed.
   *
   * @param status the HTTP status
   * @param reason the server's explanation, naming the field at fault where it did
   */
  record Rejected<T>(int status, String reason) implements RemoteResult<T> {}

  static <T> Ok<T> ok(T value) {
    return new Ok<>(value);
  }
}
