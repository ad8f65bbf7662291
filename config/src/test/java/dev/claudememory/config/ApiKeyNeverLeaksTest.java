package dev.claudememory.config;

import dev.claudememory.core.remote.ApiKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.claudememory.core.InvalidInputException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC §8: the API key never appears in output, errors or logs. */
final class ApiKeyNeverLeaksTest {
  private static final String KEY = "sk-test-KEY-DO-NOT-LEAK-123";

  @TempDir Path home;

  @ParameterizedTest(name = "key in {0}, {1}=''{2}''")
  @CsvSource(
      delimiter = '|',
      value = {
        "MEMORY_API_KEY        | MEMORY_API_URL        | ftp://x",
        "MEMORY_API_KEY        | MEMORY_SYNC_INTERVAL  | soon",
        "MEMORY_API_KEY        | MEMORY_RECALL_TIMEOUT | -1",
        "MEMORY_API_KEY        | MEMORY_HOME           | $UNSET/x",
        "MEMORY_API_KEY        | MEMORY_DB             | ~nobody/x.db",
        "CLAUDE_MEMORY_API_KEY | MEMORY_API_URL        | http://bad host",
        "CLAUDE_MEMORY_API_KEY | CLAUDE_MEMORY_API_URL | mailto:x@y",
        "CLAUDE_MEMORY_API_KEY | MEMORY_SYNC_INTERVAL  | 0",
      })
  void messageOfAnyInvalidSettingNeverContainsTheKey(
      String keyVariable, String badVariable, String badValue) {
    Map<String, String> environment = new HashMap<>();
    environment.put(keyVariable, KEY);
    environment.put(badVariable, badValue);

    InvalidInputException refusal =
        catchThrowableOfType(
            InvalidInputException.class, () -> SettingsParser.parse(environment, home));

    assertThat(refusal).isNotNull();
    assertThat(refusal.getMessage()).doesNotContain(KEY).doesNotContain("DO-NOT-LEAK");
    assertThat(refusal.toString()).doesNotContain("DO-NOT-LEAK");
  }

  @Test
  void refusedKeyIsNotRepeatedInItsOwnMessage() {
    InvalidInputException refusal =
        catchThrowableOfType(
            InvalidInputException.class,
            () -> SettingsParser.parse(Map.of("MEMORY_API_KEY", KEY + "\nX-Other: 1"), home));

    assertThat(refusal).isNotNull();
    assertThat(refusal.field()).isEqualTo("MEMORY_API_KEY");
    assertThat(refusal.getMessage()).doesNotContain("DO-NOT-LEAK").doesNotContain("X-Other");
  }

  @Test
  void keyInTheUrlFieldByMistakeIsNotRepeatedWhenItLooksLikeAPassword() {
    InvalidInputException refusal =
        catchThrowableOfType(
            InvalidInputException.class,
            () -> SettingsParser.parse(Map.of("MEMORY_API_URL", "https://u:" + KEY + "@h"), home));

    assertThat(refusal).isNotNull();
    assertThat(refusal.getMessage()).doesNotContain("DO-NOT-LEAK");
  }

  @Test
  void parsedSettingsNeverShowTheKey() {
    Settings fromMain = SettingsParser.parse(Map.of("MEMORY_API_KEY", KEY), home);
    Settings fromAlias = SettingsParser.parse(Map.of("CLAUDE_MEMORY_API_KEY", KEY), home);

    assertThat(fromMain.toString()).doesNotContain("DO-NOT-LEAK").contains("ApiKey[****]");
    assertThat(fromAlias.toString()).doesNotContain("DO-NOT-LEAK").contains("ApiKey[****]");
    assertThat(fromMain.apiKey().toString()).doesNotContain("DO-NOT-LEAK");
  }
}
