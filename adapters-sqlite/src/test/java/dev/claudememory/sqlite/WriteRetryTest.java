package dev.claudememory.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WriteRetryTest {
  private static final WriteRetry RETRY =
      new WriteRetry(6, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(2));

  @Test
  void delayCeilingDoublesUpToTheMaximumWithAtLeastHalfOfItKept() {
    Random random = new Random(7);
    long[] ceilings = {20, 40, 80, 100, 100};
    for (int failed = 1; failed <= ceilings.length; failed++) {
      for (int sample = 0; sample < 200; sample++) {
        Duration delay = RETRY.delayAfter(failed, Duration.ZERO, random).orElseThrow();
        assertThat(delay.toNanos())
            .as("after %d failed attempts", failed)
            .isBetween(Duration.ofMillis(ceilings[failed - 1]).toNanos() / 2,
                Duration.ofMillis(ceilings[failed - 1]).toNanos());
      }
    }
  }

  @Test
  void jitterSpreadsTheDelays() {
    Random random = new Random(7);
    long distinct =
        IntStream.range(0, 50)
            .mapToObj(i -> RETRY.delayAfter(3, Duration.ZERO, random).orElseThrow())
            .distinct()
            .count();

    assertThat(distinct).isGreaterThan(40);
  }

  @Test
  void noRetryAfterTheLastAttempt() {
    assertThat(RETRY.delayAfter(5, Duration.ZERO, new Random(1))).isPresent();
    assertThat(RETRY.delayAfter(6, Duration.ZERO, new Random(1))).isEmpty();
  }

  @Test
  void noRetryThatWouldEndPastTheBudget() {
    Optional<Duration> nearlySpent =
        RETRY.delayAfter(1, Duration.ofMillis(1_995), new Random(1));

    assertThat(nearlySpent).isEmpty();
    assertThat(RETRY.delayAfter(1, Duration.ofMillis(1_000), new Random(1))).isPresent();
  }

  @Test
  void theDefaultIsBoundedInAttemptsAndTime() {
    assertThat(WriteRetry.DEFAULT.maxAttempts()).isEqualTo(10);
    assertThat(WriteRetry.DEFAULT.budget()).isEqualTo(Duration.ofSeconds(30));
    assertThat(WriteRetry.DEFAULT.delayAfter(10, Duration.ZERO, new Random(1))).isEmpty();
  }

  @Test
  void nonsensicalSettingsAreRefused() {
    assertThatThrownBy(
            () -> new WriteRetry(0, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new WriteRetry(3, Duration.ofMillis(5), Duration.ofMillis(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
