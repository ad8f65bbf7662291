package dev.claudememory.core.remote;

import static java.util.Objects.requireNonNull;

/**
 * A memory's full content as the API's secret call answers it.
 *
 * @param source where the server read it: {@code vault}, {@code encrypted} or {@code plaintext}
 */
public record RemoteSecret(String content, String source) {
  public RemoteSecret {
    requireNonNull(content, "content");
    requireNonNull(source, "source");
  }

  @Override
  public String toString() {
    return "RemoteSecret[source=" + source + "]";
  }
}
