package dev.claudememory.core.memory;

import dev.claudememory.core.InvalidInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How much a memory matters, 0.0 to 1.0. Values outside are clamped rather than refused (the API
 * rejects them with 422, so the clamped value is what gets sent); NaN is refused.
 */
public record Importance(double value) {
  public static final Importance DEFAULT = new Importance(0.5);

  public Importance {
    if (Double.isNaN(value)) {
      throw new InvalidInputException(
          "importance", "importance must be a number between 0.0 and 1.0; got NaN");
    }
    // Math.max(0.0, -0.0) is 0.0, so negative zero never shows as "-0.0"
    value = Math.max(0.0, Math.min(1.0, value));
  }

  /** One decimal, as the tool results show it ({@code 0.5}, {@code 1.0}). */
  public String display() {
    return format(value);
  }

  /**
   * One decimal, rounded as Python's {@code f"{x:.1f}"} rounds (the exact binary value, ties to
   * even), so {@code 0.25} shows {@code 0.2} and {@code 0.15} shows {@code 0.1} in both versions.
   * {@code String.format("%.1f")} would round those up. Values from old rows may be anything.
   */
  public static String format(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.toString(value);
    }
    BigDecimal rounded = new BigDecimal(value).setScale(1, RoundingMode.HALF_EVEN);
    // BigDecimal keeps the sign of a negative value that rounds to zero; Python prints "-0.0" too
    return (value < 0 && rounded.signum() == 0 ? "-" : "") + rounded.toPlainString();
  }
}
