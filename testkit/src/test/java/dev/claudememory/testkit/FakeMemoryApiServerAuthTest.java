package dev.claudememory.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
final class FakeMemoryApiServerAuthTest {
  private final FakeMemoryApiServer server = new FakeMemoryApiServer("right-key").start();
  private final ApiClient api = new ApiClient(server);

  @AfterEach
  void close() {
    server.close();
  }

  @Test
  void healthNeedsNoKey() throws Exception {
    ApiClient.Reply reply = api.withoutKey().get("/health");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).isEqualTo("{\"status\":\"ok\"}");
    assertThat(reply.contentType()).isEqualTo("application/json");
  }

  @Test
  void authCheckAnswersTheUserId() throws Exception {
    ApiClient.Reply reply = api.get("/api/auth-check");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).isEqualTo("{\"status\":\"ok\",\"user_id\":1}");
  }

  @Test
  void aWrongKeyIs401InvalidApiKey() throws Exception {
    ApiClient.Reply reply = api.withKey("wrong-key").get("/api/auth-check");

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.body()).isEqualTo("{\"detail\":\"Invalid API key\"}");
  }

  @Test
  void aKeyWithoutTheBearerSchemeIsRejected() throws Exception {
    ApiClient.Reply reply =
        api.withoutKey().send(api.withoutKey().request("/api/auth-check").header(
            "Authorization", "right-key"));

    assertThat(reply.status()).isEqualTo(401);
  }

  @Test
  void aMissingHeaderIs422WithFastApisDetailList() throws Exception {
    ApiClient.Reply reply = api.withoutKey().get("/api/auth-check");

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.body())
        .isEqualTo(
            "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"header\",\"authorization\"],"
                + "\"msg\":\"Field required\",\"input\":null}]}");
  }

  @Test
  void aMissingHeaderIsListedWithTheBodysErrors() throws Exception {
    ApiClient.Reply reply = api.withoutKey().post("/api/memories", "{\"importance\":3}");

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.json().get("detail").findValuesAsText("type"))
        .containsExactly("missing", "missing", "less_than_equal");
    assertThat(reply.json().at("/detail/1/loc").toString()).isEqualTo("[\"body\",\"content\"]");
    assertThat(server.serverMemories()).isEmpty();
  }

  @Test
  void aWrongKeyStoresNothing() throws Exception {
    ApiClient.Reply reply = api.withKey("wrong").post("/api/memories", "{\"content\":\"x\"}");

    assertThat(reply.status()).isEqualTo(401);
    assertThat(server.serverMemories()).isEmpty();
  }

  @Test
  void malformedJsonIs422EvenBeforeTheKeyIsChecked() throws Exception {
    // FastAPI reads the body before it resolves the key's dependency
    ApiClient.Reply reply = api.withKey("wrong").post("/api/memories", "{\"content\":");

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.json().at("/detail/0/type").asText()).isEqualTo("json_invalid");
  }

  @Test
  void rotatingTheKeyRejectsTheOldOneAndAcceptsTheNew() throws Exception {
    server.setApiKey("rotated-key");

    assertThat(api.get("/api/auth-check").status()).isEqualTo(401);
    assertThat(api.withKey("rotated-key").get("/api/auth-check").status()).isEqualTo(200);
    assertThat(server.apiKey()).isEqualTo("rotated-key");
  }

  @Test
  void answer401ForRejectsTheRightKeyThatManyTimes() throws Exception {
    server.answer401For(2);

    assertThat(api.withoutKey().get("/health").status()).as("no key needed").isEqualTo(200);
    assertThat(api.get("/api/auth-check").status()).isEqualTo(401);
    assertThat(api.post("/api/memories", "{\"content\":\"x\"}").status()).isEqualTo(401);
    assertThat(api.get("/api/auth-check").status()).isEqualTo(200);
    assertThat(server.serverMemories()).isEmpty();
  }

  @Test
  void setAnswer401RejectsEveryKeyWhileOn() throws Exception {
    server.setAnswer401(true);
    for (int i = 0; i < 3; i++) {
      assertThat(api.get("/api/auth-check").status()).isEqualTo(401);
    }

    server.setAnswer401(false);

    assertThat(api.get("/api/auth-check").status()).isEqualTo(200);
  }
}
