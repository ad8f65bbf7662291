package dev.claudememory.bench.process;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A bench whose one server is a {@link FakeMeaningServer} in a mode, started as its own process. */
final class FakeServers {
  static final int RUNS = 2;
  static final int CALLS = 6;

  private FakeServers() {}

  static ServerCommand meaning(String mode) {
    return new ServerCommand("ours", List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        FakeMeaningServer.class.getName(), mode));
  }

  /** A bench of few runs and calls on the fake in {@code mode}; its progress goes to {@code log}. */
  static Bench bench(Workspace workspace, String mode, ByteArrayOutputStream log) {
    BenchOptions options = new BenchOptions(
        Path.of("."), RUNS, CALLS, 2, 1, false, Optional.empty(), 1L, Set.of("meaning"), Optional.empty());
    return new Bench(options, workspace, List.of(meaning(mode)), new PrintStream(log, true, StandardCharsets.UTF_8));
  }
}
