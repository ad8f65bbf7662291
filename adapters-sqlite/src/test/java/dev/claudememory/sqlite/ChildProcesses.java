package dev.claudememory.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Runs a test's main class in a JVM of its own, on this test's classpath, bounded in time. */
final class ChildProcesses {
  private static final Duration READY_WAIT = Duration.ofSeconds(60);

  private ChildProcesses() {}

  /** Starts {@code main} with the arguments and waits until it creates {@code ready}. */
  static Process startAndAwait(Class<?> main, Path ready, Path log, String... arguments)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String[] command = new String[5 + arguments.length];
    command[0] = java;
    command[1] = "-cp";
    command[2] = System.getProperty("java.class.path");
    command[3] = "-Dorg.jooq.no-logo=true";
    command[4] = main.getName();
    System.arraycopy(arguments, 0, command, 5, arguments.length);
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + READY_WAIT.toNanos();
    while (!Files.exists(ready)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError(
            main.getSimpleName() + " did not get ready:\n" + Files.readString(log));
      }
      Thread.sleep(10);
    }
    return process;
  }

  /** Kills the process as a crash would, and waits until it is gone. */
  static void kill(Process process) throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the child process did not end");
    }
  }
}
