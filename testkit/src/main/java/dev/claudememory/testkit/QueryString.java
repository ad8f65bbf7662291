package dev.claudememory.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Decodes query strings and path segments as the API (Starlette) does. */
final class QueryString {
  private QueryString() {}

  /**
   * Each parameter's last value, blank ones kept; {@code +} decodes to a space, which is why a
   * client must encode the {@code +} of a {@code +00:00} offset.
   */
  static Map<String, String> parse(String rawQuery) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("[&;]")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      parameters.put(percentDecode(name), percentDecode(value));
    }
    return parameters;
  }

  /** A path segment: percent-escapes decoded, {@code +} left as it is. */
  static String decodePathSegment(String segment) {
    return percentDecode(segment.replace("+", "%2B"));
  }

  /**
   * Percent-escapes and {@code +} decoded; a malformed escape is kept as it is, as Python's unquote
   * keeps it, rather than failing.
   */
  private static String percentDecode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return text;
    }
  }
}
