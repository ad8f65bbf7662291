package dev.claudememory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudememory.cli.CliProcess.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code claude-memory get} and {@code secret --json} as processes, on good, missing and broken databases. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
final class GetCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "db password=hunter2secret";

  @TempDir Path folder;
  private CliProcess cli;

  @BeforeEach
  void useATemporaryHome() {
    cli = new CliProcess(folder);
  }

  private Result succeed(String... arguments) throws Exception {
    Result result = cli.run(arguments);
    assertThat(result.exitCode()).as("claude-memory %s\n%s", String.join(" ", arguments), result).isZero();
    return result;
  }

  @Test
  void getShowsEveryFieldAligned() throws Exception {
    succeed("store", "Kestrel deploys run on Fridays\nafter the freeze", "-c", "infra", "-t", "ops,deploy",
        "-k", "release weekday cadence", "-i", "0.8");

    List<String> lines = succeed("get", "1").stdout().lines().toList();

    assertThat(lines)
        .contains(field("id", "1"), field("server id", "none (not synced)"), field("category", "infrastructure"),
            field("importance", "0.8"), field("sensitive", "no"), field("tags", "ops,deploy"),
            field("keywords", "release weekday cadence"), "content:", "  Kestrel deploys run on Fridays",
            "  after the freeze");
    assertThat(lines).anyMatch(line -> line.matches("created: {5}\\d{4}-\\d{2}-\\d{2}T.*\\+00:00"));
    assertThat(lines).anyMatch(line -> line.matches("updated: {5}\\d{4}-\\d{2}-\\d{2}T.*\\+00:00"));
  }

  /** A field line: names are padded to the longest, "importance:", then two spaces. */
  private static String field(String name, String value) {
    return String.format("%-13s%s", name + ":", value);
  }

  @Test
  void getAsJsonPrintsEveryField() throws Exception {
    succeed("store", "Kestrel deploys run on Fridays", "-c", "decisions", "-t", "ops", "-k", "release weekday");

    JsonNode memory = JSON.readTree(succeed("get", "--json", "1").stdout());

    assertThat(memory.path("id").asLong()).isEqualTo(1);
    assertThat(memory.path("server_id").isNull()).isTrue();
    assertThat(memory.path("content").asText()).isEqualTo("Kestrel deploys run on Fridays");
    assertThat(memory.path("category").asText()).isEqualTo("decisions");
    assertThat(memory.path("tags").asText()).isEqualTo("ops");
    assertThat(memory.path("expanded_keywords").asText()).isEqualTo("release weekday");
    assertThat(memory.path("importance").asDouble()).isEqualTo(0.5);
    assertThat(memory.path("is_sensitive").asBoolean(true)).isFalse();
    assertThat(memory.path("created_at").asText()).isEqualTo(memory.path("updated_at").asText()).isNotEmpty();
  }

  @Test
  void getMasksSensitiveContentWhichOnlySecretPrints() throws Exception {
    succeed("store", SECRET, "-k", "database credentials");

    Result shown = succeed("get", "1");
    JsonNode asJson = JSON.readTree(succeed("get", "1", "--json").stdout());
    JsonNode secret = JSON.readTree(succeed("secret", "1", "--json").stdout());

    assertThat(shown.stdout()).contains(field("sensitive", "yes")).contains("  [SENSITIVE - use secret_get(id=1)]")
        .doesNotContain("hunter2secret");
    assertThat(asJson.path("content").asText()).isEqualTo("[SENSITIVE - use secret_get(id=1)]");
    assertThat(asJson.path("is_sensitive").asBoolean()).isTrue();
    assertThat(secret.path("id").asLong()).isEqualTo(1);
    assertThat(secret.path("content").asText()).isEqualTo(SECRET);
  }

  @Test
  void getOfAnUnknownIdExitsOneSayingNotFound() throws Exception {
    succeed("store", "Kestrel deploys run on Fridays");

    Result result = cli.run("get", "7");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr().trim()).isEqualTo("Memory #7 not found");
  }

  @Test
  void getOnAMissingDatabaseFindsNothing() throws Exception {
    Result result = cli.run("get", "--json", "1");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr()).contains("Memory #1 not found");
  }

  @Test
  void getOnACorruptDatabaseFailsWithOneLineAndLeavesTheFile() throws Exception {
    byte[] garbage = "this is not a database, only some text where one should be\n".repeat(200).getBytes(StandardCharsets.UTF_8);
    Files.createDirectories(cli.database().getParent());
    Files.write(cli.database(), garbage);

    Result result = cli.run("get", "1");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr()).as("%s", result).startsWith("claude-memory: ").doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(result.stderr().lines().count()).as("%s", result).isEqualTo(1);
    assertThat(Files.readAllBytes(cli.database())).isEqualTo(garbage);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "get        | Missing required parameter: 'ID'",
        "get;abc    | 'abc' is not a long",
        "get;1;2    | Unmatched argument at index 2: '2'",
        "get;1;--jsn | Unknown option: '--jsn'"
      })
  void badArgumentsExitTwo(String arguments, String message) throws Exception {
    Result result = cli.run(arguments.split(";"));

    assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr()).contains(message);
  }
}
