package dev.claudememory.core.memory;

import dev.claudememory.core.InvalidInputException;

/** How much a memory matters, 0.0 to 1.0; values outside are clamped (the API rejects them). */
public record Importance(double value) {
  public static final Importance DEFAULT = new Importance(0.5);

  public Importance {
    if (Double.isNaN(value)) {
      throw new InvalidInputException(
          "importance", "importance must be a number between 0.0 and 1.0");
    }
    value = Math.max(0.0, Math.min(1.0, value));
  }

  /** One decimal, as the tool results show it ({@code 0.5}, {@code 1.0}). */
  public String display() {
    return String.format(java.util.Locale.ROOT, "%.1f", value);
  }
}
