package dev.claudememory.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudememory.core.InvalidInputException;
import dev.claudememory.core.service.DuplicateContent;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** MEMORY_MAX_RESULT_CHARS and MEMORY_ALLOW_DUPLICATES, and the same settings built in code. */
final class ResultBudgetAndDuplicateSettingsTest {
  @TempDir Path home;

  private Settings parse(Map<String, String> environment) {
    return SettingsParser.parse(environment, home);
  }

  @Test
  void memoryMaxResultCharsSetsTheResultBudget() {
    Settings settings = parse(Map.of("MEMORY_MAX_RESULT_CHARS", " 4000 "));

    assertThat(settings.maxResultChars()).isEqualTo(4_000);
    assertThat(settings.resultBudget().maxChars()).isEqualTo(4_000);
    assertThat(parse(Map.of("MEMORY_MAX_RESULT_CHARS", "1000")).maxResultChars()).isEqualTo(1_000);
    assertThat(parse(Map.of("MEMORY_MAX_RESULT_CHARS", "")).maxResultChars()).isEqualTo(20_000);
  }

  @Test
  void memoryAllowDuplicatesOfExactlyOneStoresContentAgain() {
    Settings settings = parse(Map.of("MEMORY_ALLOW_DUPLICATES", "1"));

    assertThat(settings.allowDuplicates()).isTrue();
    assertThat(settings.duplicateContent()).isEqualTo(DuplicateContent.STORE_AGAIN);
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "yes", "YES", "on", " 1", "1 "})
  void memoryAllowDuplicatesTakesTheUsualWordsForOn(String value) {
    Settings settings = parse(Map.of("MEMORY_ALLOW_DUPLICATES", value));

    assertThat(settings.duplicateContent()).isEqualTo(DuplicateContent.STORE_AGAIN);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0", "false", "no", "Off"})
  void memoryAllowDuplicatesTakesTheUsualWordsForOffAndEmptyIsUnset(String value) {
    Settings settings = parse(Map.of("MEMORY_ALLOW_DUPLICATES", value));

    assertThat(settings.duplicateContent()).isEqualTo(DuplicateContent.RETURN_EXISTING);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sure", "2", "yess"})
  void memoryAllowDuplicatesRefusesAnyOtherValueNamingTheVariable(String value) {
    assertThatThrownBy(() -> parse(Map.of("MEMORY_ALLOW_DUPLICATES", value)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("MEMORY_ALLOW_DUPLICATES")
        .hasMessageContaining("1, true, yes or on");
  }

  @Test
  void localSettingsForAnEmbedderUseTheFilesFolderAsDataDirectoryAndEveryDefault() {
    Path database = home.resolve("app").resolve("memory.db");

    Settings settings = Settings.local(database);

    assertThat(settings.database()).isEqualTo(database.toAbsolutePath());
    assertThat(settings.home()).isEqualTo(database.toAbsolutePath().getParent());
    assertThat(settings.mode()).isEqualTo(Mode.LOCAL_ONLY);
    assertThat(settings).isEqualTo(parse(Map.of("MEMORY_HOME", database.getParent().toString(), "MEMORY_DB", database.toString())));
    assertThat(settings.withMaxResultChars(5_000).maxResultChars()).isEqualTo(5_000);
    assertThat(settings.withDuplicatesAllowed(true).allowDuplicates()).isTrue();
    assertThat(settings.toString()).contains("maxResultChars=20000").contains("allowDuplicates=false");
  }

  @Test
  void aBudgetBelowTheMinimumIsRefusedWhenBuiltInCode() {
    assertThatThrownBy(() -> Settings.local(home.resolve("m.db")).withMaxResultChars(999))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("maxResultChars must be at least 1000");
  }
}
