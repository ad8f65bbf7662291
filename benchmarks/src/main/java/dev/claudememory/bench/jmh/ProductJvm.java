package dev.claudememory.bench.jmh;

/**
 * The JVM options of {@code bin/claude-memory-mcp} that change how code runs (C1-only JIT, the
 * serial collector), for the benchmark forks: the hot paths are measured as the product runs them.
 */
final class ProductJvm {
  static final String C1_ONLY = "-XX:TieredStopAtLevel=1";
  static final String SERIAL_GC = "-XX:+UseSerialGC";
  static final String NO_JOOQ_LOGO = "-Dorg.jooq.no-logo=true";
  static final String NO_JOOQ_TIPS = "-Dorg.jooq.no-tips=true";

  private ProductJvm() {}
}
