package dev.claudememory.sqlite.probe;

import dev.claudememory.config.Settings;

/** Breaks "adapters see neither each other nor config nor apps". */
public final class ConfigInSqliteProbe {
  public String database(Settings settings) {
    return settings.database().toString();
  }
}
