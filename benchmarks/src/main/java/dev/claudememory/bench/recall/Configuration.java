package dev.claudememory.bench.recall;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** How the server is started for a series of recalls. */
public enum Configuration {
  /** Full text only: the embedding model is switched off. */
  LEXICAL("lexical", Map.of("MEMORY_SEMANTIC", "off")),
  /** The server's default: full text fused with the embedding model's similarity, when it has one. */
  HYBRID("hybrid", Map.of());

  private final String label;
  private final Map<String, String> settings;

  Configuration(String label, Map<String, String> settings) {
    this.label = label;
    this.settings = settings;
  }

  public String label() {
    return label;
  }

  /** The environment the server gets on top of a clean one. */
  public Map<String, String> settings() {
    return settings;
  }

  public static Optional<Configuration> named(String name) {
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    for (Configuration configuration : values()) {
      if (configuration.label.equals(wanted)) {
        return Optional.of(configuration);
      }
    }
    return Optional.empty();
  }
}
