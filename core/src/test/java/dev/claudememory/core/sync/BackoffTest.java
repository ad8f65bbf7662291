package dev.claudememory.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class BackoffTest {
  private static final Duration BASE = Duration.ofSeconds(1);
  private static final Duration CAP = Duration.ofMinutes(5);
  private static final double ALMOST_ONE = Math.nextDown(1.0);

  @ParameterizedTest(name = "after attempt {0} the wait is {1} to {2} ms")
  @CsvSource({
    "0, 500, 1000",
    "1, 500, 1000",
    "2, 1000, 2000",
    "3, 2000, 4000",
    "9, 128000, 256000",
    "10, 150000, 300000",
    "30, 150000, 300000",
    "1000000, 150000, 300000",
    "2147483647, 150000, 300000"
  })
  void theWaitDoublesPerAttemptUpToTheCapWithinHalfAndAllOfTheStep(
      int attempts, long lowestMillis, long stepMillis) {
    Duration lowest = new Backoff(BASE, CAP, () -> 0.0).delayAfter(attempts);
    Duration highest = new Backoff(BASE, CAP, () -> ALMOST_ONE).delayAfter(attempts);

    assertThat(lowest).isEqualTo(Duration.ofMillis(lowestMillis));
    assertThat(highest).isLessThan(Duration.ofMillis(stepMillis));
    assertThat(highest).isGreaterThanOrEqualTo(Duration.ofMillis(stepMillis - 1));
  }

  @Test
  void theJitterSpreadsTheWaitEvenlyBetweenHalfAndAllOfTheStep() {
    assertThat(new Backoff(BASE, CAP, () -> 0.5).delayAfter(3)).isEqualTo(Duration.ofMillis(3_000));
    assertThat(new Backoff(BASE, CAP, () -> 0.25).delayAfter(3)).isEqualTo(Duration.ofMillis(2_500));
  }

  @Test
  void aLargeBaseNeverOverflowsPastTheCap() {
    Backoff backoff = new Backoff(Duration.ofHours(1), Duration.ofHours(6), () -> ALMOST_ONE);

    assertThat(backoff.delayAfter(40)).isLessThan(Duration.ofHours(6)).isPositive();
  }
}
