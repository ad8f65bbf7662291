package dev.claudememory.core.probe;

import jakarta.inject.Inject;

/** Breaks "only config uses dependency injection": the core carries no DI annotations. */
public final class InjectInCoreProbe {
  @Inject
  public InjectInCoreProbe() {}
}
