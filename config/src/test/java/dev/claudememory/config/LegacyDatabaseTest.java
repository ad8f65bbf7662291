package dev.claudememory.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Python version's older database location is adopted only in place of the default one. */
final class LegacyDatabaseTest {
  @TempDir Path home;

  private Path legacy() {
    return home.resolve(".claude/metaclaw/memory/memory.db");
  }

  private Path defaultDatabase() {
    return home.resolve(".claude/claude-memory/memory/memory.db");
  }

  private static void create(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[0]);
  }

  @Test
  void legacyFileIsUsedWhenTheDefaultDatabaseDoesNotExist() throws IOException {
    create(legacy());

    assertThat(SettingsParser.parse(Map.of(), home).database()).isEqualTo(legacy());
  }

  @Test
  void defaultDatabaseIsUsedWhenNeitherExists() {
    assertThat(SettingsParser.parse(Map.of(), home).database()).isEqualTo(defaultDatabase());
  }

  @Test
  void defaultDatabaseWinsWhenBothExist() throws IOException {
    create(legacy());
    create(defaultDatabase());

    assertThat(SettingsParser.parse(Map.of(), home).database()).isEqualTo(defaultDatabase());
  }

  @Test
  void explicitMemoryDbIsNeverReplacedByTheLegacyFile() throws IOException {
    create(legacy());
    Path explicit = home.resolve("mine/memory.db");

    assertThat(SettingsParser.parse(Map.of("MEMORY_DB", explicit.toString()), home).database())
        .isEqualTo(explicit);
  }

  @Test
  void legacyFileIsUsedWhenTheDefaultUnderAnExplicitMemoryHomeDoesNotExist() throws IOException {
    create(legacy());
    Map<String, String> environment = Map.of("MEMORY_HOME", home.resolve("data").toString());

    Settings settings = SettingsParser.parse(environment, home);

    assertThat(settings.database()).isEqualTo(legacy());
    assertThat(settings.home()).isEqualTo(home.resolve("data"));
  }

  @Test
  void legacyDirectoryInsteadOfAFileIsNotTakenForADatabase() throws IOException {
    Files.createDirectories(legacy());

    assertThat(SettingsParser.parse(Map.of(), home).database()).isEqualTo(defaultDatabase());
  }
}
