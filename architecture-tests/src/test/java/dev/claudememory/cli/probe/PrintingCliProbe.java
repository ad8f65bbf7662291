package dev.claudememory.cli.probe;

/** Keeps "no standard streams outside McpMain and the CLI": the CLI may print. */
public final class PrintingCliProbe {
  public void print() {
    System.out.println("probe");
  }
}
