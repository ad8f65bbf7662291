package dev.claudememory.config;

import dev.claudememory.core.InvalidInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A value read from the environment, with the variable it came from (the main name or its alias),
 * so that an error names what the person actually set.
 */
record SettingValue(String variable, String text) {
  private static final Pattern NUMBER = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");
  private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]+");
  private static final int SHOWN_CODE_POINTS = 80;
  private static final Set<String> ON = Set.of("1", "true", "yes", "on");
  private static final Set<String> OFF = Set.of("0", "false", "no", "off");

  /**
   * The value as the base URL of the API: http or https, a host, no user info, query or fragment,
   * and no trailing slash.
   */
  URI asHttpUrl() {
    String url = text.strip();
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw invalid("is not a valid URL (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw invalid("must be an http:// or https:// URL, such as http://localhost:8080");
    }
    if (uri.getRawUserInfo() != null) {
      // The URL is not repeated: what looks like a user name may be a password
      throw invalidWithoutValue(
          "must not contain a user name or password; put the key in MEMORY_API_KEY");
    }
    if (uri.getHost() == null) {
      throw invalid("has no valid host name");
    }
    if (uri.getPort() > 65_535) {
      throw invalid("has a port above 65535");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw invalid("must be a base URL without ? or #");
    }
    // Paths are appended to it ("/api/memories"), so a trailing slash would double up
    String trimmed = url.replaceAll("/+$", "");
    return trimmed.equals(url) ? uri : URI.create(trimmed);
  }

  /**
   * The value as a switch: {@code 1}, {@code true}, {@code yes} or {@code on} is on; {@code 0},
   * {@code false}, {@code no} or {@code off} is off (any case, spaces around ignored). Anything
   * else is refused rather than taken for off, so a setting never goes silently unheeded.
   */
  boolean asSwitch() {
    String word = text.strip().toLowerCase(Locale.ROOT);
    if (ON.contains(word)) {
      return true;
    }
    if (OFF.contains(word)) {
      return false;
    }
    throw invalid("must be 1, true, yes or on to turn it on, or 0, false, no or off to turn it off");
  }

  /**
   * The value as a positive number of seconds, whole or decimal, at most {@code maxSeconds}.
   *
   * @param example the default, shown as an example of a valid value
   */
  Duration asSeconds(Duration example, long maxSeconds) {
    String number = text.strip();
    if (!NUMBER.matcher(number).matches()) {
      throw invalid("must be a number of seconds, such as " + example.getSeconds());
    }
    BigDecimal seconds = new BigDecimal(number);
    if (seconds.signum() <= 0) {
      throw invalid("must be more than 0 seconds");
    }
    if (seconds.compareTo(BigDecimal.valueOf(maxSeconds)) > 0) {
      throw invalid("must be at most " + maxSeconds + " seconds");
    }
    // Rounded up, so that "0.0001" is the smallest positive duration rather than zero
    return Duration.ofMillis(
        seconds.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact());
  }

  /**
   * The value as a whole number from {@code min} to {@code max}.
   *
   * @param unit what is counted, for messages ("characters")
   * @param example a valid value to suggest
   */
  int asWholeNumber(String unit, int example, int min, int max) {
    String number = text.strip();
    if (!WHOLE_NUMBER.matcher(number).matches()) {
      throw invalid("must be a whole number of " + unit + ", such as " + example);
    }
    BigDecimal value = new BigDecimal(number);
    if (value.compareTo(BigDecimal.valueOf(min)) < 0) {
      throw invalid("must be at least " + min + " " + unit);
    }
    if (value.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw invalid("must be at most " + max + " " + unit);
    }
    return value.intValueExact();
  }

  /** An error naming the variable and, shown safely, the value at fault. */
  InvalidInputException invalid(String problem) {
    return new InvalidInputException(variable, variable + " " + problem + "; got " + shown(text));
  }

  /** An error naming the variable only, for values that must not be repeated. */
  InvalidInputException invalidWithoutValue(String problem) {
    return new InvalidInputException(variable, variable + " " + problem);
  }

  /**
   * The value quoted for a message: control characters escaped so a terminal shows them, and long
   * values cut, so one bad variable cannot flood the screen.
   */
  static String shown(String text) {
    StringBuilder out = new StringBuilder("'");
    int shownCodePoints = 0;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      i += Character.charCount(codePoint);
      if (shownCodePoints == SHOWN_CODE_POINTS) {
        out.append("...");
        break;
      }
      if (Character.isISOControl(codePoint)
          || Character.getType(codePoint) == Character.SURROGATE) {
        out.append(String.format("\\u%04x", codePoint));
      } else {
        out.appendCodePoint(codePoint);
      }
      shownCodePoints++;
    }
    return out.append('\'').toString();
  }
}
