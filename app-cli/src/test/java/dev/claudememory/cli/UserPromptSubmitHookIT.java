package dev.claudememory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin's UserPromptSubmit hook as Claude Code calls it: the command of hooks/hooks.json,
 * Claude Code's JSON on stdin, its stdout parsed as the hook's answer.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
final class UserPromptSubmitHookIT {
  private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Pattern STORED = Pattern.compile("Stored memory #(\\d+) ");
  private static final String SECRET = "hunter2-Qx7v-rotated";

  @TempDir Path folder;
  private CliProcess cli;
  private HookProcess hook;

  @BeforeEach
  void useATemporaryHome() {
    cli = new CliProcess(folder);
    hook = new HookProcess(folder, Map.of());
  }

  private long store(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("store"));
    command.addAll(List.of(arguments));
    CliProcess.Result result = cli.run(command.toArray(String[]::new));
    Matcher stored = STORED.matcher(result.stdout());
    assertThat(stored.find()).as("%s", result).isTrue();
    return Long.parseLong(stored.group(1));
  }

  /** The hook's stdout as Claude Code reads it: one JSON object and nothing else. */
  private static String injectedContext(HookProcess.Result result) throws Exception {
    assertThat(result.exitCode()).as("%s", result).isZero();
    JsonNode answer = STRICT.readTree(result.stdout());
    assertThat(answer.isObject()).as("%s", result).isTrue();
    assertThat(answer.at("/hookSpecificOutput/hookEventName").asText()).isEqualTo("UserPromptSubmit");
    JsonNode context = answer.at("/hookSpecificOutput/additionalContext");
    assertThat(context.isTextual()).as("%s", result).isTrue();
    return context.asText();
  }

  private static void assertNothingInjected(HookProcess.Result result) {
    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stdout()).as("%s", result).isEmpty();
  }

  @Test
  void aRelevantMemoryIsInjectedWithItsIdAndAnUnrelatedOneIsNot() throws Exception {
    long release =
        store("The release branch is cut every second Tuesday", "-k", "release schedule branch cadence git", "-c", "process");
    store("The office wifi is renewed each spring", "-k", "office wifi network");

    String context = injectedContext(hook.submit("When do we cut the release branch?"));

    assertThat(context)
        .contains("#" + release + " [process]")
        .contains("The release branch is cut every second Tuesday")
        .contains("(#" + release + ")")
        .contains("memory_update")
        .doesNotContain("wifi");
  }

  @Test
  void aSensitiveMemoryIsInjectedMaskedNeverWithItsContent() throws Exception {
    long secret =
        store("staging database password=" + SECRET, "-k", "staging database credentials login", "--sensitive");

    HookProcess.Result result = hook.submit("Which credentials does the staging database take?");
    String context = injectedContext(result);

    assertThat(context).contains("[SENSITIVE - use secret_get(id=" + secret + ")]");
    assertThat(result.stdout()).doesNotContain(SECRET).doesNotContain("password=");
    assertThat(result.stderr()).doesNotContain(SECRET);
  }

  @Test
  void trivialPromptsAndAStackTracePastedAloneInjectNothing() throws Exception {
    store("The order service retries a payment three times", "-k", "order service payment retries");
    String trace =
        "java.lang.IllegalStateException: payment declined\n"
            + "\tat com.example.order.OrderService.pay(OrderService.java:42)\n"
            + "\tat com.example.order.PaymentRetries.run(PaymentRetries.java:17)\n";

    for (String prompt : List.of("ok", "thanks", "yes, go ahead", trace)) {
      assertNothingInjected(hook.submit(prompt));
    }
    assertThat(injectedContext(hook.submit("How often does the order service retry a payment?")))
        .contains("three times");
  }

  @Test
  void atMostFiveMemoriesAndEightKilobytesAreInjected() throws Exception {
    List<Long> ids = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      String filler = (" The consumer lag of the kafka cluster was measured again in run " + i + ".").repeat(25);
      ids.add(store(("Kafka consumer lag note " + i + "." + filler).substring(0, 1_400), "-k", "kafka consumer lag alert"));
    }

    String context = injectedContext(hook.submit("Why does the kafka consumer lag alert fire?"));

    assertThat(context.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(8 * 1024);
    long named = ids.stream().filter(id -> context.contains("#" + id + " [facts]")).count();
    assertThat(named).isBetween(4L, 5L);
  }

  @Test
  void aDamagedDatabaseInjectsNothingExitsZeroAndIsLeftAsItIs() throws Exception {
    Path damaged = folder.resolve("damaged.db");
    byte[] bytes = "this is not a SQLite database, only some text standing in its place".repeat(100)
        .getBytes(StandardCharsets.UTF_8);
    Files.write(damaged, bytes);

    HookProcess.Result result =
        new HookProcess(folder, Map.of("MEMORY_DB", damaged.toString())).submit("When do we cut the release branch?");

    assertNothingInjected(result);
    assertThat(Files.readAllBytes(damaged)).isEqualTo(bytes);
  }

  @Test
  void aHookWhoseInputNeverEndsGivesUpAfterASecondWithNothingInjected() throws Exception {
    store("The release branch is cut every second Tuesday", "-k", "release schedule branch");

    HookProcess.Result result = hook.run(HookProcess.event("When do we cut the release branch?").substring(0, 40), false);

    assertNothingInjected(result);
    assertThat(result.took()).isGreaterThanOrEqualTo(HookAnswer.BOUND).isLessThan(Duration.ofSeconds(20));
    assertThat(result.stderr()).contains("The hook had no answer after 1000 ms and added nothing");
  }

  @Test
  void inputThatIsNotTheDocumentedJsonInjectsNothing() throws Exception {
    store("The release branch is cut every second Tuesday", "-k", "release schedule branch");

    assertNothingInjected(hook.run("When do we cut the release branch?", true));
    assertNothingInjected(hook.run("{\"prompt\": 42}", true));
    assertNothingInjected(
        hook.run("{\"hook_event_name\":\"Stop\",\"prompt\":\"When do we cut the release branch?\"}", true));
  }

  @Test
  void theSwitchTurnsTheHookOff() throws Exception {
    store("The release branch is cut every second Tuesday", "-k", "release schedule branch");

    assertNothingInjected(
        new HookProcess(folder, Map.of("MEMORY_PROMPT_RECALL", "off")).submit("When do we cut the release branch?"));
    assertThat(injectedContext(new HookProcess(folder, Map.of("MEMORY_PROMPT_RECALL", "on"))
            .submit("When do we cut the release branch?")))
        .contains("second Tuesday");
  }

  @Test
  void withNoDatabaseNothingIsInjectedAndNoneIsCreated() throws Exception {
    HookProcess.Result result = hook.submit("When do we cut the release branch?");

    assertNothingInjected(result);
    assertThat(cli.database()).doesNotExist();
  }

  @Test
  void inRemoteOnlyModeNothingIsInjectedAndTheKeyIsShownNowhere() throws Exception {
    String key = "remote-only-key-5f2c9a71";
    HookProcess.Result result =
        new HookProcess(
                folder,
                Map.of("MEMORY_API_KEY", key, "MEMORY_SYNC_DISABLE", "1", "MEMORY_API_URL", "http://127.0.0.1:9"))
            .submit("When do we cut the release branch?");

    assertNothingInjected(result);
    assertThat(result.stderr()).doesNotContain(key);
    assertThat(cli.database()).doesNotExist();
  }

  @Test
  void aLauncherThatCannotFindJavaExitsZeroSoThePromptIsNotBlocked() throws Exception {
    HookProcess.Result result =
        new HookProcess(folder, Map.of("JAVA_HOME", folder.resolve("no-jdk").toString()))
            .submit("When do we cut the release branch?");

    assertNothingInjected(result);
    assertThat(result.stderr()).contains("JAVA_HOME");
  }

  /**
   * The launcher runs the hook from the command line's class-data archive the build trained. A JVM
   * silently ignores an archive that does not match, so this maps it with {@code -Xshare:on} (the
   * AOT cache with {@code -XX:AOTMode=on} from JDK 25), which fails loudly, and checks the hook's
   * own class came from it.
   */
  @Test
  void theHookIsLoadedFromTheTrainedClassDataArchive() throws Exception {
    store("The release branch is cut every second Tuesday", "-k", "release schedule branch cadence git");
    Path classLoadLog = folder.resolve("class-load.log");
    String mustMap = Runtime.version().feature() >= 25 ? "-XX:AOTMode=on" : "-Xshare:on";
    HookProcess mapped =
        new HookProcess(folder, Map.of("MEMORY_JAVA_OPTS", mustMap + " -Xlog:class+load=info:file=" + classLoadLog));

    String context = injectedContext(mapped.submit("When do we cut the release branch?"));

    assertThat(context).contains("The release branch is cut every second Tuesday");
    assertThat(Files.readAllLines(classLoadLog))
        .anyMatch(line -> line.contains(" dev.claudememory.cli.UserPromptSubmitHook source: shared objects file"));
  }
}
