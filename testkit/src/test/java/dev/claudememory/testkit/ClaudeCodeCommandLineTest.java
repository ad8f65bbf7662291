package dev.claudememory.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class ClaudeCodeCommandLineTest {
  @TempDir Path folder;

  @Test
  void aClaudeThatNamesThisVersionIsTaken() throws Exception {
    assertThat(ClaudeCodeCommandLine.isThisVersion(script("claude", "echo '" + ClaudeCodeCommandLine.VERSION + " (Claude Code)'")))
        .isTrue();
  }

  @Test
  void aClaudeOfAnotherVersionOrNoneAtAllIsNotTaken() throws Exception {
    assertThat(ClaudeCodeCommandLine.isThisVersion(script("newer", "echo '" + ClaudeCodeCommandLine.VERSION + "0 (Claude Code)'")))
        .isFalse();
    assertThat(ClaudeCodeCommandLine.isThisVersion(script("failing", "echo '" + ClaudeCodeCommandLine.VERSION + "'; exit 1")))
        .isFalse();
    assertThat(ClaudeCodeCommandLine.isThisVersion(folder.resolve("absent"))).isFalse();
  }

  @Test
  void aRunGetsItsEnvironmentWithoutThisMachinesClaudeOrMemorySettings() throws Exception {
    ClaudeCodeCommandLine.Run run =
        ClaudeCodeCommandLine.run(
            List.of("sh", "-c", "env"), folder, Map.of("GIVEN", "yes"), Duration.ofSeconds(30));

    assertThat(run.exitCode()).isZero();
    assertThat(run.output()).contains("GIVEN=yes").doesNotContain("CLAUDE_").doesNotContain("ANTHROPIC_")
        .doesNotContain("MEMORY_");
  }

  @Test
  void aRunThatOutlastsItsLimitIsStoppedWithWhatItStarted() throws Exception {
    Path pid = folder.resolve("child.pid");

    assertThatThrownBy(
            () -> ClaudeCodeCommandLine.run(
                List.of("sh", "-c", "sleep 60 & echo $! > '" + pid + "'; wait"), folder, Map.of(), Duration.ofSeconds(1)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("did not end within 1 s");
    long child = Long.parseLong(Files.readString(pid, StandardCharsets.US_ASCII).strip());
    ProcessHandle.of(child).ifPresent(handle -> handle.onExit().completeOnTimeout(handle, 10, TimeUnit.SECONDS).join());
    assertThat(ProcessHandle.of(child).filter(ProcessHandle::isAlive)).as("the command's own child").isEmpty();
  }

  private Path script(String name, String body) throws IOException {
    Path script = folder.resolve(name);
    Files.writeString(script, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }
}
