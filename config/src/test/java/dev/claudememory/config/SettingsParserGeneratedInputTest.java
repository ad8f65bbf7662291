package dev.claudememory.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.claudememory.core.InvalidInputException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random environments either parse or are refused with an InvalidInputException naming one of our
 * variables; never another exception, never the key. The seed is fixed and printed with any
 * failure; {@code -Dsettings.seed=N} replays another one.
 */
final class SettingsParserGeneratedInputTest {
  private static final long SEED = Long.getLong("settings.seed", 20_261_124L);
  private static final int CASES = 5_000;
  private static final String KEY = "sk-test-KEY-DO-NOT-LEAK-123";

  /** Each variable with values a person might really set, so later variables get parsed too. */
  private static final Map<String, List<String>> PLAUSIBLE = plausibleValues();

  /** Pieces that reach the parser's corners: numbers, URL parts, path expansion, odd characters. */
  private static final List<String> FRAGMENTS =
      List.of(
          "",
          " ",
          "\t",
          "\n",
          "\u0000",
          "1",
          "0",
          "-",
          "+",
          ".",
          "60",
          "2.5",
          "1e3",
          "86401",
          "99999999999999999999",
          "http://",
          "https://",
          "ftp://",
          "localhost",
          ":8080",
          ":99999",
          ":",
          "/",
          "//",
          "?",
          "#",
          "@",
          "u:p@",
          "[::1]",
          "%",
          "%zz",
          "~",
          "~/",
          "~x",
          "$",
          "${",
          "}",
          "$HOME",
          "${X}",
          "$X",
          "${MEMORY_HOME}",
          "$MEMORY_HOME",
          "${}",
          "$NOPE",
          "..",
          "\\",
          "é",
          "😀",
          "\ud800",
          "\u202e",
          "x",
          "data",
          "a b");

  @TempDir Path home;

  @Test
  void randomEnvironmentsParseOrAreRefusedNamingOneOfOurVariables() {
    Random random = new Random(SEED);
    Set<String> refusedVariables = new TreeSet<>();
    Set<Mode> parsedModes = EnumSet.noneOf(Mode.class);
    for (int i = 0; i < CASES; i++) {
      Map<String, String> environment = environment(random);
      String replay = "seed " + SEED + ", case " + i + ", environment " + shown(environment);
      try {
        Settings settings = SettingsParser.parse(environment, home);
        parsedModes.add(settings.mode());
        assertThat(settings.toString()).as(replay).doesNotContain("DO-NOT-LEAK");
        assertThat(settings.home().isAbsolute()).as(replay).isTrue();
        assertThat(settings.database().isAbsolute()).as(replay).isTrue();
        assertThat(settings.syncInterval()).as(replay).isPositive();
        assertThat(settings.recallTimeout()).as(replay).isPositive();
      } catch (InvalidInputException refusal) {
        refusedVariables.add(refusal.field());
        assertThat(refusal.field()).as(replay).matches("(MEMORY|CLAUDE_MEMORY)_[A-Z_]+");
        assertThat(environment).as(replay).containsKey(refusal.field());
        assertThat(refusal.getMessage())
            .as(replay)
            .startsWith(refusal.field() + " ")
            .doesNotContain("DO-NOT-LEAK");
      } catch (RuntimeException | Error unexpected) {
        fail("unexpected " + unexpected + " for " + replay, unexpected);
      }
    }
    // The generator must reach every check, or a passing run proves little
    assertThat(refusedVariables)
        .as("variables refused with seed %d", SEED)
        .containsExactlyInAnyOrder(
            "MEMORY_API_URL",
            "CLAUDE_MEMORY_API_URL",
            "MEMORY_API_KEY",
            "CLAUDE_MEMORY_API_KEY",
            "MEMORY_HOME",
            "MEMORY_DB",
            "MEMORY_SYNC_INTERVAL",
            "MEMORY_SYNC_DISABLE",
            "MEMORY_RECALL_TIMEOUT",
            "MEMORY_ALLOW_DUPLICATES");
    assertThat(parsedModes)
        .as("modes parsed with seed %d", SEED)
        .containsExactlyInAnyOrder(Mode.values());
  }

  private static Map<String, String> environment(Random random) {
    Map<String, String> environment = new LinkedHashMap<>();
    PLAUSIBLE.forEach(
        (variable, plausible) -> {
          int pick = random.nextInt(6);
          if (pick < 2) {
            return;
          }
          if (pick < 5) {
            environment.put(variable, plausible.get(random.nextInt(plausible.size())));
          } else {
            environment.put(variable, variable.endsWith("API_KEY") ? key(random) : junk(random));
          }
        });
    return environment;
  }

  private static String key(Random random) {
    return random.nextBoolean() ? junk(random) + KEY + junk(random) : KEY + junk(random);
  }

  private static String junk(Random random) {
    if (random.nextInt(10) == 0) {
      return randomCodePoints(random);
    }
    StringBuilder value = new StringBuilder();
    int pieces = random.nextInt(6);
    for (int i = 0; i < pieces; i++) {
      value.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
    }
    return value.toString();
  }

  private static String randomCodePoints(Random random) {
    StringBuilder value = new StringBuilder();
    int length = random.nextInt(20);
    for (int i = 0; i < length; i++) {
      int codePoint = random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0x11_0000);
      value.appendCodePoint(codePoint);
    }
    return value.toString();
  }

  private static Map<String, List<String>> plausibleValues() {
    Map<String, List<String>> values = new LinkedHashMap<>();
    values.put("MEMORY_API_URL", List.of("http://localhost:8080", "https://m.example/api/", ""));
    values.put("CLAUDE_MEMORY_API_URL", List.of("http://10.0.0.1:1", " https://m.example "));
    values.put("MEMORY_API_KEY", List.of(KEY, " " + KEY + "\n", ""));
    values.put("CLAUDE_MEMORY_API_KEY", List.of(KEY, ""));
    values.put("MEMORY_HOME", List.of("~/data", "$X/h", "${HOME}/h", "rel/dir", ""));
    values.put("MEMORY_DB", List.of("~/m.db", "$MEMORY_HOME/x.db", "/tmp/a b.db", ""));
    values.put("MEMORY_SYNC_INTERVAL", List.of("1", "60", "0.5", " 30 ", "86400", ""));
    values.put("MEMORY_SYNC_DISABLE", List.of("1", "1", "0", " 1", "true", "off"));
    values.put("MEMORY_ALLOW_DUPLICATES", List.of("1", "yes", "Off", ""));
    values.put("MEMORY_RECALL_TIMEOUT", List.of("30", "+5", "0.001", ""));
    values.put("HOME", List.of("/home/someone", "~"));
    values.put("X", List.of("/tmp", "~", "$HOME"));
    return values;
  }

  private static String shown(Map<String, String> environment) {
    return environment.entrySet().stream()
        .map(entry -> entry.getKey() + "=" + SettingValue.shown(entry.getValue()))
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
