package dev.claudememory.bench.process;

import java.math.BigDecimal;
import java.util.OptionalDouble;

/** The most a figure may be, in its unit. */
record Target(double limit, Unit unit) {
  static Target atMost(double limit, Unit unit) {
    return new Target(limit, unit);
  }

  boolean isMetBy(OptionalDouble value) {
    return value.isPresent() && value.getAsDouble() <= limit;
  }

  @Override
  public String toString() {
    return "≤ " + BigDecimal.valueOf(limit).stripTrailingZeros().toPlainString() + " " + unit.symbol();
  }
}
