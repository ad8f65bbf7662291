package dev.claudememory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.cli.CliProcess.Result;
import dev.claudememory.testkit.JavaInstalls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code bin/claude-memory} without a usable Java says what it needs: a JDK 17 or newer. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
final class LauncherIT {
  @TempDir Path folder;

  private Result launch(Map<String, String> environment) throws Exception {
    Path stdout = folder.resolve("stdout");
    Path stderr = folder.resolve("stderr");
    ProcessBuilder builder =
        new ProcessBuilder(List.of(requiredProperty("cli.launcher"), "count"))
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("MEMORY_") || name.startsWith("CLAUDE_MEMORY_"));
    env.put("MEMORY_HOME", Files.createDirectories(folder.resolve("memory-home")).toString());
    env.putAll(environment);
    if (env.get("JAVA_HOME").isEmpty()) {
      env.remove("JAVA_HOME");
    }
    Process process = builder.start();
    try {
      assertThat(process.waitFor(CliProcess.RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      return new Result(
          process.exitValue(),
          Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8));
    } finally {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static void assertSaysJava17IsNeeded(Result result) {
    assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
    assertThat(result.stdout()).as("%s", result).isEmpty();
    assertThat(result.stderr()).as("%s", result).startsWith("claude-memory: ").contains("Java 17 or newer");
    assertThat(result.stderr().lines()).as("%s", result).hasSize(1);
  }

  @Test
  void aJavaHomeWithoutJavaIsNamedWithWhatIsNeeded() throws Exception {
    Path notAJdk = new JavaInstalls(folder).notAJdk();

    Result result = launch(Map.of("JAVA_HOME", notAJdk.toString()));

    assertSaysJava17IsNeeded(result);
    assertThat(result.stderr()).contains("JAVA_HOME", notAJdk.toString());
  }

  @Test
  void noJavaOnThePathAndNoJavaHomeSaysWhatIsNeeded() throws Exception {
    String path = new JavaInstalls(folder).pathWithoutJava();

    Result result = launch(Map.of("JAVA_HOME", "", "PATH", path));

    assertSaysJava17IsNeeded(result);
    assertThat(result.stderr()).contains("no java");
  }

  @ParameterizedTest
  @ValueSource(strings = {"11.0.22", "1.8.0_392"})
  void aJavaOlderThan17IsRefusedWithItsVersion(String version) throws Exception {
    Path oldJdk = new JavaInstalls(folder).oldJdk(version);

    Result result = launch(Map.of("JAVA_HOME", oldJdk.toString()));

    assertSaysJava17IsNeeded(result);
    assertThat(result.stderr()).contains("Java " + version).doesNotContain("class file version");
  }

  private static String requiredProperty(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException("system property " + name + " is not set: run as an IT under failsafe");
    }
    return value;
  }
}
