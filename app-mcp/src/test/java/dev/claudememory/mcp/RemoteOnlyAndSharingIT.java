package dev.claudememory.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.testkit.FakeMemoryApiServer;
import dev.claudememory.testkit.ServerMemory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote-only mode (every tool a direct API call, server ids, no local database) and the six
 * sharing tools, which are offered only with an API key, through the real server process.
 */
@Timeout(120)
class RemoteOnlyAndSharingIT {
  private static final String KEY = "sk-test-remote-KEY-0123456789";
  private static final Duration CONVERGE = Duration.ofSeconds(30);
  private static final List<String> SHARING_TOOLS =
      List.of(
          "memory_share",
          "memory_unshare",
          "memory_share_tag",
          "memory_unshare_tag",
          "memory_shared_with_me",
          "memory_my_shares");

  @RegisterExtension final McpProcesses servers = new McpProcesses();
  @TempDir Path folder;
  private FakeMemoryApiServer api;

  @BeforeEach
  void startApi() {
    api = new FakeMemoryApiServer(KEY).start();
  }

  @AfterEach
  void stopApi() {
    api.close();
  }

  private McpProcess remoteOnly(Map<String, String> extra) throws IOException {
    Map<String, String> environment = new java.util.HashMap<>(extra);
    environment.put("MEMORY_API_URL", api.baseUri().toString());
    environment.put("MEMORY_API_KEY", KEY);
    environment.put("MEMORY_SYNC_DISABLE", "1");
    McpProcess client = servers.start(folder.resolve("remote"), environment);
    client.initialize("2025-06-18");
    return client;
  }

  private McpProcess hybrid() throws IOException {
    McpProcess client =
        servers.start(
            folder.resolve("hybrid"),
            Map.of(
                "MEMORY_API_URL", api.baseUri().toString(),
                "MEMORY_API_KEY", KEY,
                "MEMORY_SYNC_INTERVAL", "1"));
    client.initialize("2025-06-18");
    return client;
  }

  @Test
  void remoteOnlyModeServesEveryToolFromTheApiWithServerIds() throws Exception {
    ServerMemory elsewhere = api.serverSideStore("The Plover runbook lives in the ops wiki", "runbook");
    McpProcess client = remoteOnly(Map.of());

    JsonNode stored = client.callTool("memory_store", store("Plover deploys need two approvals", "process"));
    long id = stored.get("structuredContent").get("id").asLong();
    assertThat(api.memory(id)).hasValueSatisfying(m -> assertThat(m.content()).isEqualTo("Plover deploys need two approvals"));
    assertThat(McpProcess.text(stored)).isEqualTo("Stored memory #" + id + " in category 'process' with importance 0.5");

    String recalled = McpProcess.text(client.callTool("memory_recall", recall("Plover")));
    assertThat(recalled).contains("#" + id + " [process]").contains("#" + elsewhere.id() + " [runbook]");

    assertThat(McpProcess.text(client.callTool("memory_update", McpProcess.arguments("id", id, "tags", "deploy,plover"))))
        .isEqualTo("Updated memory #" + id);
    assertThat(api.memory(id)).hasValueSatisfying(m -> {
      assertThat(m.tags()).isEqualTo("deploy,plover");
      assertThat(m.content()).isEqualTo("Plover deploys need two approvals");
    });

    String listed = McpProcess.text(client.callTool("memory_list", McpProcess.object()));
    assertThat(listed).startsWith("Recent memories (2 shown):");
    assertThat(listed.indexOf("#" + id + " ")).isLessThan(listed.indexOf("#" + elsewhere.id() + " "));

    assertThat(McpProcess.text(client.callTool("memory_count", McpProcess.object())))
        .startsWith("Memories on the server: 2\n")
        .contains("remote-only mode");

    assertThat(McpProcess.text(client.callTool("memory_delete", McpProcess.arguments("id", elsewhere.id()))))
        .startsWith("Deleted memory #" + elsewhere.id() + ": The Plover runbook");
    assertThat(api.memory(elsewhere.id())).hasValueSatisfying(m -> assertThat(m.isDeleted()).isTrue());
    JsonNode missing = client.callTool("memory_delete", McpProcess.arguments("id", elsewhere.id()));
    assertThat(missing.get("isError").asBoolean()).isTrue();
    assertThat(McpProcess.text(missing)).contains("not found");

    assertThat(McpProcess.databaseIn(folder.resolve("remote"))).doesNotExist();
  }

  @Test
  void remoteOnlyShowsASensitiveMemoryMaskedAndSecretGetReadsTheOriginalTheServerKeepsApart() throws Exception {
    McpProcess client = remoteOnly(Map.of());
    String secret = "The Plover staging password is hunter2-Plover-77";
    JsonNode stored = client.callTool("memory_store", store(secret, "infrastructure"));
    long id = stored.get("structuredContent").get("id").asLong();

    String masked = "#" + id + " [infrastructure] (importance: 0.5) [SENSITIVE - use secret_get(id=" + id + ")]\n";
    JsonNode listed = client.callTool("memory_list", McpProcess.object());

    assertThat(McpProcess.text(client.callTool("memory_recall", recall("Plover staging password"))))
        .contains(masked)
        .doesNotContain("hunter2");
    assertThat(McpProcess.text(listed))
        .contains("#" + id + " [infrastructure] [SENSITIVE - use secret_get(id=" + id + ")]\n")
        .doesNotContain("hunter2")
        .doesNotContain("REDACTED");
    assertThat(listed.toString()).doesNotContain("hunter2").doesNotContain("REDACTED");
    assertThat(McpProcess.text(client.callTool("secret_get", McpProcess.arguments("id", id))))
        .isEqualTo("#" + id + " [infrastructure] " + secret);
  }

