package dev.claudememory.bench.process;

import java.io.PrintStream;
import java.util.List;

/**
 * What every figure works with: the run's options, its workspace, the servers to measure (ours
 * first) and where progress is reported.
 */
record Bench(BenchOptions options, Workspace workspace, List<ServerCommand> servers, PrintStream log) {
  Bench {
    servers = List.copyOf(servers);
  }

  void progress(String message) {
    log.println("bench: " + message);
  }
}
