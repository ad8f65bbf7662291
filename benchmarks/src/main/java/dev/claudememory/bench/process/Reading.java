package dev.claudememory.bench.process;

import static java.util.Objects.requireNonNull;

import java.util.OptionalDouble;

/**
 * One server's value of a figure: a number in a unit (which ratios and targets compare), or only
 * a text (a yes/no check, or why the figure could not be measured).
 */
record Reading(OptionalDouble value, String text) {
  Reading {
    requireNonNull(value, "value");
    requireNonNull(text, "text");
  }

  static Reading of(double value, Unit unit) {
    return new Reading(OptionalDouble.of(value), unit.format(value));
  }

  static Reading text(String text) {
    return new Reading(OptionalDouble.empty(), text);
  }

  static Reading notMeasured(String why) {
    return text("n/a (" + why + ")");
  }
}
