package dev.claudememory.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged {@code claude-memory} command as a real process (system property {@code cli.jar}),
 * with its data in a folder of its own: {@code MEMORY_HOME} is {@code <folder>/memory-home} and
 * {@code HOME} is {@code <folder>/user-home}, so no real database is ever touched. Each run is
 * bounded and its process always ended.
 */
final class CliProcess {
  static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

  private final Path folder;
  private final Map<String, String> environment;
  private final Optional<Path> workingFolder;
  private final List<String> jvmOptions;

  private CliProcess(
      Path folder, Map<String, String> environment, Optional<Path> workingFolder, List<String> jvmOptions) {
    this.folder = folder;
    this.environment = Map.copyOf(environment);
    this.workingFolder = workingFolder;
    this.jvmOptions = List.copyOf(jvmOptions);
  }

  CliProcess(Path folder, Map<String, String> environment) {
    this(folder, environment, Optional.empty(), List.of());
  }

  CliProcess(Path folder) {
    this(folder, Map.of());
  }

  /** This command with more environment variables, on the same data. */
  CliProcess with(String variable, String value) {
    Map<String, String> more = new java.util.HashMap<>(environment);
    more.put(variable, value);
    return new CliProcess(folder, more, workingFolder, jvmOptions);
  }

  /** This command run in another current folder, on the same data. */
  CliProcess in(Path workingFolder) {
    return new CliProcess(folder, environment, Optional.of(workingFolder), jvmOptions);
  }

  /** This command with more options for its JVM (such as {@code -Djava.io.tmpdir=...}). */
  CliProcess withJvmOptions(String... options) {
    List<String> more = new ArrayList<>(jvmOptions);
    more.addAll(List.of(options));
    return new CliProcess(folder, environment, workingFolder, more);
  }

  /** What one run printed, and its exit status. */
  record Result(int exitCode, String stdout, String stderr) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }

  Result run(String... arguments) throws IOException, InterruptedException {
    String jar = System.getProperty("cli.jar");
    if (jar == null) {
      throw new IllegalStateException("system property cli.jar is not set: run as an IT under failsafe");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("MEMORY_") || name.startsWith("CLAUDE_MEMORY_"));
    env.put("MEMORY_HOME", Files.createDirectories(folder.resolve("memory-home")).toString());
    env.put("HOME", Files.createDirectories(folder.resolve("user-home")).toString());
    env.putAll(environment);
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    workingFolder.ifPresent(working -> builder.directory(working.toFile()));

    Process process = builder.start();
    try {
      ByteArrayOutputStream stdout = new ByteArrayOutputStream();
      ByteArrayOutputStream stderr = new ByteArrayOutputStream();
      Thread out = drain(process.getInputStream(), stdout);
      Thread err = drain(process.getErrorStream(), stderr);
      if (!process.waitFor(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("claude-memory " + String.join(" ", arguments) + " did not end within " + RUN_TIMEOUT);
      }
      out.join(RUN_TIMEOUT.toMillis());
      err.join(RUN_TIMEOUT.toMillis());
      Result result =
          new Result(process.exitValue(), stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
      assertKeyShownNowhere(result);
      return result;
    } finally {
      if (process.isAlive()) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * The API key this command was given is in neither its output nor any file under its {@code
   * MEMORY_HOME}. Test keys shorter than 8 characters could occur by chance and are not looked for.
   */
  private void assertKeyShownNowhere(Result result) throws IOException {
    Optional<String> key =
        Optional.ofNullable(environment.get("MEMORY_API_KEY"))
            .or(() -> Optional.ofNullable(environment.get("CLAUDE_MEMORY_API_KEY")))
            .filter(text -> text.length() >= 8);
    if (key.isEmpty()) {
      return;
    }
    if (result.stdout().contains(key.get()) || result.stderr().contains(key.get())) {
      throw new AssertionError("the output shows the API key:\n" + result);
    }
    try (Stream<Path> files = Files.walk(folder.resolve("memory-home"))) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(key.get())) {
          throw new AssertionError(file + " holds the API key");
        }
      }
    }
  }

  Path database() {
    return folder.resolve("memory-home").resolve("memory").resolve("memory.db");
  }

  /** Reads {@code from} to its end into {@code to} on a daemon thread. */
  static Thread drain(InputStream from, ByteArrayOutputStream to) {
    Thread thread =
        new Thread(
            () -> {
              try {
                from.transferTo(to);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            "cli-output");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
