package dev.claudememory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudememory.cli.CliProcess.Result;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packaged {@code claude-memory} command: every subcommand as a process, with its exit status
 * (0 done, 1 not found or input refused, 2 usage or configuration error), its {@code --json}
 * output, and secrets shown by {@code secret} only.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
final class CliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "db password=hunter2secret";

  @TempDir Path folder;
  private CliProcess cli;

  @BeforeEach
  void useATemporaryHome() {
    cli = new CliProcess(folder);
  }

  private Result run(String... arguments) throws Exception {
    return cli.run(arguments);
  }

  private Result succeed(String... arguments) throws Exception {
    Result result = cli.run(arguments);
    assertThat(result.exitCode()).as("claude-memory %s\n%s", String.join(" ", arguments), result).isZero();
    return result;
  }

  private static void assertNoStackTrace(Result result) {
    assertThat(result.stderr()).as("%s", result).doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  void storePrintsTheStoredLineAndNothingElse() throws Exception {
    Result result = succeed("store", "The build uses Maven through the wrapper", "-k", "build tool wrapper mvnw");

    assertThat(result.stdout()).isEqualTo("Stored memory #1 in category 'facts' with importance 0.5" + System.lineSeparator());
  }

  @Test
  void storeCanonicalisesTheCategory() throws Exception {
    Result result = succeed("store", "Gradle caches go stale", "--category", "bug", "--importance", "1");

    assertThat(result.stdout().trim()).isEqualTo("Stored memory #1 in category 'gotchas' with importance 1.0");
  }

  @Test
  void anImportanceOutsideZeroToOneIsRefusedAndNothingIsStoredOrChanged() throws Exception {
    succeed("store", "Kestrel deploys run on Fridays", "-i", "0.8");

    Result store = run("store", "Gradle caches go stale", "--importance", "1.7");
    Result update = run("update", "1", "-i", "-0.2");

    assertThat(store.exitCode()).as("%s", store).isEqualTo(1);
    assertThat(store.stderr()).isEqualTo("claude-memory: importance must be a number between 0.0 and 1.0; got 1.7" + System.lineSeparator());
    assertThat(update.exitCode()).as("%s", update).isEqualTo(1);
    assertThat(update.stderr()).isEqualTo("claude-memory: importance must be a number between 0.0 and 1.0; got -0.2" + System.lineSeparator());
    assertThat(store.stdout() + update.stdout()).isEmpty();
    JsonNode listed = JSON.readTree(succeed("list", "--json").stdout());
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).path("importance").asDouble()).isEqualTo(0.8);
  }

  @Test
  void storeAsJsonPrintsAParsableObject() throws Exception {
    JsonNode stored = JSON.readTree(succeed("store", "--json", "Kestrel deploys run on Fridays", "-c", "infra", "-i", "0.8").stdout());

    assertThat(stored.path("id").asLong()).isEqualTo(1);
    assertThat(stored.path("category").asText()).isEqualTo("infrastructure");
    assertThat(stored.path("importance").asDouble()).isEqualTo(0.8);
    assertThat(stored.path("sensitive").asBoolean(true)).isFalse();
  }

  @Test
  void recallFindsAStoredMemoryByItsWords() throws Exception {
    succeed("store", "Kestrel deploys run on Fridays", "-t", "ops,deploy");
    succeed("store", "Marmalade is the staging host");

    Result result = succeed("recall", "kestrel", "fridays");

    assertThat(result.stdout()).contains("#1").contains("Kestrel deploys run on Fridays").contains("tags: ops,deploy");
    assertThat(result.stdout()).doesNotContain("Marmalade");
  }

  @Test
  void recallAsJsonPrintsAParsableArray() throws Exception {
    succeed("store", "Kestrel deploys run on Fridays", "-k", "release weekday");

    JsonNode found = JSON.readTree(succeed("recall", "--json", "kestrel").stdout());

    assertThat(found.isArray()).isTrue();
    assertThat(found).hasSize(1);
    assertThat(found.get(0).path("id").asLong()).isEqualTo(1);
    assertThat(found.get(0).path("content").asText()).isEqualTo("Kestrel deploys run on Fridays");
    assertThat(found.get(0).path("expanded_keywords").asText()).isEqualTo("release weekday");
    assertThat(found.get(0).path("created_at").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}\\+00:00");
  }

  @Test
  void recallWithoutAMatchExitsOne() throws Exception {
    succeed("store", "Kestrel deploys run on Fridays");

    Result result = run("recall", "quasar");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout().trim()).isEqualTo("No memories found matching: quasar");
  }

  @Test
  void listWithNothingToShowSaysSoAndExitsOneAsRecallDoes() throws Exception {
    Result nothingYet = run("list");
    succeed("store", "Kestrel deploys run on Fridays");
    Result noDecisions = run("list", "-c", "decisions");
    Result noDecisionsAsJson = run("list", "--json", "-c", "decisions");
    Result noMatch = run("recall", "quasar");

    assertThat(List.of(nothingYet, noDecisions, noDecisionsAsJson, noMatch))
        .allSatisfy(result -> assertThat(result.exitCode()).as("%s", result).isEqualTo(1))
        .allSatisfy(result -> assertThat(result.stderr()).as("%s", result).isEmpty());
    assertThat(nothingYet.stdout().trim()).isEqualTo("No memories found");
    assertThat(noDecisions.stdout().trim()).isEqualTo("No memories found in category 'decisions'");
    assertThat(JSON.readTree(noDecisionsAsJson.stdout())).isEmpty();
    assertThat(noMatch.stdout().trim()).isEqualTo("No memories found matching: quasar");
  }

  @Test
  void contentThatBeginsWithADashIsRefusedSayingToPutDashDashBeforeIt() throws Exception {
    Result refused = run("store", "-k", "flag extract archive", "-x extracts the archive");
    Result stored = run("store", "-k", "flag extract archive", "--", "-x extracts the archive");

    assertThat(refused.exitCode()).as("%s", refused).isEqualTo(2);
    assertThat(refused.stderr())
        .contains("'-x extracts the archive' was taken for an option because it begins with '-'")
        .contains("put -- before it, after the options: claude-memory store [OPTIONS] -- '-x extracts the archive'");
    assertNoStackTrace(refused);
    assertThat(stored.exitCode()).as("%s", stored).isZero();
    assertThat(succeed("get", "1").stdout()).contains("-x extracts the archive");
  }

  @Test
  void wordsThatBeginWithADashAreRefusedSayingToPutDashDashBeforeThem() throws Exception {
    succeed("store", "--", "-x extracts the archive");

    Result refused = run("recall", "-x");
    Result found = run("recall", "--", "-x");

    assertThat(refused.exitCode()).as("%s", refused).isEqualTo(2);
    assertThat(refused.stderr())
        .contains("'-x' was taken for an option")
        .contains("claude-memory recall [OPTIONS] -- '-x'");
    assertThat(found.exitCode()).as("%s", found).isZero();
    assertThat(found.stdout()).contains("-x extracts the archive");
  }

  @Test
  void aUsageErrorWithoutTextBeginningWithADashGivesNoSuchAdvice() throws Exception {
    Result result = run("store", "-k", "keywords");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
    assertThat(result.stderr()).contains("Missing required parameter: 'CONTENT'").doesNotContain("--' before").doesNotContain("put --");
  }

  @Test
  void recallOfQuerySyntaxIsLiteral() throws Exception {
    succeed("store", "Run make AND ship, then check content:foo");

    Result result = succeed("recall", "\"make", "AND", "content:foo", "(ship*");

    assertThat(result.stdout()).contains("#1");
  }

  @Test
  void listShowsTheNewestFirst() throws Exception {
    succeed("store", "Kestrel deploys run on Fridays");
    succeed("store", "Marmalade is the staging host");

    List<String> lines = succeed("list").stdout().lines().toList();

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("#2").contains("Marmalade is the staging host");
    assertThat(lines.get(1)).startsWith("#1").contains("Kestrel deploys run on Fridays");
  }

  @Test
  void listAsJsonPrintsAParsableArray() throws Exception {
    succeed("store", "Kestrel deploys run on Fridays", "-c", "decisions");
    succeed("store", "Marmalade is the staging host");

    JsonNode listed = JSON.readTree(succeed("list", "--json", "--category", "decisions").stdout());

    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).path("category").asText()).isEqualTo("decisions");
    assertThat(listed.get(0).path("server_id").isNull()).isTrue();
  }

  @Test
  void updateChangesOnlyTheGivenFields() throws Exception {
    succeed("store", "Kestrel deploys run on Fridays", "-i", "0.3");

    Result result = succeed("update", "1", "--tags", "ops,release", "--category", "infra");

    assertThat(result.stdout().trim()).isEqualTo("Updated memory #1");
    JsonNode memory = JSON.readTree(succeed("list", "--json").stdout()).get(0);
    assertThat(memory.path("tags").asText()).isEqualTo("ops,release");
    assertThat(memory.path("category").asText()).isEqualTo("infrastructure");
    assertThat(memory.path("importance").asDouble()).isEqualTo(0.3);
    assertThat(memory.path("content").asText()).isEqualTo("Kestrel deploys run on Fridays");
  }

  @Test
  void updateOfAnUnknownIdExitsOneSayingNotFound() throws Exception {
    Result result = run("update", "9", "--tags", "x");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("Memory #9 not found");
  }

  @Test
  void updateWithNothingToChangeExitsOne() throws Exception {
    succeed("store", "Kestrel deploys run on Fridays");

    Result result = run("update", "1");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("nothing to update");
    assertNoStackTrace(result);
  }

  @Test
  void deleteRemovesTheMemoryAndASecondDeleteExitsOne() throws Exception {
    succeed("store", "Kestrel deploys run on Fridays");

    Result deleted = succeed("delete", "1");
    Result again = run("delete", "1");

    assertThat(deleted.stdout().trim()).startsWith("Deleted memory #1");
    assertThat(run("list").stdout().trim()).isEqualTo("No memories found");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.stderr()).contains("Memory #1 not found");
  }

  @Test
  void secretPrintsASensitiveMemoryAndNoOtherCommandDoes() throws Exception {
    Result stored = succeed("store", SECRET, "-k", "database credentials login kestrel");
    succeed("store", "The kestrel garage door opens with 7731", "--sensitive");
    succeed("store", "Kestrel deploys run on Fridays");

    List<Result> others =
        List.of(
            stored,
            succeed("list"),
            succeed("list", "--json"),
            succeed("recall", "kestrel", "-e", "credentials garage login password"),
            succeed("recall", "--json", "kestrel", "-e", "credentials garage login password"),
            succeed("count"),
            succeed("count", "--json"));
    Result secret = succeed("secret", "1");
    Result forced = succeed("secret", "2");

    assertThat(secret.stdout().trim()).isEqualTo(SECRET);
    assertThat(forced.stdout().trim()).isEqualTo("The kestrel garage door opens with 7731");
    assertThat(stored.stdout()).contains("(sensitive)");
    for (Result other : others) {
      assertThat(other.stdout() + other.stderr()).as("%s", other).doesNotContain("hunter2secret").doesNotContain("7731");
    }
  }

  @Test
  void listAndRecallShowASensitiveMemoryMaskedWithItsIdFoundByItsTagsButNeverByItsSecret() throws Exception {
    succeed("store", SECRET, "-k", "database credentials login kestrel", "-t", "vault", "-c", "infra");
    succeed("store", "Kestrel deploys run on Fridays");
    String masked = "[SENSITIVE - use secret_get(id=1)]";

    Result list = succeed("list");
    JsonNode listJson = JSON.readTree(succeed("list", "--json").stdout());
    Result byTag = succeed("recall", "vault");
    JsonNode byKeywordJson = JSON.readTree(succeed("recall", "--json", "credentials").stdout());
    Result byCategory = succeed("recall", "infrastructure");
    Result bySecret = run("recall", "hunter2secret");
    Result byContentWord = run("recall", "password", "-e", "db");

    assertThat(list.stdout()).contains("#1 ").contains(masked).contains("#2 ").doesNotContain("hunter2secret");
    assertThat(listJson).anySatisfy(memory -> {
      assertThat(memory.path("id").asLong()).isEqualTo(1);
      assertThat(memory.path("content").asText()).isEqualTo(masked);
      assertThat(memory.path("is_sensitive").asBoolean()).isTrue();
      assertThat(memory.path("tags").asText()).isEqualTo("vault");
    });
    assertThat(byTag.stdout()).contains("#1 ").contains(masked).doesNotContain("#2 ");
    assertThat(byKeywordJson).singleElement().satisfies(memory -> assertThat(memory.path("content").asText()).isEqualTo(masked));
    assertThat(byCategory.stdout()).contains(masked);
    assertThat(bySecret.exitCode()).isEqualTo(1);
    assertThat(bySecret.stdout()).isEqualTo("No memories found matching: hunter2secret" + System.lineSeparator());
    assertThat(byContentWord.exitCode()).isEqualTo(1);
    assertThat(succeed("secret", "1").stdout().trim()).isEqualTo(SECRET);
  }

  @Test
  void controlCharactersOfAMemoryAreShownAsEscapesAndExportedLosslesslyAsJsonLines() throws Exception {
    String forged = "Kestrel deploys on Fridays\u001b[2K\r#2  facts  0.9  2026-01-01  nothing to see\u0007 \u009b31m \u202eevil";
    succeed("store", forged, "-k", "release weekday");
    succeed("store", "Marmalade builds nightly", "-k", "release nightly");
    DatabaseRows.change(cli.database(), "UPDATE memories SET tags = 'ops' || char(27) || '[31m', category = 'odd' || char(13) || 'cat' WHERE id = 2");

    List<Result> shown =
        List.of(
            succeed("list"),
            succeed("recall", "release"),
            succeed("get", "1"),
            succeed("get", "2"),
            succeed("export", "--format", "markdown"));
    Result listJson = succeed("list", "--json");
    Result jsonl = succeed("export");

    for (Result result : shown) {
      assertThat(result.stdout())
          .as("%s", result)
          .doesNotContain("\u001b")
          .doesNotContain("\u0007")
          .doesNotContain("\r")
          .doesNotContain("\u009b")
          .doesNotContain("\u202e");
    }
    assertThat(shown.get(0).stdout())
        .contains("Kestrel deploys on Fridays\\e[2K\\r#2  facts  0.9  2026-01-01  nothing to see\\a \\u009b31m \\u202eevil")
        .contains("tags: ops\\e[31m")
        .contains("odd\\rcat");
    assertThat(shown.get(2).stdout()).contains("  Kestrel deploys on Fridays\\e[2K\\r#2");
    assertThat(shown.get(4).stdout()).contains("- Kestrel deploys on Fridays\\e[2K\\r#2").contains("## odd\\rcat");
    assertThat(listJson.stdout()).doesNotContain("\u001b").doesNotContain("\r");
    assertThat(JSON.readTree(listJson.stdout()).get(1).path("content").asText()).isEqualTo(forged);
    JsonNode exported = JSON.readTree(jsonl.stdout().lines().skip(1).findFirst().orElseThrow());
    assertThat(exported.path("content").asText()).isEqualTo(forged);
  }

  @Test
  void secretOfAnOrdinaryMemoryExitsOne() throws Exception {
    succeed("store", "Kestrel deploys run on Fridays");

    Result result = run("secret", "1");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr()).contains("Memory #1 is not marked as sensitive");
  }

  @Test
  void secretOfAnUnknownIdExitsOne() throws Exception {
    Result result = run("secret", "5");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("Memory #5 not found");
  }

  @Test
  void countPrintsTheTotalThenEachCategory() throws Exception {
    succeed("store", "A fact");
    succeed("store", "Another fact");
    succeed("store", "A gotcha", "-c", "gotcha");

    List<String> lines = succeed("count").stdout().lines().toList();

    assertThat(lines.get(0)).isEqualTo("Local memories: 3");
    assertThat(lines.subList(1, lines.size()))
        .hasSize(2)
        .anyMatch(line -> line.matches("\\s+facts\\s+2"))
        .anyMatch(line -> line.matches("\\s+gotchas\\s+1"));
  }

  @Test
  void countAsJsonPrintsAParsableObject() throws Exception {
    succeed("store", "A fact");
    succeed("store", "A gotcha", "-c", "bug");

    JsonNode counts = JSON.readTree(succeed("count", "--json").stdout());

    assertThat(counts.path("total").asLong()).isEqualTo(2);
    assertThat(counts.path("by_category").path("facts").asLong()).isEqualTo(1);
    assertThat(counts.path("by_category").path("gotchas").asLong()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "blank content              | store;   \t                        | must not be blank",
        "unknown category           | store;hello;-c;recipes            | unknown category 'recipes'; valid categories: facts",
        "unknown category to recall | recall;hello;-c;recipes           | unknown category 'recipes'",
        "list limit 0               | list;-n;0                         | between 1 and 1000",
        "recall limit 101           | recall;hello;-n;101               | between 1 and 100",
        "unknown sort               | recall;hello;-s;weird             | unknown sort_by 'weird'",
        "delete of an unknown id    | delete;42                         | Memory #42 not found",
        "delete of id 0             | delete;0                          | not found"
      })
  void refusedInputExitsOneWithAMessage(String name, String arguments, String message) throws Exception {
    Result result = run(arguments.split(";", -1));

    assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
    assertThat(result.stderr()).contains(message);
    assertNoStackTrace(result);
    assertThat(result.stdout()).isEmpty();
  }

  @Test
  void contentOverTheLimitExitsOneSuggestingASplit() throws Exception {
    Result result = run("store", "k".repeat(1_401));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("1,401 characters; the limit is 1,400").contains("Split");
    assertNoStackTrace(result);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "unknown option      | --bogus                | Unknown option: '--bogus'",
        "unknown sub-option  | list;--bogus           | Unknown option: '--bogus'",
        "missing content     | store                  | Missing required parameter",
        "id not a number     | delete;abc             | 'abc' is not a long",
        "importance a word   | store;hello;-i;high    | 'high' is not a double",
        "unknown subcommand  | forget;1               | Unmatched argument"
      })
  void aUsageErrorExitsTwo(String name, String arguments, String message) throws Exception {
    Result result = run(arguments.split(";", -1));

    assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
    assertThat(result.stderr()).contains(message);
    assertNoStackTrace(result);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "MEMORY_SYNC_INTERVAL, abc",
    "MEMORY_SYNC_INTERVAL, -5",
    "MEMORY_RECALL_TIMEOUT, soon",
    "MEMORY_API_URL, ftp://example.org"
  })
  void anInvalidSettingExitsTwoNamingTheVariableWithoutAStackTrace(String variable, String value) throws Exception {
    for (String[] command : List.of(new String[] {"count"}, new String[] {"store", "hello"})) {
      Result result = cli.with(variable, value).run(command);

      assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
      assertThat(result.stderr()).contains(variable);
      assertThat(result.stderr().lines().count()).as("one clear message: %s", result).isEqualTo(1);
      assertNoStackTrace(result);
    }
    assertThat(cli.database()).as("nothing was written").doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {"--help", "-h"})
  void helpListsTheCommandsTheSettingsAndTheExitStatuses(String option) throws Exception {
    Result result = succeed(option);

    assertThat(result.stdout())
        .contains("store", "recall", "list", "update", "delete", "secret", "count")
        .contains("MEMORY_HOME", "MEMORY_DB", "MEMORY_API_URL", "MEMORY_API_KEY", "MEMORY_SYNC_INTERVAL", "MEMORY_SYNC_DISABLE", "MEMORY_RECALL_TIMEOUT")
        .contains("Exit status");
  }

  @Test
  void versionPrintsTheVersion() throws Exception {
    assertThat(succeed("--version").stdout()).startsWith("claude-memory ");
  }

  @Test
  void remoteOnlyRecallSaysTheApiRefusedTheConnectionNotThatItWasSlow() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort;
    CliProcess remoteOnly =
        cli.with("MEMORY_API_KEY", "sk-remote-only-0123456789")
            .with("MEMORY_API_URL", url)
            .with("MEMORY_SYNC_DISABLE", "1")
            .with("MEMORY_RECALL_TIMEOUT", "3");

    Result result = remoteOnly.run("recall", "kestrel", "fridays");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
    assertThat(result.stderr())
        .contains("connection refused at " + url)
        .contains("MEMORY_API_URL")
        .doesNotContain("within 3 s")
        .doesNotContain("fewer words");
    assertNoStackTrace(result);
  }

  @Test
  void switchSettingsTakeTheUsualWordsForOn() throws Exception {
    CliProcess duplicating = cli.with("MEMORY_ALLOW_DUPLICATES", "yes");
    CliProcess remoteOnly = cli.with("MEMORY_API_KEY", "sk-switch-words-0123456789").with("MEMORY_SYNC_DISABLE", "true");

    succeed("store", "Kestrel deploys run on Fridays");
    Result again = duplicating.run("store", "Kestrel deploys run on Fridays");
    Result status = remoteOnly.run("sync", "status");

    assertThat(again.stdout()).as("%s", again).startsWith("Stored memory #2");
    assertThat(status.stdout()).as("%s", status).contains("remote-only mode");
  }

  @ParameterizedTest
  @CsvSource({"MEMORY_SYNC_DISABLE, maybe", "MEMORY_ALLOW_DUPLICATES, 2"})
  void aSwitchSettingThatIsNeitherOnNorOffIsRefusedNamingIt(String variable, String value) throws Exception {
    Result result = cli.with(variable, value).run("count");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
    assertThat(result.stderr()).contains(variable).contains("'" + value + "'").contains("1, true, yes or on");
    assertNoStackTrace(result);
  }
}
