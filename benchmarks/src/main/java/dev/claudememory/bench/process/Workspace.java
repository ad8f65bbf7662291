package dev.claudememory.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Everything a bench run creates: a temporary folder per server run, and the server processes.
 * Closing it, or the JVM ending any other way (a failure, Ctrl-C), kills every process still
 * running and removes the folders.
 */
public final class Workspace implements AutoCloseable {
  private static final Duration KILL_BOUND = Duration.ofSeconds(5);

  private final Path root;
  private final Set<Process> running = ConcurrentHashMap.newKeySet();
  private final AtomicInteger folders = new AtomicInteger();
  private final Thread cleanUpAtExit = new Thread(this::cleanUp, "bench-clean-up");

  private Workspace(Path root) {
    this.root = root;
    Runtime.getRuntime().addShutdownHook(cleanUpAtExit);
  }

  public static Workspace create() throws IOException {
    return new Workspace(Files.createTempDirectory("claude-memory-bench-"));
  }

  /** A new empty folder, removed when the run is over (or earlier, with {@link #remove}). */
  public Path newFolder(String name) throws IOException {
    return Files.createDirectory(root.resolve(name + "-" + folders.incrementAndGet()));
  }

  void remove(Path folder) {
    deleteTree(folder);
  }

  /** Starts a server in {@code folder}; it is ended with the workspace if not closed before. */
  public ServerProcess start(ServerCommand command, Path folder, Map<String, String> settings) throws IOException {
    Process[] started = new Process[1];
    return ServerProcess.start(
        command,
        folder,
        settings,
        process -> {
          started[0] = process;
          running.add(process);
        },
        () -> running.remove(started[0]));
  }

  @Override
  public void close() {
    cleanUp();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanUpAtExit);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down, and the hook runs anyway
    }
  }

  private void cleanUp() {
    for (Process process : running) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      try {
        process.destroyForcibly().waitFor(KILL_BOUND.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    running.clear();
    try {
      deleteTree(root);
    } catch (UncheckedIOException e) {
      System.err.println("bench: could not remove " + root + ": " + e.getCause().getMessage());
    }
  }

  private static void deleteTree(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + folder, e);
    }
  }
}
