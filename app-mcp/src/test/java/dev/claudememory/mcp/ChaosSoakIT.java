package dev.claudememory.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaos soak ({@link ChaosSoak}), bounded for every build; {@code scripts/soak.sh} runs it
 * longer and with any seed through the system properties {@code soak.seconds} and {@code
 * soak.seed}. Its figures line goes to stdout and to {@code target/soak-report.txt}.
 */
final class ChaosSoakIT {
  private static final long DEFAULT_SEED = 20_261_125L;
  private static final long DEFAULT_SECONDS = 60;

  @TempDir Path folder;

  @Test
  void afterTheFaultsStopEveryAcknowledgedMemoryIsOnTheServerAndInEveryDatabaseOnceAndNothingDeletedCameBack()
      throws Exception {
    long seed = Long.getLong("soak.seed", DEFAULT_SEED);
    Duration chaos = Duration.ofSeconds(Long.getLong("soak.seconds", DEFAULT_SECONDS));

    ChaosSoak.Report report = new ChaosSoak(new ChaosSoak.Settings(seed, chaos, Duration.ofSeconds(90), folder)).run();

    System.out.println(report.figures());
    Files.writeString(Path.of("target", "soak-report.txt"), report.figures() + System.lineSeparator(),
        StandardCharsets.UTF_8);
    assertThat(report.problems())
        .as("soak with seed %d for %d s (rerun: scripts/soak.sh --seed %d --minutes N); %s",
            seed, chaos.toSeconds(), seed, report.figures())
        .isEmpty();
    assertThat(report.acknowledged().get("store")).as("stores acknowledged").isPositive();
    assertThat(report.kills()).as("kills").isPositive();
  }
}
