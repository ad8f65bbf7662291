package dev.claudememory.core.remote;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.InvalidInputException;

/**
 * The bearer key of the remote memory API. Its text is reachable only through {@link #reveal()}, so
 * that no {@code toString()}, log line or exception message can carry it by accident.
 */
public final class ApiKey {
  private final String value;

  private ApiKey(String value) {
    this.value = value;
  }

  /**
   * A key as a person configured it, surrounding whitespace removed.
   *
   * @param variable the setting it came from, named in the error
   * @throws InvalidInputException when it is blank or holds a character an HTTP header cannot carry
   *     (a space, a line break, a control or non-ASCII character); the message never shows the key
   */
  public static ApiKey of(String variable, String text) {
    requireNonNull(variable, "variable");
    requireNonNull(text, "text");
    String key = text.strip();
    if (key.isEmpty()) {
      throw new InvalidInputException(
          variable, variable + " is blank; set the API key or unset it");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      // Visible ASCII only: a bearer token has no spaces, and OkHttp refuses anything else in a
      // header, which would fail every request instead of failing once at start-up.
      if (c < 0x21 || c > 0x7e) {
        throw new InvalidInputException(
            variable,
            variable
                + " contains a space, line break, control or non-ASCII character, which an HTTP"
                + " header cannot carry; check the key (its value is not shown)");
      }
    }
    return new ApiKey(key);
  }

  /** The key itself, for the one place that puts it in the {@code Authorization} header. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ApiKey && ((ApiKey) other).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "ApiKey[****]";
  }
}
