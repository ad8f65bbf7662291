package dev.claudememory.http;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The bounds on calls to the remote API.
 *
 * @param connect bound on opening a connection
 * @param call bound on a whole ordinary call: connecting, sending and reading the answer
 * @param recall bound on a whole recall ({@code MEMORY_RECALL_TIMEOUT}), which searches on the
 *     server and may take longer
 */
public record HttpTimeouts(Duration connect, Duration call, Duration recall) {
  public HttpTimeouts {
    requirePositive("connect", connect);
    requirePositive("call", call);
    requirePositive("recall", recall);
  }

  /** Connect 5 s, call 15 s (the original client's bound), and the given recall bound. */
  public static HttpTimeouts withRecall(Duration recall) {
    return new HttpTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(15), recall);
  }

  private static void requirePositive(String name, Duration value) {
    requireNonNull(value, name);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException("the " + name + " timeout must be positive, was " + value);
    }
  }
}
