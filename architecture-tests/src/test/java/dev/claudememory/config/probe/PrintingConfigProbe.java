package dev.claudememory.config.probe;

/** Breaks "no standard streams outside McpMain and the CLI". */
public final class PrintingConfigProbe {
  public void print() {
    System.err.println("probe");
  }
}
