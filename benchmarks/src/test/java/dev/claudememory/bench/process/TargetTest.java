package dev.claudememory.bench.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class TargetTest {
  @Test
  void aCeilingIsMetAtOrBelowItsLimit() {
    Target target = Target.atMost(15, Unit.MILLISECONDS);

    assertThat(target.isMetBy(OptionalDouble.of(15))).isTrue();
    assertThat(target.isMetBy(OptionalDouble.of(15.01))).isFalse();
    assertThat(target).hasToString("≤ 15 ms");
  }

  @Test
  void aFloorIsMetAtOrAboveItsLimit() {
    Target target = Target.atLeast(250, Unit.MEMORIES_PER_SECOND);

    assertThat(target.isMetBy(OptionalDouble.of(250))).isTrue();
    assertThat(target.isMetBy(OptionalDouble.of(249.9))).isFalse();
    assertThat(target).hasToString("≥ 250 memories/s");
  }

  @Test
  void noReadingMeetsAnyTarget() {
    assertThat(Target.atMost(0.5, Unit.KILOBYTES).isMetBy(OptionalDouble.empty())).isFalse();
    assertThat(Target.atLeast(0, Unit.MEMORIES_PER_SECOND).isMetBy(OptionalDouble.empty())).isFalse();
  }
}
