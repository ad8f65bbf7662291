package dev.claudememory.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Import, sharing, and routing of unknown paths. */
@Timeout(10)
final class FakeMemoryApiServerImportAndShareTest {
  private final FakeMemoryApiServer server = new FakeMemoryApiServer().start();
  private final ApiClient api = new ApiClient(server);

  @AfterEach
  void close() {
    server.close();
  }

  @Test
  void importStoresEveryItemAndAnswersEachInOrder() throws Exception {
    ApiClient.Reply reply =
        api.post(
            "/api/memories/import",
            "[{\"content\":\"a\",\"category\":\"infra\"},{\"content\":\"b\",\"importance\":0.8},"
                + "{\"content\":\"password=abc123\"}]");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body())
        .isEqualTo(
            "[{\"id\":1,\"category\":\"infrastructure\",\"importance\":0.5},"
                + "{\"id\":2,\"category\":\"facts\",\"importance\":0.800000011920929},"
                + "{\"id\":3,\"category\":\"facts\",\"importance\":0.5}]");
    assertThat(server.serverMemories()).extracting(ServerMemory::content)
        .containsExactly("a", "b", "password=[REDACTED:password]");
  }

  @Test
  void oneInvalidItemFailsTheWholeImport() throws Exception {
    ApiClient.Reply reply =
        api.post(
            "/api/memories/import",
            "[{\"content\":\"fine\"},{\"content\":\"fine too\",\"category\":\"nope\"}]");

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.json().at("/detail/0/loc").toString())
        .isEqualTo("[\"body\",1,\"category\"]");
    assertThat(server.allMemoriesIncludingDeleted()).isEmpty();
  }

  @Test
  void anImportThatPostgresCannotHoldStoresNothing() throws Exception {
    ApiClient.Reply reply =
        api.post("/api/memories/import", "[{\"content\":\"fine\"},{\"content\":\"nul\\u0000\"}]");

    assertThat(reply.status()).isEqualTo(500);
    assertThat(server.allMemoriesIncludingDeleted()).isEmpty();
  }

  @Test
  void importNeedsAList() throws Exception {
    ApiClient.Reply object = api.post("/api/memories/import", "{\"content\":\"a\"}");
    ApiClient.Reply empty = api.post("/api/memories/import", "[]");

    assertThat(object.status()).isEqualTo(422);
    assertThat(object.json().at("/detail/0/type").asText()).isEqualTo("list_type");
    assertThat(empty.status()).isEqualTo(200);
    assertThat(empty.body()).isEqualTo("[]");
  }

  @Test
  void sharingAMemoryShowsInMyShares() throws Exception {
    api.store("shared knowledge");

    ApiClient.Reply shared =
        api.post("/api/memories/1/share", "{\"shared_with\":\"alice\",\"permission\":\"write\"}");
    ApiClient.Reply defaulted = api.post("/api/memories/1/share", "{\"shared_with\":\"bob\"}");

    assertThat(shared.body())
        .isEqualTo("{\"shared\":1,\"with\":\"alice\",\"permission\":\"write\"}");
    assertThat(defaulted.json().get("permission").asText()).isEqualTo("read");
    JsonNode shares = api.get("/api/memories/my-shares").json();
    assertThat(shares.get("memory_shares")).hasSize(2);
    JsonNode first = shares.at("/memory_shares/0");
    assertThat(first.get("memory_id").asLong()).isEqualTo(1);
    assertThat(first.get("shared_with").asText()).isEqualTo("alice");
    assertThat(first.get("permission").asText()).isEqualTo("write");
    assertThat(first.get("preview").asText()).isEqualTo("shared knowledge");
    assertThat(first.get("created_at").asText()).endsWith("+00:00");
    assertThat(shares.get("tag_shares")).isEmpty();
  }

  @Test
  void unsharingRemovesTheShare() throws Exception {
    api.store("x");
    api.post("/api/memories/1/share", "{\"shared_with\":\"alice\"}");

    ApiClient.Reply reply = api.delete("/api/memories/1/share/alice");

    assertThat(reply.body()).isEqualTo("{\"unshared\":1,\"from\":\"alice\"}");
    assertThat(api.get("/api/memories/my-shares").json().get("memory_shares")).isEmpty();
  }

  @Test
  void sharingWithYourselfIs400AndAnUnknownMemory404() throws Exception {
    api.store("x");

    assertThat(
            api.post("/api/memories/1/share", "{\"shared_with\":\"fake-user\"}").status())
        .isEqualTo(400);
    assertThat(api.post("/api/memories/9/share", "{\"shared_with\":\"alice\"}").status())
        .isEqualTo(404);
    assertThat(
            api.post("/api/memories/1/share", "{\"shared_with\":\"a\",\"permission\":\"own\"}")
                .json().at("/detail/0/type").asText())
        .isEqualTo("literal_error");
  }

  @Test
  void sharingATagShowsInMySharesUntilUnshared() throws Exception {
    ApiClient.Reply shared =
        api.post("/api/memories/share-tag", "{\"tag\":\"ops\",\"shared_with\":\"alice\"}");

    assertThat(shared.body())
        .isEqualTo("{\"shared_tag\":\"ops\",\"with\":\"alice\",\"permission\":\"read\"}");
    assertThat(api.get("/api/memories/my-shares").json().at("/tag_shares/0/tag").asText())
        .isEqualTo("ops");

    ApiClient.Reply unshared =
        api.delete("/api/memories/share-tag", "{\"tag\":\"ops\",\"shared_with\":\"alice\"}");

    assertThat(unshared.body()).isEqualTo("{\"unshared_tag\":\"ops\",\"from\":\"alice\"}");
    assertThat(api.get("/api/memories/my-shares").json().get("tag_shares")).isEmpty();
  }

  @Test
  void nothingIsSharedWithTheOnlyUser() throws Exception {
    ApiClient.Reply reply = api.get("/api/memories/shared-with-me");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).isEqualTo("{\"memories\":[]}");
  }

  @Test
  void anUnknownPathIs404AndAWrongMethod405() throws Exception {
    ApiClient.Reply unknown = api.get("/api/nothing");
    ApiClient.Reply trailingSlash = api.get("/health/");
    ApiClient.Reply wrongMethod = api.post("/api/memories/sync", "{}");

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).isEqualTo("{\"detail\":\"Not Found\"}");
    assertThat(trailingSlash.status()).isEqualTo(404);
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.body()).isEqualTo("{\"detail\":\"Method Not Allowed\"}");
  }

  @Test
  void literalPathsWinOverTheIdPattern() throws Exception {
    // FastAPI matches routes in declaration order: /sync before /{id}, and DELETE /sync hits /{id}
    assertThat(api.get("/api/memories/sync").status()).isEqualTo(200);
    ApiClient.Reply deleteSync = api.delete("/api/memories/sync");
    assertThat(deleteSync.status()).isEqualTo(422);
    assertThat(deleteSync.json().at("/detail/0/type").asText()).isEqualTo("int_parsing");
  }
}
