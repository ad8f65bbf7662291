package dev.claudememory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudememory.cli.CliProcess.Result;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** recall and list for people under MEMORY_MAX_RESULT_CHARS (hooks feed them to assistants); duplicates. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
final class CliResultBudgetAndDuplicatesIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path folder;

  private static Result succeed(CliProcess cli, String... arguments) throws Exception {
    Result result = cli.run(arguments);
    assertThat(result.exitCode()).as("claude-memory %s\n%s", String.join(" ", arguments), result).isZero();
    return result;
  }

  @Test
  void recallAndListStayUnderTheBudgetCutLongContentsAndCountWhatIsLeftOut() throws Exception {
    CliProcess cli = new CliProcess(folder, Map.of("MEMORY_MAX_RESULT_CHARS", "1000"));
    String longNote = ("Osprey nest survey on the north pylon, " + "y".repeat(40) + " ").repeat(16).strip();
    succeed(cli, "store", longNote, "-k", "osprey nest survey");
    for (int i = 1; i <= 20; i++) {
      succeed(cli, "store", "Osprey sighting number " + i + " over the reservoir at dawn", "-t", "birds");
    }

    String recalled = succeed(cli, "recall", "osprey", "-n", "30").stdout();
    String listed = succeed(cli, "list", "-n", "30").stdout();
    JsonNode asJson = JSON.readTree(succeed(cli, "list", "--json", "-n", "30").stdout());

    for (String output : List.of(recalled, listed)) {
      String text = output.strip();
      assertThat(text.codePointCount(0, text.length())).as(output).isLessThanOrEqualTo(1_000);
      assertThat(text).as(output).startsWith("#").contains("… and ").contains("MEMORY_MAX_RESULT_CHARS (now 1000 characters)");
    }
    assertThat(recalled).contains(" more matched; narrow the words or use --category to see them");
    assertThat(listed).contains(" more not shown; use --category to see others");
    assertThat(asJson).hasSize(21);
    assertThat(asJson.get(20).path("content").asText()).isEqualTo(longNote);
  }

  @Test
  void aLongContentIsCutWithItsIdAndGetShowsAllOfIt() throws Exception {
    CliProcess cli = new CliProcess(folder, Map.of("MEMORY_MAX_RESULT_CHARS", "1000"));
    String longNote = ("Osprey nest survey on the north pylon, " + "y".repeat(40) + " ").repeat(16).strip();
    succeed(cli, "store", longNote);

    String listed = succeed(cli, "list").stdout();
    String got = succeed(cli, "get", "1").stdout();

    assertThat(listed)
        .startsWith("#1  facts  0.5  ")
        .contains(" … [cut from " + longNote.length() + " characters: 'claude-memory get <id>' shows all of it]")
        .doesNotContain("… and ");
    assertThat(got).contains(longNote);
  }

  @Test
  void storingContentAMemoryHoldsPrintsThatMemoryAndStoresNothing() throws Exception {
    CliProcess cli = new CliProcess(folder);
    succeed(cli, "store", "Kestrel deploys run on Fridays", "-c", "decisions");

    Result again = succeed(cli, "store", "kestrel  deploys run on FRIDAYS ");
    JsonNode asJson = JSON.readTree(succeed(cli, "store", "--json", "Kestrel deploys run on Fridays").stdout());

    assertThat(again.stdout().strip()).isEqualTo("Memory #1 already holds this content (category 'decisions'); nothing stored");
    assertThat(asJson.path("id").asLong()).isEqualTo(1);
    assertThat(asJson.path("duplicate").asBoolean()).isTrue();
    assertThat(JSON.readTree(succeed(cli, "list", "--json").stdout())).hasSize(1);
  }

  @Test
  void withMemoryAllowDuplicatesTheSameContentIsStoredAgain() throws Exception {
    CliProcess cli = new CliProcess(folder, Map.of("MEMORY_ALLOW_DUPLICATES", "1"));
    succeed(cli, "store", "Kestrel deploys run on Fridays");

    Result again = succeed(cli, "store", "Kestrel deploys run on Fridays");

    assertThat(again.stdout().strip()).isEqualTo("Stored memory #2 in category 'facts' with importance 0.5");
  }
}
