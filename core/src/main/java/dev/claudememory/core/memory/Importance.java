package dev.claudememory.core.memory;

import dev.claudememory.core.InvalidInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How much a memory matters, 0.0 to 1.0. A value outside (or NaN) is refused: taken for the
 * nearest bound, a typing slip such as 8 for 0.8 would be stored without a word. Data from
 * elsewhere goes through {@link #clamped}.
 */
public record Importance(double value) {
  public static final Importance DEFAULT = new Importance(0.5);

  /** @throws InvalidInputException naming {@code importance} when the value is outside 0.0 to 1.0 */
  public Importance {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new InvalidInputException(
          "importance", "importance must be a number between 0.0 and 1.0; got " + value);
    }
    // -0.0 passes the check above; stored as 0.0 so it never shows as "-0.0"
    value = Math.abs(value);
  }

  /**
   * Data from elsewhere (an import of an export, whose older rows may hold anything) brought into
   * 0.0 to 1.0; NaN is still refused.
   */
  public static Importance clamped(double value) {
    return new Importance(Math.max(0.0, Math.min(1.0, value)));
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
