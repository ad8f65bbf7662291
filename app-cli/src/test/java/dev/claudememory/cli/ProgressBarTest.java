package dev.claudememory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

final class ProgressBarTest {
  private final StringWriter drawn = new StringWriter();
  private final AtomicLong now = new AtomicLong(1_000_000L);

  private ProgressBar bar(boolean onTerminal) {
    return new ProgressBar(new PrintWriter(drawn), "Importing", now::get, onTerminal);
  }

  private void after(Duration time) {
    now.addAndGet(time.toNanos());
  }

  @Test
  void workDoneWithinASecondShowsNothing() {
    try (ProgressBar bar = bar(true)) {
      after(Duration.ofMillis(999));
      bar.show(9_999, 10_000);
      bar.show(10_000, 10_000);
    }

    assertThat(drawn.toString()).isEmpty();
  }

  @Test
  void workOverASecondDrawsOneLineAndClearsItAtTheEnd() {
    try (ProgressBar bar = bar(true)) {
      after(Duration.ofSeconds(1));
      bar.show(4_500, 10_000);

      assertThat(drawn.toString()).isEqualTo("\rImporting [#############-----------------] 4,500/10,000");
    }

    assertThat(drawn.toString()).endsWith("\r" + " ".repeat(55) + "\r").doesNotContain("\n");
  }

  @Test
  void redrawsAtMostTenTimesASecondButAlwaysTheEnd() {
    try (ProgressBar bar = bar(true)) {
      after(Duration.ofSeconds(2));
      bar.show(1, 4);
      after(Duration.ofMillis(50));
      bar.show(2, 4);
      bar.show(4, 4);
    }

    assertThat(drawn.toString())
        .contains("1/4")
        .doesNotContain("2/4")
        .contains("[##############################] 4/4");
  }

  @Test
  void offATerminalNothingIsEverDrawn() {
    try (ProgressBar bar = bar(false)) {
      after(Duration.ofMinutes(5));
      bar.show(1, 2);
      bar.show(2, 2);
    }

    assertThat(drawn.toString()).isEmpty();
  }

  @Test
  void aTestRunIsNotATerminal() {
    assertThat(ProgressBar.isTerminal()).isFalse();
  }
}
