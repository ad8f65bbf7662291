package dev.claudememory.bench.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SamplesTest {
  @Test
  void percentilesAreNearestRank() {
    Samples samples = new Samples();
    for (long value = 100; value >= 1; value--) {
      samples.add(value);
    }
    assertThat(samples.median()).isEqualTo(50);
    assertThat(samples.p99()).isEqualTo(99);
    assertThat(samples.percentile(100)).isEqualTo(100);
    assertThat(samples.percentile(1)).isEqualTo(1);
  }

  @Test
  void withFewerThanAHundredSamplesP99IsTheLargest() {
    Samples samples = new Samples();
    for (long value : new long[] {7, 3, 9, 1, 5}) {
      samples.add(value);
    }
    assertThat(samples.median()).isEqualTo(5);
    assertThat(samples.p99()).isEqualTo(9);
  }

  @Test
  void readingsAreInTheFiguresUnit() {
    Samples samples = new Samples();
    samples.add(250_000);
    assertThat(samples.medianReading(Unit.MILLISECONDS).text()).isEqualTo("0.250 ms");
    assertThat(samples.medianReading(Unit.MILLISECONDS).value()).hasValue(0.25);
  }

  @Test
  void aFigureNotMeasuredSaysWhyAndTakesNoSamples() {
    Samples samples = Samples.notMeasured("no memory_store");
    assertThat(samples.medianReading(Unit.MILLISECONDS).text()).isEqualTo("n/a (no memory_store)");
    assertThat(samples.medianReading(Unit.MILLISECONDS).value()).isEmpty();
    assertThatThrownBy(() -> samples.add(1)).isInstanceOf(IllegalStateException.class);
  }
}
