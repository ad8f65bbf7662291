package dev.claudememory.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code ~} stands for when the product reads its own environment. */
final class UserHomeTest {
  private static final Path ACCOUNT_HOME = Path.of("/home/account");

  @Test
  void homeVariableIsTheHomeAsPythonReadsIt() {
    assertThat(SettingsParser.userHome(Map.of("HOME", "/tmp/elsewhere"), ACCOUNT_HOME))
        .isEqualTo(Path.of("/tmp/elsewhere"));
  }

  @Test
  void accountHomeServesWhenHomeIsUnsetEmptyOrRelative() {
    assertThat(SettingsParser.userHome(Map.of(), ACCOUNT_HOME)).isEqualTo(ACCOUNT_HOME);
    assertThat(SettingsParser.userHome(Map.of("HOME", " "), ACCOUNT_HOME)).isEqualTo(ACCOUNT_HOME);
    assertThat(SettingsParser.userHome(Map.of("HOME", "relative"), ACCOUNT_HOME))
        .isEqualTo(ACCOUNT_HOME);
    assertThat(SettingsParser.userHome(Map.of("HOME", "/a\u0000b"), ACCOUNT_HOME))
        .isEqualTo(ACCOUNT_HOME);
  }
}
