package dev.claudememory.bench.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's resident set size, as Linux reports it in {@code /proc/<pid>/status}. */
final class ResidentMemory {
  private ResidentMemory() {}

  /** VmRSS in bytes; 0 for a process that has ended. */
  static long of(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          // "VmRSS:     41236 kB"
          return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").strip()) * 1024;
        }
      }
      return 0;
    } catch (IOException e) {
      return 0;
    }
  }
}
