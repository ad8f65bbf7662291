package dev.claudememory.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingLogFileTest {
  @TempDir Path home;

  @Test
  void logFolderAndFileAreOwnerOnly() throws IOException {
    Path logs = home.resolve("memory-home").resolve("logs");
    try (RotatingLogFile file = RotatingLogFile.in(logs, "server.log", 1024, 3)) {
      file.write("hello\n".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logs))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logs.getParent())))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logs.resolve("server.log"))))
        .isEqualTo("rw-------");
  }

  @Test
  void aFullFileRollsOverKeepingOnlyTheNewestFiles() throws IOException {
    Path logs = home.resolve("logs");
    byte[] line = "0123456789012345678901234567890123456789\n".getBytes(StandardCharsets.UTF_8);
    try (RotatingLogFile file = RotatingLogFile.in(logs, "server.log", 100, 2)) {
      for (int i = 0; i < 20; i++) {
        file.write(line);
      }
    }
    try (var files = Files.list(logs)) {
      assertThat(files.map(path -> path.getFileName().toString()))
          .containsExactlyInAnyOrder("server.log", "server.log.1", "server.log.2");
    }
    assertThat(Files.size(logs.resolve("server.log"))).isLessThanOrEqualTo(100);
  }

  @Test
  void writesAppendToAnExistingLog() throws IOException {
    Path logs = home.resolve("logs");
    try (RotatingLogFile file = RotatingLogFile.in(logs, "server.log", 1024, 2)) {
      file.write("first\n".getBytes(StandardCharsets.UTF_8));
    }
    try (RotatingLogFile file = RotatingLogFile.in(logs, "server.log", 1024, 2)) {
      file.write("second\n".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(Files.readString(logs.resolve("server.log"))).isEqualTo("first\nsecond\n");
  }
}
