package dev.claudememory.bench.process;

import java.util.HashMap;
import java.util.Map;

/** The settings that put a server in hybrid mode against an API on loopback. */
final class SyncSettings {
  static final String API_KEY = "bench-api-key";

  private SyncSettings() {}

  /** {@code MEMORY_API_URL} and {@code MEMORY_API_KEY}, plus {@code more}. */
  static Map<String, String> towards(String apiUrl, Map<String, String> more) {
    Map<String, String> settings = new HashMap<>(more);
    settings.put("MEMORY_API_URL", apiUrl);
    settings.put("MEMORY_API_KEY", API_KEY);
    return settings;
  }
}
