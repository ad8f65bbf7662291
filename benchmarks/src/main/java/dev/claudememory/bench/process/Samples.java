package dev.claudememory.bench.process;

import java.util.Arrays;

/**
 * Measured amounts (durations in nanoseconds, sizes in bytes) and their order statistics. Percentiles are nearest-rank:
 * the p-th percentile of n samples is the ⌈p·n/100⌉-th smallest, always a measured value (with
 * fewer than 100 samples, p99 is the largest).
 */
final class Samples {
  private final String notMeasuredBecause;
  private long[] values = new long[64];
  private int count;

  Samples() {
    this(null);
  }

  private Samples(String notMeasuredBecause) {
    this.notMeasuredBecause = notMeasuredBecause;
  }

  /** No samples, and why (the server lacks a tool the figure needs). */
  static Samples notMeasured(String why) {
    return new Samples(why);
  }

  /** Whether samples may be added (false once a figure was found not measurable). */
  boolean isMeasurable() {
    return notMeasuredBecause == null;
  }

  /** The median as a figure's reading, or why there is none. */
  Reading medianReading(Unit unit) {
    return reading(50, unit);
  }

  Reading p95Reading(Unit unit) {
    return reading(95, unit);
  }

  Reading p99Reading(Unit unit) {
    return reading(99, unit);
  }

  private Reading reading(double percent, Unit unit) {
    if (notMeasuredBecause != null) {
      return Reading.notMeasured(notMeasuredBecause);
    }
    return Reading.of(unit.of(percentile(percent)), unit);
  }

  void add(long amount) {
    if (notMeasuredBecause != null) {
      throw new IllegalStateException("not measured: " + notMeasuredBecause);
    }
    if (amount < 0) {
      throw new IllegalArgumentException("an amount cannot be negative: " + amount);
    }
    if (count == values.length) {
      values = Arrays.copyOf(values, count * 2);
    }
    values[count++] = amount;
  }

  int count() {
    return count;
  }

  long median() {
    return percentile(50);
  }

  long p99() {
    return percentile(99);
  }

  /** @param percent in (0, 100] */
  long percentile(double percent) {
    if (count == 0) {
      throw new IllegalStateException("no samples");
    }
    if (!(percent > 0 && percent <= 100)) {
      throw new IllegalArgumentException("percent must be in (0, 100]: " + percent);
    }
    long[] sorted = Arrays.copyOf(values, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(percent / 100 * count);
    return sorted[Math.max(rank, 1) - 1];
  }
}
