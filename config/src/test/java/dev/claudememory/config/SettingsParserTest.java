package dev.claudememory.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudememory.core.InvalidInputException;
import dev.claudememory.core.remote.ApiKey;

import dev.claudememory.core.InvalidInputException;
import dev.claudememory.core.remote.ApiKey;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every variable of SPEC §2: names, aliases, defaults, and the empty-falls-through rule. */
final class SettingsParserTest {
  private static final String KEY = "sk-test-KEY-DO-NOT-LEAK-123";

  @TempDir Path home;

  private Settings parse(String... namesAndValues) {
    Map<String, String> environment = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      environment.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return SettingsParser.parse(environment, home);
  }

  @Test
  void emptyEnvironmentGivesLocalOnlyModeWithEveryDefault() {
    Settings settings = parse();

    assertThat(settings.mode()).isEqualTo(Mode.LOCAL_ONLY);
    assertThat(settings.apiUrl()).isEqualTo(URI.create("http://localhost:8080"));
    assertThat(settings.apiKey()).isEmpty();
    assertThat(settings.home()).isEqualTo(home.resolve(".claude/claude-memory"));
    assertThat(settings.database())
        .isEqualTo(home.resolve(".claude/claude-memory/memory/memory.db"));
    assertThat(settings.syncInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.syncDisabled()).isFalse();
    assertThat(settings.recallTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.maxResultChars()).isEqualTo(20_000);
    assertThat(settings.allowDuplicates()).isFalse();
  }

  @Test
  void memoryApiUrlSetsTheApiUrl() {
    assertThat(parse("MEMORY_API_URL", "https://memory.example.com:8443/base").apiUrl())
        .isEqualTo(URI.create("https://memory.example.com:8443/base"));
  }

  @Test
  void claudeMemoryApiUrlIsReadWhenMemoryApiUrlIsUnset() {
    assertThat(parse("CLAUDE_MEMORY_API_URL", "http://alias.example:9000").apiUrl())
        .isEqualTo(URI.create("http://alias.example:9000"));
  }

