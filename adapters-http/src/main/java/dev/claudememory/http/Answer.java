package dev.claudememory.http;

import static java.util.Objects.requireNonNull;

/**
 * An HTTP answer read in full, its connection already released.
 *
 * @param contentType the {@code Content-Type} header, empty when absent
 * @param location the {@code Location} header of a redirect, empty when absent
 */
record Answer(int status, byte[] body, String contentType, String location) {
  Answer {
    requireNonNull(body, "body");
    requireNonNull(contentType, "contentType");
    requireNonNull(location, "location");
  }

  boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** Never shows the body, which may echo content or a key. */
  @Override
  public String toString() {
    return "Answer[status="
        + status
        + ", bytes="
        + body.length
        + ", contentType="
        + contentType
        + "]";
  }
}
