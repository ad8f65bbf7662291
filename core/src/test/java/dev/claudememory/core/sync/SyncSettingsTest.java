package dev.claudememory.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The engine's pacing and lanes take the smallest sensible values and refuse anything less. */
final class SyncSettingsTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  @Test
  void oneLaneAndOneCreatePerImportAreAcceptedAndNoneIsRefused() {
    assertThat(new ParallelPushes(1, 1, Runnable::run).lanes()).isEqualTo(1);
    assertThatThrownBy(() -> new ParallelPushes(0, 1, Runnable::run)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ParallelPushes(1, 0, Runnable::run)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFullResyncEveryCycleAndOneOpPerReadAreAcceptedAndNoneIsRefused() {
    SyncOptions smallest = new SyncOptions(MINUTE, 1, MINUTE, MINUTE, 1);

    assertThat(smallest.fullResyncEvery()).isEqualTo(1);
    assertThat(smallest.batchSize()).isEqualTo(1);
    assertThatThrownBy(() -> new SyncOptions(MINUTE, 0, MINUTE, MINUTE, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SyncOptions(MINUTE, 1, MINUTE, MINUTE, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
