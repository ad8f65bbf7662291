package dev.claudememory.config;

import dagger.Module;
import dagger.Provides;
import java.time.Clock;

/** What the core needs that is not an adapter: the time. */
@Module
final class CoreModule {
  private CoreModule() {}

  /** UTC, as every stored timestamp is. */
  @Provides
  static Clock clock() {
    return Clock.systemUTC();
  }
}
