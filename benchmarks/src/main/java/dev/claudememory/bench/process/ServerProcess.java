package dev.claudememory.bench.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A server under measurement, as a process of its own: data in {@code <folder>/memory-home}, its
 * {@code HOME} at {@code <folder>/user-home} (so neither the user's database nor a legacy one is
 * ever touched), no setting inherited from this environment, stderr to {@code <folder>/stderr.log}.
 * Closing ends it: end of input first, as a client does, then SIGTERM, then SIGKILL.
 */
public final class ServerProcess implements AutoCloseable {
  private static final Duration ANSWER_BOUND = Duration.ofSeconds(60);
  private static final Duration EXIT_BOUND = Duration.ofSeconds(10);
  private static final Duration TERMINATE_BOUND = Duration.ofSeconds(3);

  private final Process process;
  private final Path stderr;
  private final long spawnedAt;
  private final McpClient client;
  private final Runnable onClose;

  private ServerProcess(Process process, Path stderr, long spawnedAt, Runnable onClose) {
    this.process = process;
    this.stderr = stderr;
    this.spawnedAt = spawnedAt;
    this.onClose = onClose;
    this.client =
        new McpClient(process.getOutputStream(), new LineInput(process.getInputStream()), new Watchdog(process), ANSWER_BOUND);
  }

  /**
   * Starts the server in {@code folder} with these settings on top of a clean environment.
   *
   * @param register told of the process as soon as it exists, so it is ended even if this run fails
   * @param onClose run once it has ended
   */
  static ServerProcess start(
      ServerCommand command,
      Path folder,
      Map<String, String> settings,
      Consumer<Process> register,
      Runnable onClose)
      throws IOException {
    Path memoryHome = Files.createDirectories(folder.resolve("memory-home"));
    Path userHome = Files.createDirectories(folder.resolve("user-home"));
    Path stderr = folder.resolve("stderr.log");
    ProcessBuilder builder = new ProcessBuilder(command.command()).redirectError(stderr.toFile());
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("MEMORY_") || name.startsWith("CLAUDE_MEMORY_"));
    environment.put("MEMORY_HOME", memoryHome.toString());
    environment.put("HOME", userHome.toString());
    environment.putAll(settings);
    long spawnedAt = System.nanoTime();
    Process process = builder.start();
    register.accept(process);
    return new ServerProcess(process, stderr, spawnedAt, onClose);
  }

  public McpClient client() {
    return client;
  }

  /** {@link System#nanoTime()} just before the process was started. */
  long spawnedAt() {
    return spawnedAt;
  }

  /** What the process was started as: for ours, java itself (the launcher execs it). */
  Optional<String> executable() {
    return process.info().command();
  }

  /**
   * Resident memory now: VmRSS from {@code /proc/<pid>/status} of the process and of every process
   * it started (for a server launched through a wrapper).
   */
  long residentBytes() {
    return Stream.concat(Stream.of(process.toHandle()), process.descendants())
        .mapToLong(handle -> ResidentMemory.of(handle.pid()))
        .sum();
  }

  /** The last line the server wrote to stderr that names an exception or an error, if any. */
  Optional<String> lastProblem() {
    try {
      List<String> lines = Files.readAllLines(stderr, StandardCharsets.UTF_8);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (lines.get(i).contains("Exception") || lines.get(i).contains("Error")) {
          return Optional.of(lines.get(i).strip());
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The last lines the server wrote to stderr, for a failure message. */
  public String stderrTail() {
    try {
      List<String> lines = Files.readAllLines(stderr, StandardCharsets.UTF_8);
      return lines.subList(Math.max(0, lines.size() - 20), lines.size()).stream()
          .collect(Collectors.joining("\n"));
    } catch (IOException e) {
      return "(stderr unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    try {
      try {
        process.getOutputStream().close();
      } catch (IOException e) {
        // the process is gone already
      }
      if (!process.waitFor(EXIT_BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(TERMINATE_BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly().waitFor(TERMINATE_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        }
      }
    } catch (InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      onClose.run();
    }
  }
}
