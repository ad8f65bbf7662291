package dev.claudememory.core.maintenance;

import dev.claudememory.core.remote.RemoteResult;

/**
 * Whether the memory API answers and accepts the key, from one {@code GET /api/auth-check}. In
 * hybrid mode an unreachable API only delays sync; in remote-only mode nothing works without it.
 */
public final class ApiCheck {
  static final String NAME = "memory API";

  private ApiCheck() {}

  /** The line for local-only mode, which never calls the API. */
  public static Check notUsed() {
    return Check.ok(NAME, "not used: no MEMORY_API_KEY is set (local-only mode)");
  }

  /**
   * @param apiUrl the configured base URL, shown as it is (settings refuse one with user info)
   * @param answer what the auth check answered
   * @param remoteOnly whether every tool call needs the API
   */
  public static Check of(String apiUrl, RemoteResult<String> answer, boolean remoteOnly) {
    if (answer instanceof RemoteResult.Ok) {
      String user = ((RemoteResult.Ok<String>) answer).value();
      return Check.ok(NAME, apiUrl + " answers and accepts the key (user " + user + ")");
    }
    if (answer instanceof RemoteResult.AuthFailed) {
      String reason = ((RemoteResult.AuthFailed<String>) answer).reason();
      return Check.fail(
          NAME,
          apiUrl + " refuses the key (" + reason + ")",
          "set MEMORY_API_KEY to a valid key; until then nothing is pushed or pulled");
    }
    if (answer instanceof RemoteResult.RetryLater
        && ((RemoteResult.RetryLater<String>) answer).why() == RemoteResult.Why.NOT_THE_API) {
      return wrongUrl(apiUrl, ((RemoteResult.RetryLater<String>) answer).reason());
    }
    if (answer instanceof RemoteResult.RetryLater) {
      String reason = ((RemoteResult.RetryLater<String>) answer).reason();
      String detail = "cannot reach " + apiUrl + " (" + reason + ")";
      String check = "check MEMORY_API_URL and the network";
      if (remoteOnly) {
        return Check.fail(NAME, detail, check + "; in remote-only mode every tool needs the API");
      }
      return Check.warn(
          NAME, detail, check + "; meanwhile changes stay queued and are pushed when it answers");
    }
    if (answer instanceof RemoteResult.NotFound) {
      return wrongUrl(apiUrl, "404 " + ((RemoteResult.NotFound<String>) answer).reason());
    }
    if (answer instanceof RemoteResult.Rejected) {
      RemoteResult.Rejected<String> rejected = (RemoteResult.Rejected<String>) answer;
      return wrongUrl(apiUrl, rejected.status() + " " + rejected.reason());
    }
    throw new AssertionError(answer);
  }

  private static Check wrongUrl(String apiUrl, String answer) {
    return Check.fail(
        NAME,
        apiUrl + " answered the auth check with " + answer,
        "check that MEMORY_API_URL is the memory API's base URL");
  }
}
