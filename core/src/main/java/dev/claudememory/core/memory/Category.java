package dev.claudememory.core.memory;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.InvalidInputException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A memory's category. Input is canonicalised as the remote API does and must name one of its
 * {@link #KNOWN} categories; rows pulled from the server or found in an old database may carry any
 * name, which is kept as it is ({@link #stored}).
 */
public record Category(String name) {
  /** The API's categories, in its order. */
  public static final List<String> KNOWN =
      List.of(
          "facts",
          "decisions",
          "projects",
          "preferences",
          "gotchas",
          "references",
          "infrastructure",
          "runbook",
          "lessons",
          "operations",
          "post-mortems",
          "people",
          "incidents",
          "feedback",
          "process",
          "architecture",
          "sessions");

  public static final Category DEFAULT = new Category("facts");

  private static final Map<String, String> ALIASES =
      Map.of(
          "gotcha", "gotchas",
          "project", "projects",
          "reference", "references",
          "infra", "infrastructure",
          "bug", "gotchas",
          "incident", "incidents",
          "procedures", "runbook");

  public Category {
    requireNonNull(name, "name");
  }

  /**
   * The canonical category for a person's input: trimmed (any Unicode space, as Python's {@code
   * strip} does), lower case, aliases resolved.
   *
   * @throws InvalidInputException when the result is not one of {@link #KNOWN}, listing them
   */
  public static Category canonical(String input) {
    requireNonNull(input, "category");
    String normalized = TextRules.strip(input).toLowerCase(Locale.ROOT);
    String name = ALIASES.getOrDefault(normalized, normalized);
    if (!KNOWN.contains(name)) {
      throw new InvalidInputException(
          "category",
          "unknown category '"
              + TextRules.echo(input)
              + "'; valid categories: "
              + String.join(", ", KNOWN));
    }
    return new Category(name);
  }

  /**
   * This category if it is one a write may carry, else its canonical form.
   *
   * @throws InvalidInputException when it is not one of {@link #KNOWN} nor an alias of one
   */
  public Category requireCanonical() {
    return isKnown() ? this : canonical(name);
  }

  /** A category as found in a stored row, whatever its name. */
  public static Category stored(String name) {
    return new Category(name == null ? DEFAULT.name : name);
  }

  public boolean isKnown() {
    return KNOWN.contains(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
