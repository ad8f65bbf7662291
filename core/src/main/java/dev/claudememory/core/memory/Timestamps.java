package dev.claudememory.core.memory;

import java.time.Instant;
import java.time.LocalDateTime;
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

  /** The instant in the Python shape, cut (not rounded) to microseconds. */
  public static String format(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC).format(PYTHON_SHAPE);
  }

  /**
   * Parses an ISO-8601 date-time as both versions and the API write it: with an offset ({@code
   * +00:00}, {@code Z}, any other), with or without a fraction. Text without an offset, as old rows
   * and SQLite's {@code CURRENT_TIMESTAMP} ({@code 2026-11-24 21:47:33}) hold, is taken as UTC.
   * Anything else is empty, never an exception.
   */
  public static Optional<Instant> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String iso = text.strip();
    // SQLite's own timestamps put a space where ISO-8601 has 'T'
    if (iso.length() > 10 && iso.charAt(10) == ' ') {
      iso = iso.substring(0, 10) + 'T' + iso.substring(11);
    }
    try {
      return Optional.of(OffsetDateTime.parse(iso).toInstant());
    } catch (DateTimeParseException withOffset) {
      try {
        return Optional.of(LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException withoutOffset) {
        return Optional.empty();
      }
    }
  }
}