  @Test
  void memoryApiUrlWinsOverItsAlias() {
    Settings settings =
        parse(
            "MEMORY_API_URL",
            "http://main.example",
            "CLAUDE_MEMORY_API_URL",
            "http://alias.example");

    assertThat(settings.apiUrl()).isEqualTo(URI.create("http://main.example"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t"})
  void emptyMemoryApiUrlFallsThroughToItsAlias(String empty) {
    Settings settings =
        parse("MEMORY_API_URL", empty, "CLAUDE_MEMORY_API_URL", "http://alias.example");

    assertThat(settings.apiUrl()).isEqualTo(URI.create("http://alias.example"));
  }

  @Test
  void apiUrlEmptyUnderBothNamesIsTheDefault() {
    assertThat(parse("MEMORY_API_URL", "", "CLAUDE_MEMORY_API_URL", "").apiUrl())
        .isEqualTo(URI.create("http://localhost:8080"));
  }

  @Test
  void apiUrlLosesItsTrailingSlashesSoPathsAppendCleanly() {
    assertThat(parse("MEMORY_API_URL", "http://host:8080/").apiUrl())
        .isEqualTo(URI.create("http://host:8080"));
    assertThat(parse("MEMORY_API_URL", " https://host/api// ").apiUrl())
        .isEqualTo(URI.create("https://host/api"));
  }

  @Test
  void memoryApiKeyEnablesHybridMode() {
    Settings settings = parse("MEMORY_API_KEY", KEY);

    assertThat(settings.apiKey()).map(ApiKey::reveal).contains(KEY);
    assertThat(settings.mode()).isEqualTo(Mode.HYBRID);
  }

  @Test
  void claudeMemoryApiKeyIsReadWhenMemoryApiKeyIsUnset() {
    assertThat(parse("CLAUDE_MEMORY_API_KEY", KEY).apiKey()).map(ApiKey::reveal).contains(KEY);
  }

  @Test
  void memoryApiKeyWinsOverItsAlias() {
    assertThat(parse("MEMORY_API_KEY", "main-key", "CLAUDE_MEMORY_API_KEY", "alias-key").apiKey())
        .map(ApiKey::reveal)
        .contains("main-key");
  }

  @Test
  void emptyMemoryApiKeyFallsThroughToItsAlias() {
    assertThat(parse("MEMORY_API_KEY", "", "CLAUDE_MEMORY_API_KEY", KEY).apiKey())
        .map(ApiKey::reveal)
        .contains(KEY);
  }

  @Test
  void apiKeyEmptyUnderBothNamesMeansLocalOnlyMode() {
    Settings settings = parse("MEMORY_API_KEY", "", "CLAUDE_MEMORY_API_KEY", "  ");

    assertThat(settings.apiKey()).isEmpty();
    assertThat(settings.mode()).isEqualTo(Mode.LOCAL_ONLY);
  }

  @Test
  void apiKeyLosesSurroundingWhitespaceFromCopyAndPaste() {
    assertThat(parse("MEMORY_API_KEY", " " + KEY + "\n").apiKey())
        .map(ApiKey::reveal)
        .contains(KEY);
  }

  @Test
  void memoryHomeMovesTheDataDirectoryAndTheDefaultDatabase() {
    Path data = home.resolve("data");

    Settings settings = parse("MEMORY_HOME", data.toString());

    assertThat(settings.home()).isEqualTo(data);
    assertThat(settings.database()).isEqualTo(data.resolve("memory/memory.db"));
  }

  @Test
  void emptyMemoryHomeIsTheDefault() {
    assertThat(parse("MEMORY_HOME", "").home()).isEqualTo(home.resolve(".claude/claude-memory"));
  }

  @Test
  void memoryDbIsTakenAsGiven() {
    Path file = home.resolve("elsewhere/my.db");

    assertThat(parse("MEMORY_DB", file.toString()).database()).isEqualTo(file);
  }

  @Test
  void emptyMemoryDbIsTheDefault() {
    assertThat(parse("MEMORY_DB", "").database())
        .isEqualTo(home.resolve(".claude/claude-memory/memory/memory.db"));
  }

  @Test
  void tildeInPathsIsTheUserHome() {
    Settings settings = parse("MEMORY_HOME", "~/data", "MEMORY_DB", "~");

    assertThat(settings.home()).isEqualTo(home.resolve("data"));
    assertThat(settings.database()).isEqualTo(home);
  }

  @Test
  void dollarVariablesInPathsComeFromTheSameEnvironment() {
    Settings settings =
        parse(
            "BASE",
            home.toString(),
            "MEMORY_HOME",
            "$BASE/a",
            "MEMORY_DB",
            "${BASE}/b_${BASE2}.db",
            "BASE2",
            "x");

    assertThat(settings.home()).isEqualTo(home.resolve("a"));
    assertThat(settings.database()).isEqualTo(home.resolve("b_x.db"));
  }

  @Test
  void variablesExpandBeforeTheTildeSoAVariableHoldingTildeWorks() {
    assertThat(parse("WHERE", "~/w", "MEMORY_HOME", "$WHERE").home()).isEqualTo(home.resolve("w"));
  }

  @Test
  void memoryHomeInMemoryDbIsTheDataDirectoryInEffect() {
    assertThat(parse("MEMORY_HOME", "~/h", "MEMORY_DB", "$MEMORY_HOME/x.db").database())
        .isEqualTo(home.resolve("h/x.db"));
    assertThat(parse("MEMORY_DB", "${MEMORY_HOME}/x.db").database())
        .isEqualTo(home.resolve(".claude/claude-memory/x.db"));
  }

  @Test
  void aDollarNotFollowedByANameStaysAsItIs() {
    assertThat(parse("MEMORY_DB", home + "/cost$5/a$").database())
        .isEqualTo(home.resolve("cost$5/a$"));
  }

  @Test
  void relativePathsAreMadeAbsoluteAgainstTheWorkingDirectory() {
    assertThat(parse("MEMORY_DB", "rel/x.db").database())
        .isEqualTo(Path.of("").toAbsolutePath().resolve("rel/x.db"));
  }

  @Test
  void memorySyncIntervalIsInSeconds() {
    assertThat(parse("MEMORY_SYNC_INTERVAL", "120").syncInterval())
        .isEqualTo(Duration.ofSeconds(120));
    assertThat(parse("MEMORY_SYNC_INTERVAL", " 90 ").syncInterval())
        .isEqualTo(Duration.ofSeconds(90));
    assertThat(parse("MEMORY_SYNC_INTERVAL", "2.5").syncInterval())
        .isEqualTo(Duration.ofMillis(2500));
    assertThat(parse("MEMORY_SYNC_INTERVAL", "86400").syncInterval()).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void emptyMemorySyncIntervalIsTheDefault() {
    assertThat(parse("MEMORY_SYNC_INTERVAL", "").syncInterval()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void memoryRecallTimeoutIsInSeconds() {
    assertThat(parse("MEMORY_RECALL_TIMEOUT", "5").recallTimeout())
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(parse("MEMORY_RECALL_TIMEOUT", "0.25").recallTimeout())
        .isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void aTinyPositiveNumberOfSecondsIsTheSmallestDurationNotZero() {
    assertThat(parse("MEMORY_RECALL_TIMEOUT", "0.0001").recallTimeout())
        .isEqualTo(Duration.ofMillis(1));
  }

  @Test
  void emptyMemoryRecallTimeoutIsTheDefault() {
    assertThat(parse("MEMORY_RECALL_TIMEOUT", "").recallTimeout())
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void memorySyncDisableOfExactlyOneIsRemoteOnlyModeWithAKey() {
    Settings settings = parse("MEMORY_API_KEY", KEY, "MEMORY_SYNC_DISABLE", "1");

    assertThat(settings.syncDisabled()).isTrue();
    assertThat(settings.mode()).isEqualTo(Mode.REMOTE_ONLY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "TRUE", "yes", "Yes", "on", " 1", "1 ", " On "})
  void memorySyncDisableTakesTheUsualWordsForOn(String value) {
    Settings settings = parse("MEMORY_API_KEY", KEY, "MEMORY_SYNC_DISABLE", value);

    assertThat(settings.syncDisabled()).isTrue();
    assertThat(settings.mode()).isEqualTo(Mode.REMOTE_ONLY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "false", "False", "no", "NO", "off", " off ", ""})
  void memorySyncDisableTakesTheUsualWordsForOffAndEmptyIsUnset(String value) {
    Settings settings = parse("MEMORY_API_KEY", KEY, "MEMORY_SYNC_DISABLE", value);

    assertThat(settings.syncDisabled()).isFalse();
    assertThat(settings.mode()).isEqualTo(Mode.HYBRID);
  }

  @ParameterizedTest
  @ValueSource(strings = {"01", "2", "enabled", "y", "tru", "1 1", "-1", "null"})
  void memorySyncDisableRefusesAnyOtherValueNamingTheVariableAndTheWordsItTakes(String value) {
    assertThatThrownBy(() -> parse("MEMORY_API_KEY", KEY, "MEMORY_SYNC_DISABLE", value))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            refused -> assertThat(refused.field()).isEqualTo("MEMORY_SYNC_DISABLE"))
        .hasMessageContaining("MEMORY_SYNC_DISABLE")
        .hasMessageContaining("1, true, yes or on")
        .hasMessageContaining("0, false, no or off")
        .hasMessageContaining("'" + value + "'");
  }

  @Test
  void memorySyncDisableWithoutAKeyIsStillLocalOnly() {
    Settings settings = parse("MEMORY_SYNC_DISABLE", "1");

    assertThat(settings.syncDisabled()).isTrue();
    assertThat(settings.mode()).isEqualTo(Mode.LOCAL_ONLY);
  }

  @ParameterizedTest
  @CsvSource({
    "MEMORY_API_URL, http://localhost:8080",
    "MEMORY_HOME, ~/.claude/claude-memory",
    "MEMORY_SYNC_INTERVAL, 60",
    "MEMORY_RECALL_TIMEOUT, 30",
    "MEMORY_MAX_RESULT_CHARS, 20000"
  })
  void variablesListShowsTheDefaultsTheParserApplies(String name, String shownDefault) {
    assertThat(SettingsParser.VARIABLES)
        .filteredOn(variable -> variable.name().equals(name))
        .singleElement()
        .satisfies(variable -> assertThat(variable.defaultValue()).isEqualTo(shownDefault));
  }

  @Test
  void recallByMeaningIsOnUnlessTurnedOffAndAnythingButOnOrOffIsRefusedByName() {
    assertThat(parse().semantic()).isTrue();
    assertThat(parse("MEMORY_SEMANTIC", "off").semantic()).isFalse();
    assertThat(parse("MEMORY_SEMANTIC", " OFF ").semantic()).isFalse();
    assertThat(parse("MEMORY_SEMANTIC", "0").semantic()).isFalse();
    assertThat(parse("MEMORY_SEMANTIC", "on").semantic()).isTrue();
    assertThatThrownBy(() -> parse("MEMORY_SEMANTIC", "sometimes"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("MEMORY_SEMANTIC")
        .hasMessageContaining("0, false, no or off");
    assertThat(parse().semanticUnloadAfter()).isEqualTo(Duration.ofMinutes(30));
    assertThat(parse("MEMORY_SEMANTIC_UNLOAD_AFTER", "90").semanticUnloadAfter())
        .isEqualTo(Duration.ofSeconds(90));
    assertThatThrownBy(() -> parse("MEMORY_SEMANTIC_UNLOAD_AFTER", "soon"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("MEMORY_SEMANTIC_UNLOAD_AFTER");
  }

  @Test
  void variablesListNamesEverySpecVariableWithItsAliasAndADescription() {
    assertThat(SettingsParser.VARIABLES)
        .extracting(EnvironmentVariable::name)
        .containsExactly(
            "MEMORY_API_URL",
            "MEMORY_API_KEY",
            "MEMORY_HOME",
            "MEMORY_DB",
            "MEMORY_SYNC_INTERVAL",
            "MEMORY_SYNC_DISABLE",
            "MEMORY_RECALL_TIMEOUT",
            "MEMORY_MAX_RESULT_CHARS",
            "MEMORY_ALLOW_DUPLICATES",
            "MEMORY_SEMANTIC",
            "MEMORY_SEMANTIC_UNLOAD_AFTER");
    assertThat(SettingsParser.VARIABLES)
        .extracting(variable -> variable.alias().orElse(""))
        .containsExactly("CLAUDE_MEMORY_API_URL", "CLAUDE_MEMORY_API_KEY", "", "", "", "", "", "", "", "", "");
    assertThat(SettingsParser.VARIABLES)
        .allSatisfy(
            variable -> assertThat(variable.description()).isNotBlank().doesNotContain("\n"));
  }

  @Test
  void remoteOnlyIsAnApiKeyWithSyncDisabledAndNothingElse() {
    assertThat(SettingsParser.remoteOnly(Map.of("MEMORY_API_KEY", "k", "MEMORY_SYNC_DISABLE", "on"))).isTrue();
    assertThat(SettingsParser.remoteOnly(Map.of("CLAUDE_MEMORY_API_KEY", "k", "MEMORY_SYNC_DISABLE", "1"))).isTrue();
    assertThat(SettingsParser.remoteOnly(Map.of("MEMORY_API_KEY", "k", "MEMORY_SYNC_DISABLE", "off"))).isFalse();
    assertThat(SettingsParser.remoteOnly(Map.of("MEMORY_API_KEY", "k", "MEMORY_SYNC_DISABLE", "maybe"))).isFalse();
    assertThat(SettingsParser.remoteOnly(Map.of("MEMORY_API_KEY", "k"))).isFalse();
    assertThat(SettingsParser.remoteOnly(Map.of("MEMORY_SYNC_DISABLE", "on"))).isFalse();
  }
}
