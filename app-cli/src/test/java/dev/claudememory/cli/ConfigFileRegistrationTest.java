package dev.claudememory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ConfigFileRegistrationTest {
  /** Without mcpServers: cutting out the entry alone would leave an empty one behind. */
  private static final String ORIGINAL = "{\n  \"theme\": \"dark\"\n}\n";
  private static final ServerEntry FIRST = new ServerEntry(Path.of("/opt/bin/claude-memory-mcp"), Map.of());
  private static final ServerEntry SECOND =
      new ServerEntry(Path.of("/opt/bin/claude-memory-mcp"), Map.of("MEMORY_HOME", "/data"));

  @TempDir Path home;
  private Path config;
  private ConfigFileRegistration registration;

  @BeforeEach
  void aConfigFile() throws IOException {
    config = Files.writeString(home.resolve(".claude.json"), ORIGINAL);
    registration = new ConfigFileRegistration(config, Clock.fixed(Instant.parse("2026-05-01T10:00:00Z"), ZoneOffset.UTC));
  }

  @Test
  void uninstallAfterTwoInstallsPutsBackTheFileFromBeforeTheFirst() throws IOException {
    registration.install(FIRST, false);
    registration.install(SECOND, false);

    String said = registration.uninstall(false);

    assertThat(ConfigFiles.backups(config)).hasSize(2);
    assertThat(said).startsWith("Restored " + config + " from ").contains("20260501T100000.000Z.bak");
    assertThat(Files.readString(config)).isEqualTo(ORIGINAL);
  }

  @Test
  void aFileChangedAfterInstallLosesOnlyTheEntry() throws IOException {
    registration.install(FIRST, false);
    Files.writeString(config, Files.readString(config).replace("dark", "light"));

    String said = registration.uninstall(false);

    assertThat(said).startsWith("Removed claude-memory from " + config);
    assertThat(Files.readString(config)).isEqualTo("{\n  \"theme\": \"light\",\n  \"mcpServers\": {}\n}\n");
  }

  @Test
  void aBrokenBackupIsPassedOver() throws IOException {
    registration.install(FIRST, false);
    Files.writeString(config.resolveSibling(".claude.json.claude-memory-20990101T000000.000Z.bak"), "{ broken");

    String said = registration.uninstall(false);

    assertThat(said).startsWith("Restored ");
    assertThat(Files.readString(config)).isEqualTo(ORIGINAL);
  }

  @Test
  void dryRunsWriteNothing() throws IOException {
    String install = registration.install(FIRST, true);
    registration.install(FIRST, false);
    String installed = Files.readString(config);
    String uninstall = registration.uninstall(true);

    assertThat(install).startsWith("Would register claude-memory in ");
    assertThat(uninstall).startsWith("Would restore ");
    assertThat(Files.readString(config)).isEqualTo(installed);
    assertThat(ConfigFiles.backups(config)).hasSize(1);
  }
}
