package dev.claudememory.core.probe;

import java.util.logging.Logger;

/** Breaks "no java.util.logging". */
public final class JulInCoreProbe {
  public void log() {
    Logger.getLogger("probe").info("probe");
  }
}
