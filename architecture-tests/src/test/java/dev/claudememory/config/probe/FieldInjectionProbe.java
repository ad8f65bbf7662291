package dev.claudememory.config.probe;

import jakarta.inject.Inject;

/** Breaks "no field injection", even in config. */
public final class FieldInjectionProbe {
  @Inject String injected;
}
