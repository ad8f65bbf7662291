package dev.claudememory.core.remote;

import dev.claudememory.core.InvalidInputException;
import java.util.Locale;

/** What someone a memory is shared with may do with it. */
public enum SharePermission {
  READ,
  WRITE;

  /** The API's name: {@code read} or {@code write}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code read} or {@code write} (any case, trimmed). */
  public static SharePermission parse(String text) {
    String name = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    for (SharePermission permission : values()) {
      if (permission.wireName().equals(name)) {
        return permission;
      }
    }
    throw new InvalidInputException(
        "permission", "permission must be 'read' or 'write'; got '" + text + "'");
  }
}
