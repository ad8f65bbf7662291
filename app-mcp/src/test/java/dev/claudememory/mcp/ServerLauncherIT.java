package dev.claudememory.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.config.EnvironmentVariable;
import dev.claudememory.config.SettingsParser;
import dev.claudememory.testkit.JavaInstalls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code bin/claude-memory-mcp} as a user runs it by hand: without a usable Java it says what it
 * needs, and asked for help or its version it answers and ends instead of serving (its stdin is
 * left open, as a terminal's is, so a server that started would wait on it).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
final class ServerLauncherIT {
  private static final Duration BOUND = Duration.ofSeconds(30);

  @TempDir Path folder;

  /** What one run printed, and its exit status. */
  private record Run(int exitCode, String stdout, String stderr) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }

  private Run launch(Map<String, String> environment, String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of(requiredProperty("mcp.launcher")));
    command.addAll(List.of(arguments));
    Path stdout = folder.resolve("stdout");
    Path stderr = folder.resolve("stderr");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(
        name -> name.startsWith("MEMORY_") || name.startsWith("CLAUDE_MEMORY_") || name.startsWith("MALLOC_"));
    env.put("MEMORY_HOME", Files.createDirectories(folder.resolve("memory-home")).toString());
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.putAll(environment);
    if (env.get("JAVA_HOME").isEmpty()) {
      env.remove("JAVA_HOME");
    }
    Process process = builder.start();
    try {
      assertThat(process.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS))
          .as("%s ended by itself (a server would wait on its open stdin)", command)
          .isTrue();
      return new Run(
          process.exitValue(),
          Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8));
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static void assertSaysJava17IsNeeded(Run run) {
    assertThat(run.exitCode()).as("%s", run).isNotZero();
    assertThat(run.stdout()).as("%s", run).isEmpty();
    assertThat(run.stderr()).as("%s", run).startsWith("claude-memory-mcp: ").contains("Java 17 or newer");
    assertThat(run.stderr().lines()).as("%s", run).hasSize(1);
  }

  @Test
  void aJavaHomeWithoutJavaIsNamedWithWhatIsNeeded() throws Exception {
    Path notAJdk = new JavaInstalls(folder).notAJdk();

    Run run = launch(Map.of("JAVA_HOME", notAJdk.toString()));

    assertSaysJava17IsNeeded(run);
    assertThat(run.stderr()).contains("JAVA_HOME", notAJdk.toString());
  }

  @Test
  void noJavaOnThePathAndNoJavaHomeSaysWhatIsNeeded() throws Exception {
    String path = new JavaInstalls(folder).pathWithoutJava();

    Run run = launch(Map.of("JAVA_HOME", "", "PATH", path));

    assertSaysJava17IsNeeded(run);
    assertThat(run.stderr()).contains("no java");
  }

  @ParameterizedTest
  @ValueSource(strings = {"11.0.22", "1.8.0_392"})
  void aJavaOlderThan17IsRefusedWithItsVersion(String version) throws Exception {
    Path oldJdk = new JavaInstalls(folder).oldJdk(version);

    Run run = launch(Map.of("JAVA_HOME", oldJdk.toString()));

    assertSaysJava17IsNeeded(run);
    assertThat(run.stderr()).contains("Java " + version).doesNotContain("class file version");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--help", "-h"})
  void helpIsPrintedWithEverySettingAndTheServerDoesNotStart(String argument) throws Exception {
    Run run = launch(Map.of(), argument);

    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(run.stdout()).startsWith("Usage: claude-memory-mcp").contains("MEMORY_JAVA_OPTS");
    for (EnvironmentVariable variable : SettingsParser.VARIABLES) {
      assertThat(run.stdout()).contains(variable.name());
    }
    assertThat(run.stderr()).isEmpty();
    assertThat(folder.resolve("memory-home").resolve("memory")).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {"--version", "-V"})
  void theVersionIsPrintedAndTheServerDoesNotStart(String argument) throws Exception {
    Run run = launch(Map.of(), argument);

    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(run.stdout()).matches("claude-memory-mcp \\S+\\R");
    assertThat(run.stderr()).isEmpty();
  }

  @Test
  void anUnknownArgumentIsRefusedOnStderrWithExitTwo() throws Exception {
    Run run = launch(Map.of(), "--port", "8080");

    assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
    assertThat(run.stdout()).as("nothing on the protocol stream").isEmpty();
    assertThat(run.stderr()).contains("'--port'").contains("--help");
    assertThat(folder.resolve("memory-home").resolve("memory")).doesNotExist();
  }

  @Test
  void glibcIsToldToKeepFewArenasAndGiveFreedMemoryBackUnlessTheUserSaidOtherwise() throws Exception {
    Path jdk = jdkPrintingMallocSettings();

    Run defaults = launch(Map.of("JAVA_HOME", jdk.toString()));
    Run chosen = launch(Map.of("JAVA_HOME", jdk.toString(), "MALLOC_ARENA_MAX", "4"));

    assertThat(defaults.stdout()).as("%s", defaults).isEqualTo("arenas=2 trim=65536\n");
    assertThat(chosen.stdout()).as("%s", chosen).isEqualTo("arenas=4 trim=65536\n");
  }

  /** A JDK 17 as the launcher sees one, whose java prints the malloc settings it was given. */
  private Path jdkPrintingMallocSettings() throws Exception {
    Path home = Files.createDirectories(folder.resolve("jdk-printing-malloc"));
    Files.writeString(home.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n", StandardCharsets.UTF_8);
    Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\necho \"arenas=$MALLOC_ARENA_MAX trim=$MALLOC_TRIM_THRESHOLD_\"\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return home;
  }

  private static String requiredProperty(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException("system property " + name + " is not set: run as an IT under failsafe");
    }
    return value;
  }
}
