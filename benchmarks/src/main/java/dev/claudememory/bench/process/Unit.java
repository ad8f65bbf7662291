package dev.claudememory.bench.process;

import java.util.Locale;

/** How a figure is shown: durations from nanoseconds, memory from bytes, rates as they are. */
enum Unit {
  MILLISECONDS("ms", 1e6),
  SECONDS("s", 1e9),
  KILOBYTES("KB", 1024.0),
  MEGABYTES("MB", 1024.0 * 1024.0),
  MEMORIES_PER_SECOND("memories/s", 1);

  private final String symbol;
  private final double perUnit;

  Unit(String symbol, double perUnit) {
    this.symbol = symbol;
    this.perUnit = perUnit;
  }

  String symbol() {
    return symbol;
  }

  /** A raw amount (nanoseconds or bytes) in this unit. */
  double of(long raw) {
    return raw / perUnit;
  }

  /** A raw amount that need not be whole (an average) in this unit. */
  double of(double raw) {
    return raw / perUnit;
  }

  /** Three significant digits or so: 0.184 ms, 12.3 ms, 245 ms. */
  String format(double value) {
    String number;
    if (value >= 100) {
      number = String.format(Locale.ROOT, "%.0f", value);
    } else if (value >= 10) {
      number = String.format(Locale.ROOT, "%.1f", value);
    } else if (value >= 1) {
      number = String.format(Locale.ROOT, "%.2f", value);
    } else {
      number = String.format(Locale.ROOT, "%.3f", value);
    }
    return number + " " + symbol;
  }
}
