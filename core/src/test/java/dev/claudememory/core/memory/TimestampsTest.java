package dev.claudememory.core.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

final class TimestampsTest {
  private static final long SEED = 20261124L;

  @Test
  void formatWritesThePythonShape() {
    Instant instant = Instant.parse("2026-11-24T21:47:33.680389Z");

    assertThat(Timestamps.format(instant)).isEqualTo("2026-11-24T21:47:33.680389+00:00");
  }

  @Test
  void formatAlwaysWritesSixFractionDigits() {
    assertThat(Timestamps.format(Instant.parse("2026-01-02T03:04:05Z")))
        .isEqualTo("2026-01-02T03:04:05.000000+00:00");
    assertThat(Timestamps.format(Instant.parse("2026-01-02T03:04:05.1Z")))
        .isEqualTo("2026-01-02T03:04:05.100000+00:00");
  }

  @Test
  void formatCutsNanosecondsRatherThanRounding() {
    assertThat(Timestamps.format(Instant.parse("2026-11-24T23:59:59.999999999Z")))
        .isEqualTo("2026-11-24T23:59:59.999999+00:00");
  }

  @ParameterizedTest
  @CsvSource({
    "2026-11-24T21:47:33.680389+00:00, 2026-11-24T21:47:33.680389Z",
    "2026-11-24T21:47:33.680389Z, 2026-11-24T21:47:33.680389Z",
    "2026-11-24T21:47:33+00:00, 2026-11-24T21:47:33Z",
    "2026-11-24T21:47:33Z, 2026-11-24T21:47:33Z",
    "2026-11-24T23:47:33.5+02:00, 2026-11-24T21:47:33.5Z",
    "2026-11-24T21:47:33.680389, 2026-11-24T21:47:33.680389Z",
    "2026-11-24 21:47:33, 2026-11-24T21:47:33Z",
    "'  2026-11-24T21:47:33+00:00\n', 2026-11-24T21:47:33Z"
  })
  void parseReadsTheShapesBothVersionsAndSqliteWrite(String text, String expected) {
    assertThat(Timestamps.parse(text)).contains(Instant.parse(expected));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "   ",
        "yesterday",
        "2026-11-24",
        "2026-13-01T00:00:00Z",
        "2026-11-24T25:00:00+00:00",
        "2026-11-24T21:47:33+25:00",
        "21:47:33",
        "2026-11-24T21:47:33.680389+00:00 trailing",
        "\u0000",
        "2026-11-24X21:47:33Z"
      })
  void garbageParsesToEmpty(String text) {
    assertThat(Timestamps.parse(text)).isEmpty();
  }

  @Test
  void formattedTextSortsAsTheInstantsDoAndParsesBack() {
    Random random = new Random(SEED);
    long min = Instant.parse("2000-01-01T00:00:00Z").getEpochSecond();
    long max = Instant.parse("2999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 5_000; i++) {
      Instant a = randomInstant(random, min, max);
      Instant b = random.nextInt(10) == 0 ? a.plusNanos(1_000) : randomInstant(random, min, max);
      String context = "seed " + SEED + ", draw " + i + ": " + a + " vs " + b;

      String textA = Timestamps.format(a);
      String textB = Timestamps.format(b);

      assertThat(Integer.signum(textA.compareTo(textB))).as(context)
          .isEqualTo(Integer.signum(a.compareTo(b)));
      assertThat(Timestamps.parse(textA)).as(context).contains(a);
    }
  }

  private static Instant randomInstant(Random random, long minSecond, long maxSecond) {
    long second = minSecond + (long) (random.nextDouble() * (maxSecond - minSecond));
    return Instant.ofEpochSecond(second, random.nextInt(1_000_000) * 1_000L);
  }
}
