package dev.claudememory.testkit;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One request the fake API server received, as it arrived (before any fault or answer).
 *
 * @param path the path as sent, still percent-encoded
 * @param query the query string as sent, still percent-encoded; empty when there is none
 * @param headers every header, names in lower case
 * @param body the body as UTF-8 text; empty when there is none or the connection was reset before
 *     it was read
 */
public record RecordedRequest(
    String method, String path, String query, Map<String, List<String>> headers, String body) {

  public RecordedRequest {
    requireNonNull(method, "method");
    requireNonNull(path, "path");
    requireNonNull(query, "query");
    requireNonNull(body, "body");
    headers = Map.copyOf(headers);
  }

  /** The first value of a header, by case-insensitive name. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  public Optional<String> idempotencyKey() {
    return header("Idempotency-Key");
  }

  /** A query parameter's last value, decoded as the API decodes it ({@code +} is a space). */
  public Optional<String> queryParameter(String name) {
    return Optional.ofNullable(QueryString.parse(query).get(name));
  }

  /** Never shows the body or the Authorization header, which may hold secrets. */
  @Override
  public String toString() {
    return method + " " + path + (query.isEmpty() ? "" : "?" + query);
  }
}