  @Test
  void remoteOnlyRefusesAnUndeclaredArgumentAndSendsNothingToTheApi() throws Exception {
    McpProcess client = remoteOnly(Map.of());
    ObjectNode misspelt = store("The Plover staging password is hunter2-Plover-77", "infrastructure");
    misspelt.put("is_sensitive", true);

    JsonNode stored = client.callTool("memory_store", misspelt);
    JsonNode shared =
        client.callTool("memory_share_tag", McpProcess.arguments("tag", "oncall", "shared_with", "bob", "perm", "write"));

    assertThat(stored.get("isError").asBoolean()).isTrue();
    assertThat(McpProcess.text(stored)).contains("unknown argument 'is_sensitive'").contains("force_sensitive");
    assertThat(shared.get("isError").asBoolean()).isTrue();
    assertThat(McpProcess.text(shared))
        .contains("unknown argument 'perm'; memory_share_tag accepts tag, shared_with, permission");
    assertThat(api.requests()).noneMatch(request -> !request.method().equals("GET"));
    assertThat(api.serverMemories()).isEmpty();
  }

  @Test
  void aRemoteRecallSlowerThanTheRecallTimeoutAsksToTryAgain() throws Exception {
    McpProcess client = remoteOnly(Map.of("MEMORY_RECALL_TIMEOUT", "1"));
    api.delayAnswers(Duration.ofSeconds(3), 1);
    JsonNode result = client.callTool("memory_recall", recall("Plover"));
    assertThat(result.get("isError").asBoolean()).isTrue();
    assertThat(McpProcess.text(result)).contains("MEMORY_RECALL_TIMEOUT").contains("try again");
    assertThat(client.callTool("memory_recall", recall("Plover")).get("isError").asBoolean()).isFalse();
  }

  @Test
  void theSharingToolsAreOfferedOnlyWithAnApiKey() throws Exception {
    McpProcess local = servers.start(folder.resolve("local"));
    local.initialize("2025-06-18");
    assertThat(toolNames(local)).hasSize(7).doesNotContainAnyElementsOf(SHARING_TOOLS);

    assertThat(toolNames(hybrid())).hasSize(13).containsAll(SHARING_TOOLS);
  }

  @Test
  void sharingInHybridModeMapsLocalIdsAndSaysWhenAMemoryHasNotReachedTheServer() throws Exception {
    // taken first, so the client's memory gets another id on the server than here: a mix-up shows
    api.serverSideStore("An unrelated memory already on the server", "facts");
    api.stop();
    McpProcess client = hybrid();
    long id =
        client.callTool("memory_store", store("Plover on-call rota is in the team calendar", "people"))
            .get("structuredContent").get("id").asLong();
    ObjectNode share = McpProcess.arguments("id", id, "shared_with", "bob", "permission", "write");

    JsonNode early = client.callTool("memory_share", share);
    assertThat(early.get("isError").asBoolean()).isTrue();
    assertThat(McpProcess.text(early)).contains("#" + id).contains("has not reached the memory server yet");

    api.start();
    awaitTrue("the client knows its memory's server id", () -> countText(client).contains("Unsynced memories: 0"));
    long serverId =
        api.serverMemories().stream()
            .filter(m -> m.content().startsWith("Plover on-call"))
            .findFirst().orElseThrow().id();
    assertThat(serverId).isNotEqualTo(id);

    assertThat(McpProcess.text(client.callTool("memory_share", share)))
        .isEqualTo("Shared memory #" + id + " with bob (write)");
    assertThat(api.requests()).anySatisfy(request ->
        assertThat(request.path()).isEqualTo("/api/memories/" + serverId + "/share"));
    assertThat(McpProcess.text(client.callTool("memory_share_tag",
            McpProcess.arguments("tag", "oncall", "shared_with", "carol"))))
        .isEqualTo("Shared every memory tagged 'oncall' with carol (read)");

    String mine = McpProcess.text(client.callTool("memory_my_shares", McpProcess.object()));
    assertThat(mine).contains("#" + id + " with bob (write)").contains("'oncall' with carol (read)");

    assertThat(McpProcess.text(client.callTool("memory_unshare", McpProcess.arguments("id", id, "shared_with", "bob"))))
        .isEqualTo("Stopped sharing memory #" + id + " with bob");
    assertThat(McpProcess.text(client.callTool("memory_unshare_tag",
            McpProcess.arguments("tag", "oncall", "shared_with", "carol"))))
        .isEqualTo("Stopped sharing tag 'oncall' with carol");
    assertThat(McpProcess.text(client.callTool("memory_my_shares", McpProcess.object())))
        .isEqualTo("You share no memories and no tags");
    assertThat(McpProcess.text(client.callTool("memory_shared_with_me", McpProcess.object())))
        .isEqualTo("No memories are shared with you");

    JsonNode unknown = client.callTool("memory_share", McpProcess.arguments("id", 9999, "shared_with", "bob"));
    assertThat(McpProcess.text(unknown)).contains("not found");
  }

  private static String countText(McpProcess client) {
    try {
      return McpProcess.text(client.callTool("memory_count", McpProcess.object()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> toolNames(McpProcess client) throws IOException {
    List<String> names = new ArrayList<>();
    client.request("tools/list", null).get("result").get("tools").forEach(tool -> names.add(tool.get("name").asText()));
    return names;
  }

  private static ObjectNode store(String content, String category) {
    return McpProcess.arguments(
        "content", content, "expanded_keywords", "plover deploy rota runbook notes", "category", category);
  }

  private static ObjectNode recall(String words) {
    return McpProcess.arguments("context", words, "expanded_query", "");
  }

  private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + CONVERGE.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("not within " + CONVERGE + ": " + what);
  }
}
