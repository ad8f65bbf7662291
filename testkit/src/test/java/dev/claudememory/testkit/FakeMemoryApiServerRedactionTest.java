package dev.claudememory.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
final class FakeMemoryApiServerRedactionTest {
  private final FakeMemoryApiServer server = new FakeMemoryApiServer().start();
  private final ApiClient api = new ApiClient(server);

  @AfterEach
  void close() {
    server.close();
  }

  @Test
  void aCredentialIsStoredRedactedAndMarkedSensitive() throws Exception {
    api.store("db password=hunter2");

    ServerMemory memory = server.serverMemories().get(0);
    assertThat(memory.content()).isEqualTo("db password=[REDACTED:password]");
    assertThat(memory.originalContent()).isEqualTo("db password=hunter2");
    assertThat(memory.sensitive()).isTrue();
    assertThat(memory.isRedacted()).isTrue();
  }

  @Test
  void pullsAndGetsAnswerTheRedactedText() throws Exception {
    api.store("db password=hunter2");

    assertThat(api.get("/api/memories/sync").json().at("/memories/0/content").asText())
        .isEqualTo("db password=[REDACTED:password]");
    JsonNode memory = api.get("/api/memories/1").json();
    assertThat(memory.get("content").asText()).isEqualTo("db password=[REDACTED:password]");
    assertThat(memory.get("is_sensitive").asBoolean()).isTrue();
  }

  @Test
  void secretAnswersTheOriginalFromEncryptedStorage() throws Exception {
    api.store("db password=hunter2");

    ApiClient.Reply reply = api.post("/api/memories/1/secret");

    assertThat(reply.body())
        .isEqualTo("{\"id\":1,\"content\":\"db password=hunter2\",\"source\":\"encrypted\"}");
  }

  @Test
  void forceSensitiveMarksWithoutRedacting() throws Exception {
    api.store(
        ApiClient.object().put("content", "the merger closes in May").put("force_sensitive", true));

    ServerMemory memory = server.serverMemories().get(0);
    assertThat(memory.sensitive()).isTrue();
    assertThat(memory.content()).isEqualTo("the merger closes in May");
    assertThat(api.post("/api/memories/1/secret").json().get("source").asText())
        .isEqualTo("plaintext");
  }

  @Test
  void proseAboutPasswordsIsNotSensitive() throws Exception {
    api.store("the password reset flow uses email; the token bucket refills hourly");

    ServerMemory memory = server.serverMemories().get(0);
    assertThat(memory.sensitive()).isFalse();
    assertThat(memory.isRedacted()).isFalse();
  }

  @Test
  void recallAndListMaskSensitiveContent() throws Exception {
    api.store("staging db password=hunter2");
    api.store(
        ApiClient.object().put("content", "staging secret plan").put("force_sensitive", "yes"));
    api.store("staging is slow on mondays");

    JsonNode recalled =
        api.post("/api/memories/recall", "{\"context\":\"staging\"}").json().get("memories");
    JsonNode listed = api.get("/api/memories").json().get("memories");

    for (JsonNode memories : new JsonNode[] {recalled, listed}) {
      assertThat(memories.findValuesAsText("content"))
          .containsExactlyInAnyOrder(
              "[SENSITIVE - use secret_get(id=1)]", "[SENSITIVE - use secret_get(id=2)]",
              "staging is slow on mondays");
    }
  }

  @Test
  void editingContentRedetectsCredentials() throws Exception {
    api.store("nothing secret");
    api.put("/api/memories/1", "{\"content\":\"api_key: sk-abcdefghijklmnopqrstuvwx\"}");

    ServerMemory memory = server.serverMemories().get(0);
    assertThat(memory.sensitive()).isTrue();
    assertThat(memory.content())
        .doesNotContain("sk-abcdefghijklmnopqrstuvwx")
        .contains("[REDACTED:");

    api.put("/api/memories/1", "{\"content\":\"nothing secret again\"}");

    assertThat(server.serverMemories().get(0).sensitive()).isFalse();
  }

  @Test
  void aForcedMemoryStaysSensitiveAfterAnEdit() throws Exception {
    api.store(ApiClient.object().put("content", "private").put("force_sensitive", true));

    api.put("/api/memories/1", "{\"content\":\"still private\"}");

    assertThat(server.serverMemories().get(0).sensitive()).isTrue();
  }
}
