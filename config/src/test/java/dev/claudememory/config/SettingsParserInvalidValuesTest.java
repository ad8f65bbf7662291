package dev.claudememory.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.claudememory.core.InvalidInputException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A bad value is one InvalidInputException naming the variable and the value, in plain words. */
final class SettingsParserInvalidValuesTest {
  @TempDir Path home;

  private InvalidInputException refusal(Map<String, String> environment) {
    InvalidInputException refusal =
        catchThrowableOfType(
            InvalidInputException.class, () -> SettingsParser.parse(environment, home));
    assertThat(refusal).as("parsing %s must be refused", environment).isNotNull();
    return refusal;
  }

  @ParameterizedTest(name = "{0}=''{1}'' is refused: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "MEMORY_SYNC_INTERVAL  | abc               | must be a number of seconds, such as 60",
        "MEMORY_SYNC_INTERVAL  | 60s               | must be a number of seconds",
        "MEMORY_SYNC_INTERVAL  | 1e3               | must be a number of seconds",
        "MEMORY_SYNC_INTERVAL  | 1,5               | must be a number of seconds",
        "MEMORY_SYNC_INTERVAL  | 0                 | must be more than 0",
        "MEMORY_SYNC_INTERVAL  | 0.000             | must be more than 0",
        "MEMORY_SYNC_INTERVAL  | -5                | must be more than 0",
        "MEMORY_SYNC_INTERVAL  | 86401             | at most 86400",
        "MEMORY_SYNC_INTERVAL  | 99999999999999999999999 | at most 86400",
        "MEMORY_RECALL_TIMEOUT | thirty            | must be a number of seconds, such as 30",
        "MEMORY_RECALL_TIMEOUT | 0                 | must be more than 0",
        "MEMORY_RECALL_TIMEOUT | -1.5              | must be more than 0",
        "MEMORY_RECALL_TIMEOUT | NaN               | must be a number of seconds",
        "MEMORY_MAX_RESULT_CHARS | lots            | must be a whole number of characters, such as 20000",
        "MEMORY_MAX_RESULT_CHARS | 20k             | must be a whole number of characters",
        "MEMORY_MAX_RESULT_CHARS | 2500.5          | must be a whole number of characters",
        "MEMORY_MAX_RESULT_CHARS | 999             | must be at least 1000 characters",
        "MEMORY_MAX_RESULT_CHARS | -20000          | must be at least 1000 characters",
        "MEMORY_MAX_RESULT_CHARS | 10000001        | must be at most 10000000 characters",
        "MEMORY_MAX_RESULT_CHARS | 99999999999999999999 | must be at most 10000000 characters",
        "MEMORY_API_URL        | ftp://host        | http:// or https://",
        "MEMORY_API_URL        | localhost:8080    | http:// or https://",
        "MEMORY_API_URL        | host.example      | http:// or https://",
        "MEMORY_API_URL        | http://exa mple   | is not a valid URL",
        "MEMORY_API_URL        | http://           | is not a valid URL",
        "MEMORY_API_URL        | http:relative     | has no valid host name",
        "MEMORY_API_URL        | http://bad_host:1 | has no valid host name",
        "MEMORY_API_URL        | http://h:70000    | has a port above 65535",
        "MEMORY_API_URL        | http://h/?x=1     | without ? or #",
        "CLAUDE_MEMORY_API_URL | gopher://h        | http:// or https://",
        "MEMORY_HOME           | $NOT_SET_ANYWHERE/x | refers to $NOT_SET_ANYWHERE, which is not"
            + " set",
        "MEMORY_DB             | ${NOT_SET}/x.db   | refers to $NOT_SET, which is not set",
        "MEMORY_DB             | ${UNCLOSED/x.db   | without its closing }",
        "MEMORY_DB             | /a/${}/x.db       | has ${}, which is not a variable name",
        "MEMORY_DB             | /a/${A B}/x.db    | has ${A B}, which is not a variable name",
        "MEMORY_HOME           | ~bob/data         | only ~ (your own home) is expanded",
      })
  void invalidValueIsRefusedNamingTheVariableAndTheValue(
      String variable, String value, String problem) {
    InvalidInputException refusal = refusal(Map.of(variable, value));

    assertThat(refusal.field()).isEqualTo(variable);
    assertThat(refusal.getMessage())
        .startsWith(variable + " ")
        .contains(problem)
        .contains("'" + value + "'");
  }

  @Test
  void invalidAliasIsRefusedUnderTheAliasName() {
    InvalidInputException refusal =
        refusal(Map.of("MEMORY_API_URL", "", "CLAUDE_MEMORY_API_URL", "nonsense"));

    assertThat(refusal.field()).isEqualTo("CLAUDE_MEMORY_API_URL");
  }

  @Test
  void pathWithANulCharacterIsRefusedAndTheNulIsShownEscaped() {
    InvalidInputException refusal = refusal(Map.of("MEMORY_DB", "/tmp/a\u0000b"));

    assertThat(refusal.field()).isEqualTo("MEMORY_DB");
    assertThat(refusal.getMessage()).contains("not a usable path").contains("'/tmp/a\\u0000b'");
  }

  @Test
  void hugeValueIsShownCutShortInTheMessage() {
    String value = "x".repeat(10_000);

    InvalidInputException refusal = refusal(Map.of("MEMORY_SYNC_INTERVAL", value));

    assertThat(refusal.getMessage()).contains("'" + "x".repeat(80) + "...'").hasSizeLessThan(200);
  }

  @Test
  void urlWithAPasswordIsRefusedWithoutRepeatingIt() {
    InvalidInputException refusal =
        refusal(Map.of("MEMORY_API_URL", "https://me:hunter2secret@host.example"));

    assertThat(refusal.field()).isEqualTo("MEMORY_API_URL");
    assertThat(refusal.getMessage())
        .contains("must not contain a user name or password")
        .doesNotContain("hunter2secret")
        .doesNotContain("me:");
  }

  @Test
  void firstInvalidVariableIsTheOneReported() {
    InvalidInputException refusal =
        refusal(Map.of("MEMORY_API_URL", "ftp://x", "MEMORY_SYNC_INTERVAL", "abc"));

    assertThat(refusal.field()).isEqualTo("MEMORY_API_URL");
  }
}
