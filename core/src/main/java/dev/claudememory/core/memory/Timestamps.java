package dev.claudememory.core.memory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Timestamps in the shape the Python version writes, {@code 2026-11-24T21:47:33.680389+00:00}
 * (UTC, microseconds, {@code +00:00}), so text ordering stays right in a database both wrote.
 */
public final class Timestamps {
  private static final DateTimeFormatter PYTHON_SHAPE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");

  private Timestamps() {}

  public static String format(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC).format(PYTHON_SHAPE);
  }

  /** Parses any ISO-8601 date-time with an offset, as both versions and the API write them. */
  public static Optional<Instant> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text.trim()).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
