package dev.claudememory.testkit;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One API route: method, path pattern ({@code {}} for a parameter), access and endpoint. */
record Route(String method, List<String> pattern, Access access, Endpoint endpoint) {

  /** Whether a route needs the key, reads a JSON body, and changes state. */
  enum Access {
    PUBLIC(false, false, false),
    READ(true, false, false),
    READ_WITH_BODY(true, true, false),
    WRITE(true, false, true),
    WRITE_WITH_BODY(true, true, true);

    final boolean authenticated;
    final boolean hasBody;
    final boolean mutating;

    Access(boolean authenticated, boolean hasBody, boolean mutating) {
      this.authenticated = authenticated;
      this.hasBody = hasBody;
      this.mutating = mutating;
    }
  }

  /**
   * Validates a call, adding errors, and answers the action that performs it; the action runs
   * only when no error was added (FastAPI validates everything before the endpoint runs).
   */
  @FunctionalInterface
  interface Endpoint {
    Action prepare(Call call, FieldErrors errors);
  }

  /** Performs a validated call; may throw {@link Refusal} for a 400, 404 or 500. */
  @FunctionalInterface
  interface Action {
    Answer run();
  }

  Route {
    requireNonNull(method, "method");
    pattern = List.copyOf(pattern);
    requireNonNull(access, "access");
    requireNonNull(endpoint, "endpoint");
  }

  static Route of(String method, String path, Access access, Endpoint endpoint) {
    return new Route(method, segments(path), access, endpoint);
  }

  /** The path's parameters when the path matches the pattern (whatever the method). */
  Optional<List<String>> match(List<String> path) {
    if (path.size() != pattern.size()) {
      return Optional.empty();
    }
    List<String> parameters = new ArrayList<>();
    for (int i = 0; i < path.size(); i++) {
      if (pattern.get(i).equals("{}")) {
        if (path.get(i).isEmpty()) {
          return Optional.empty();
        }
        parameters.add(path.get(i));
      } else if (!pattern.get(i).equals(path.get(i))) {
        return Optional.empty();
      }
    }
    return Optional.of(parameters);
  }

  /** {@code /a/b/} is three segments, the last empty, so a trailing slash never matches. */
  static List<String> segments(String path) {
    String relative = path.startsWith("/") ? path.substring(1) : path;
    return List.of(relative.split("/", -1));
  }
}
