package dev.claudememory.http.json;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One entry of a FastAPI validation failure.
 *
 * @param location {@code loc}: where the bad value was, e.g. {@code ["body","content"]}
 * @param message {@code msg}, e.g. {@code String should have at most 1400 characters}
 */
public record Violation(List<String> location, String message) {
  private static final Set<String> PARTS = Set.of("body", "query", "path", "header", "cookie");

  public Violation {
    location = List.copyOf(location);
    requireNonNull(message, "message");
  }

  /**
   * The field a person would name: the location without its request part ({@code content} for
   * {@code ["body","content"]}), or the part alone when nothing follows it.
   */
  public String field() {
    if (location.isEmpty()) {
      return "request";
    }
    boolean hasPart = PARTS.contains(location.get(0).toLowerCase(Locale.ROOT));
    List<String> rest =
        hasPart && location.size() > 1 ? location.subList(1, location.size()) : location;
    return String.join(".", rest);
  }

  /** Whether this entry says the request lacks the {@code Authorization} header. */
  public boolean isAuthorizationHeader() {
    return location.size() == 2
        && location.get(0).equalsIgnoreCase("header")
        && location.get(1).equalsIgnoreCase("authorization");
  }
}
