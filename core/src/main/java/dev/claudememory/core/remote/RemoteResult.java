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
   * The call may succeed later: the API was unreachable, timed out, answered 5xx, 408 or 429, or
   * something else answered in its place. A mutating call that timed out may have been applied by
   * the server.
   *
   * @param why what kind of failure it was, so a person can be told what to do about it
   * @param reason what happened, in one line, naming the call and the address
   */
  record RetryLater<T>(Why why, String reason) implements RemoteResult<T> {
    public RetryLater {
      requireNonNull(why, "why");
      requireNonNull(reason, "reason");
    }
  }

  /** The kinds of failure that may pass. */
  enum Why {
    /** No connection could be made (refused, unknown host, no route): nothing reached the API. */
    UNREACHABLE,
    /**
     * The request went out but no complete answer came back in time, or a gateway answered that it
     * gave up waiting (504): it may have been applied, or still be.
     */
    NO_ANSWER,
    /** The API answered that it cannot serve now (5xx but 504, 408, 429), done with the request. */
    SERVER_ERROR,
    /**
     * Something answered that is not the memory API (a web page, JSON of another shape, a
     * redirect): {@code MEMORY_API_URL} is wrong, or a captive portal or proxy is in the way.
     */
    NOT_THE_API
  }

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
