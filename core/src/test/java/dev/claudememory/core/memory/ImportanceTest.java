package dev.claudememory.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudememory.core.InvalidInputException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class ImportanceTest {
  private static final long SEED = 0x1A2B3C4DL;

  @ParameterizedTest
  @CsvSource({"0.0", "0.5", "1.0", "0.73", "4.9E-324"})
  void valuesFromZeroToOneAreKept(double given) {
    assertThat(new Importance(given).value()).isEqualTo(given);
  }

  @ParameterizedTest
  @CsvSource({"1.5, 1.5", "100, 100.0", "-0.2, -0.2", "-1e300, -1.0E300", "Infinity, Infinity", "-Infinity, -Infinity"})
  void valuesOutsideZeroToOneAreRefusedNamingTheRangeAndTheValue(double given, String shown) {
    assertThatThrownBy(() -> new Importance(given))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("importance"))
        .hasMessage("importance must be a number between 0.0 and 1.0; got " + shown);
  }

  @ParameterizedTest
  @CsvSource({
    "0.73, 0.73",
    "1.5, 1.0",
    "100, 1.0",
    "-0.2, 0.0",
    "-1e300, 0.0",
    "Infinity, 1.0",
    "-Infinity, 0.0"
  })
  void dataFromElsewhereIsClampedIntoZeroToOne(double given, double kept) {
    assertThat(Importance.clamped(given).value()).isEqualTo(kept);
  }

  @Test
  void negativeZeroBecomesZero() {
    Importance importance = new Importance(-0.0);

    assertThat(Double.doubleToRawLongBits(importance.value())).isEqualTo(0L);
    assertThat(importance.display()).isEqualTo("0.0");
  }

  @Test
  void notANumberIsRejected() {
    assertThatThrownBy(() -> new Importance(Double.NaN))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("importance"))
        .hasMessageContaining("between 0.0 and 1.0");
  }

  @Test
  void theDefaultIsOneHalf() {
    assertThat(Importance.DEFAULT.value()).isEqualTo(0.5);
  }

  @ParameterizedTest
  @CsvSource({
    "0.5, 0.5",
    "1.0, 1.0",
    "0.0, 0.0",
    "0.25, 0.2",
    "0.75, 0.8",
    "0.15, 0.1",
    "0.35, 0.3",
    "0.05, 0.1",
    "0.800000011920929, 0.8",
    "0.96, 1.0"
  })
  void displayRoundsToOneDecimalAsPythonDoes(double value, String shown) {
    assertThat(new Importance(value).display()).isEqualTo(shown);
  }

  @ParameterizedTest
  @CsvSource({"1.7, 1.7", "-0.01, -0.0", "-3.25, -3.2", "NaN, NaN", "Infinity, Infinity"})
  void formatShowsValuesOfOldRowsAsTheyAre(double value, String shown) {
    assertThat(Importance.format(value)).isEqualTo(shown);
  }

  @Test
  void randomDoublesAreKeptWithinZeroAndOneAndRefusedOutside() {
    Random random = new Random(SEED);
    for (int i = 0; i < 20_000; i++) {
      double given = randomDouble(random);
      String context = "seed " + SEED + ", draw " + i + ", value " + given;
      if (Double.isNaN(given) || given < 0.0 || given > 1.0) {
        assertThatThrownBy(() -> new Importance(given)).as(context)
            .isInstanceOf(InvalidInputException.class);
        if (!Double.isNaN(given)) {
          assertThat(Importance.clamped(given).value()).as(context).isEqualTo(given > 1.0 ? 1.0 : 0.0);
        }
        continue;
      }
      double kept = new Importance(given).value();

      assertThat(kept).as(context).isEqualTo(given == 0.0 ? 0.0 : given);
      assertThat(Importance.clamped(given).value()).as(context).isEqualTo(kept);
    }
  }

  /** Ordinary values, values near the bounds, and arbitrary bit patterns (NaN, infinities...). */
  private static double randomDouble(Random random) {
    switch (random.nextInt(4)) {
      case 0:
        return random.nextDouble();
      case 1:
        return random.nextGaussian() * 3;
      case 2:
        return (random.nextBoolean() ? 1.0 : 0.0) + (random.nextDouble() - 0.5) * 1e-9;
      default:
        return Double.longBitsToDouble(random.nextLong());
    }
  }
}
