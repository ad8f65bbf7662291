package dev.claudememory.bench.process;

import java.util.ArrayList;
import java.util.List;

/** The samples of one figure, one series per server measured (ours first). */
final class PerServer {
  private final List<Samples> series = new ArrayList<>();

  PerServer(int servers) {
    for (int i = 0; i < servers; i++) {
      series.add(new Samples());
    }
  }

  Samples of(int server) {
    return series.get(server);
  }

  void set(int server, Samples samples) {
    series.set(server, samples);
  }

  List<Reading> medians(Unit unit) {
    List<Reading> readings = new ArrayList<>();
    series.forEach(samples -> readings.add(samples.medianReading(unit)));
    return readings;
  }

  List<Reading> p99s(Unit unit) {
    List<Reading> readings = new ArrayList<>();
    series.forEach(samples -> readings.add(samples.p99Reading(unit)));
    return readings;
  }
}
