package dev.claudememory.http.json;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What an error answer's {@code detail} said.
 *
 * @param message the detail when it was a plain text
 * @param violations the entries when it was a validation list
 */
public record ErrorDetail(Optional<String> message, List<Violation> violations) {
  public ErrorDetail {
    requireNonNull(message, "message");
    violations = List.copyOf(violations);
  }
}
