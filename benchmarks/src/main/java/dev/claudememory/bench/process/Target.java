package dev.claudememory.bench.process;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.OptionalDouble;

/** The most a figure may be (a time, a size), or the least (a rate), in its unit. */
record Target(double limit, Unit unit, boolean isFloor) {
  Target {
    requireNonNull(unit, "unit");
  }

  static Target atMost(double limit, Unit unit) {
    return new Target(limit, unit, false);
  }

  static Target atLeast(double limit, Unit unit) {
    return new Target(limit, unit, true);
  }

  boolean isMetBy(OptionalDouble value) {
    if (value.isEmpty()) {
      return false;
    }
    return isFloor ? value.getAsDouble() >= limit : value.getAsDouble() <= limit;
  }

  @Override
  public String toString() {
    return (isFloor ? "≥ " : "≤ ") + BigDecimal.valueOf(limit).stripTrailingZeros().toPlainString() + " " + unit.symbol();
  }
}
