package dev.claudememory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudememory.cli.CliProcess.Result;
import dev.claudememory.testkit.FakeMemoryApiServer;
import dev.claudememory.testkit.ServerMemory;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged CLI in remote-only mode against the fake memory API on loopback: a sensitive memory
 * is listed and recalled masked under the server's id, and {@code secret} prints the original the
 * server keeps apart, not the redacted copy it answers elsewhere.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
final class CliRemoteOnlyIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "sk-test-cli-remote-KEY-0123456789";
  private static final String SECRET = "plover staging db password=hunter2-plover-77";

  @TempDir Path folder;
  private FakeMemoryApiServer api;
  private CliProcess remoteOnly;

  @BeforeEach
  void startTheApi() {
    api = new FakeMemoryApiServer(KEY).start();
    remoteOnly =
        new CliProcess(folder)
            .with("MEMORY_API_URL", api.baseUri().toString())
            .with("MEMORY_API_KEY", KEY)
            .with("MEMORY_SYNC_DISABLE", "1");
  }

  @AfterEach
  void stopTheApi() {
    api.close();
  }

  private Result succeed(String... arguments) throws Exception {
    Result result = remoteOnly.run(arguments);
    assertThat(result.exitCode()).as("claude-memory %s\n%s", String.join(" ", arguments), result).isZero();
    assertThat(result.stdout() + result.stderr()).as("the key is never shown").doesNotContain(KEY);
    return result;
  }

  @Test
  void aSensitiveMemoryIsListedAndRecalledMaskedAndSecretPrintsTheOriginal() throws Exception {
    ServerMemory plain = api.serverSideStore("Plover deploys need two approvals", "process");
    long id =
        JSON.readTree(succeed("store", "--json", SECRET, "-k", "plover credentials database login", "-c", "infra").stdout())
            .path("id").asLong();
    String masked = "[SENSITIVE - use secret_get(id=" + id + ")]";

    Result list = succeed("list");
    JsonNode listJson = JSON.readTree(succeed("list", "--json").stdout());
    Result recall = succeed("recall", "plover");
    Result get = succeed("get", String.valueOf(id));
    Result secret = succeed("secret", String.valueOf(id));

    assertThat(api.memory(id)).hasValueSatisfying(memory -> assertThat(memory.isRedacted()).isTrue());
    assertThat(list.stdout()).contains("#" + id + " ").contains(masked).contains("#" + plain.id() + " ");
    assertThat(listJson).anySatisfy(memory -> {
      assertThat(memory.path("id").asLong()).isEqualTo(id);
      assertThat(memory.path("content").asText()).isEqualTo(masked);
    });
    assertThat(recall.stdout()).contains("#" + id + " ").contains(masked);
    assertThat(get.stdout()).contains("  " + masked);
    for (Result shown : new Result[] {list, recall, get}) {
      assertThat(shown.stdout()).doesNotContain("hunter2").doesNotContain("REDACTED");
    }
    assertThat(secret.stdout().trim()).isEqualTo(SECRET);
  }
}
