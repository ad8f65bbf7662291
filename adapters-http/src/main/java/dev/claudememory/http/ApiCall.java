package dev.claudememory.http;

import static java.util.Objects.requireNonNull;

/**
 * One call as reasons and log lines name it, e.g. {@code PUT /api/memories/7}. The path never holds
 * the query, so no cursor or search text reaches a reason.
 *
 * @param mutating whether the server may have applied it even though its answer was lost
 */
record ApiCall(String method, String path, boolean mutating) {
  ApiCall {
    requireNonNull(method, "method");
    requireNonNull(path, "path");
  }

  boolean isDelete() {
    return method.equals("DELETE");
  }

  String label() {
    return method + " " + path;
  }
}
