package dev.claudememory.bench.process;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One line of the result table: a figure, its reading for each server measured (ours first), and
 * the target ours should meet, if there is one.
 */
record Row(String figure, List<Reading> readings, Optional<Target> target) {
  Row {
    requireNonNull(figure, "figure");
    readings = List.copyOf(readings);
    requireNonNull(target, "target");
    if (readings.isEmpty()) {
      throw new IllegalArgumentException("a row needs at least our reading: " + figure);
    }
  }

  static Row of(String figure, List<Reading> readings, Target target) {
    return new Row(figure, readings, Optional.of(target));
  }

  static Row of(String figure, List<Reading> readings) {
    return new Row(figure, readings, Optional.empty());
  }

  Reading ours() {
    return readings.get(0);
  }

  Optional<Reading> other() {
    return readings.size() > 1 ? Optional.of(readings.get(1)) : Optional.empty();
  }
}
