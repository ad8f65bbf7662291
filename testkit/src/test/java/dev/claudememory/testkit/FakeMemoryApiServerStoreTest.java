package dev.claudememory.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudememory.core.memory.Category;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(10)
final class FakeMemoryApiServerStoreTest {
  private static final String EMOJI = "\uD83C\uDF89";

  private final FakeMemoryApiServer server = new FakeMemoryApiServer().start();
  private final ApiClient api = new ApiClient(server);

  @AfterEach
  void close() {
    server.close();
  }

  @Test
  void storeAnswersIdCanonicalCategoryAndImportance() throws Exception {
    JsonNode created =
        api.store(
            ApiClient.object()
                .put("content", "deploys go through the blue pipeline")
                .put("category", "  Infra ")
                .put("tags", "ci,deploy")
                .put("expanded_keywords", "pipeline release rollout ship build")
                .put("importance", 0.5));

    assertThat(created.toString())
        .isEqualTo("{\"id\":1,\"category\":\"infrastructure\",\"importance\":0.5}");
    ServerMemory stored = server.serverMemories().get(0);
    assertThat(stored.content()).isEqualTo("deploys go through the blue pipeline");
    assertThat(stored.category()).isEqualTo("infrastructure");
    assertThat(stored.tags()).isEqualTo("ci,deploy");
    assertThat(stored.expandedKeywords()).isEqualTo("pipeline release rollout ship build");
    assertThat(stored.sensitive()).isFalse();
    assertThat(stored.createdAt()).isEqualTo(stored.updatedAt());
  }

  @ParameterizedTest
  @CsvSource({
    "gotcha,gotchas", "project,projects", "reference,references", "infra,infrastructure",
    "bug,gotchas", "incident,incidents", "procedures,runbook", "POST-MORTEMS,post-mortems",
    "sessions,sessions"
  })
  void categoriesAreCanonicalisedWithTheApisAliases(String given, String canonical)
      throws Exception {
    JsonNode created = api.store(ApiClient.object().put("content", "x").put("category", given));

    assertThat(created.get("category").asText()).isEqualTo(canonical);
  }

  @Test
  void everyKnownCategoryIsAccepted() throws Exception {
    for (String category : Category.KNOWN) {
      assertThat(api.store(ApiClient.object().put("content", "x").put("category", category))
              .get("category").asText())
          .isEqualTo(category);
    }
  }

  @Test
  void omittedFieldsTakeTheApisDefaults() throws Exception {
    JsonNode created = api.store("just content");

    assertThat(created.get("category").asText()).isEqualTo("facts");
    assertThat(created.get("importance").asDouble()).isEqualTo(0.5);
    ServerMemory stored = server.serverMemories().get(0);
    assertThat(stored.tags()).isEmpty();
    assertThat(stored.expandedKeywords()).isEmpty();
  }

  @Test
  void importanceIsStoredAsFloat4() throws Exception {
    JsonNode created = api.store(ApiClient.object().put("content", "x").put("importance", 0.8));

    assertThat(created.get("importance").asDouble()).isEqualTo(0.800000011920929);
    assertThat(api.get("/api/memories/1").body()).contains("\"importance\":0.800000011920929");
    assertThat(server.serverMemories().get(0).importance()).isEqualTo((double) 0.8f);
  }

  @Test
  void contentOf1400CodePointsIsAcceptedEvenWhenLongerInUtf16() throws Exception {
    String content = EMOJI.repeat(1_400);

    JsonNode created = api.store(content);

    assertThat(created.get("id").asLong()).isEqualTo(1);
    assertThat(server.serverMemories().get(0).content()).isEqualTo(content);
  }

  @Test
  void contentOver1400CodePointsIs422NamingContent() throws Exception {
    ApiClient.Reply reply =
        api.post("/api/memories", ApiClient.object().put("content", "x".repeat(1_401)).toString());

    assertThat(reply.status()).isEqualTo(422);
    JsonNode error = reply.json().at("/detail/0");
    assertThat(error.get("type").asText()).isEqualTo("string_too_long");
    assertThat(error.get("loc").toString()).isEqualTo("[\"body\",\"content\"]");
    assertThat(error.at("/ctx/max_length").asInt()).isEqualTo(1_400);
    assertThat(server.allMemoriesIncludingDeleted()).isEmpty();
  }

  @Test
  void emptyContentIs422() throws Exception {
    ApiClient.Reply reply = api.post("/api/memories", "{\"content\":\"\"}");

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.json().at("/detail/0/type").asText()).isEqualTo("string_too_short");
  }

  static Stream<Arguments> invalidFields() {
    String tooLong = "\"" + "t".repeat(501) + "\"";
    return Stream.of(
        Arguments.of("category", "\"nope\"", "value_error"),
        Arguments.of("category", "7", "string_type"),
        Arguments.of("tags", tooLong, "string_too_long"),
        Arguments.of("expanded_keywords", tooLong, "string_too_long"),
        Arguments.of("importance", "-0.01", "greater_than_equal"),
        Arguments.of("importance", "1.01", "less_than_equal"),
        Arguments.of("importance", "\"high\"", "float_parsing"),
        Arguments.of("content", "42", "string_type"),
        Arguments.of("content", "null", "string_type"),
        Arguments.of("force_sensitive", "\"maybe\"", "bool_parsing"));
  }

  @ParameterizedTest
  @MethodSource("invalidFields")
  void anInvalidFieldIs422WithItsLoc(String field, String value, String type) throws Exception {
    String body =
        field.equals("content")
            ? "{\"content\":" + value + "}"
            : "{\"content\":\"ok\",\"" + field + "\":" + value + "}";

    ApiClient.Reply reply = api.post("/api/memories", body);

    assertThat(reply.status()).as(reply.body()).isEqualTo(422);
    assertThat(reply.json().at("/detail/0/type").asText()).isEqualTo(type);
    assertThat(reply.json().at("/detail/0/loc").toString())
        .isEqualTo("[\"body\",\"" + field + "\"]");
    assertThat(server.allMemoriesIncludingDeleted()).isEmpty();
  }

  @Test
  void tagsAndKeywordsOf500CharactersAreAccepted() throws Exception {
    api.store(
        ApiClient.object()
            .put("content", "x")
            .put("tags", "t".repeat(500))
            .put("expanded_keywords", "k".repeat(500)));

    assertThat(server.serverMemories().get(0).tags()).hasSize(500);
  }

  @Test
  void importanceBoundsAreInclusive() throws Exception {
    assertThat(api.store(ApiClient.object().put("content", "x").put("importance", 0))
            .get("importance").asDouble()).isEqualTo(0.0);
    assertThat(api.store(ApiClient.object().put("content", "x").put("importance", 1))
            .get("importance").asDouble()).isEqualTo(1.0);
  }

  @Test
  void everyInvalidFieldIsListedInOneAnswer() throws Exception {
    ApiClient.Reply reply =
        api.post(
            "/api/memories",
            "{\"content\":\"\",\"category\":\"nope\",\"tags\":5,\"importance\":2}");

    assertThat(reply.json().get("detail").findValuesAsText("type"))
        .containsExactly("string_too_short", "value_error", "string_type", "less_than_equal");
  }

  @Test
  void aMissingContentIsFieldRequired() throws Exception {
    ApiClient.Reply reply = api.post("/api/memories", "{\"category\":\"facts\"}");

    assertThat(reply.status()).isEqualTo(422);
    JsonNode error = reply.json().at("/detail/0");
    assertThat(error.get("type").asText()).isEqualTo("missing");
    assertThat(error.get("msg").asText()).isEqualTo("Field required");
    assertThat(error.get("loc").toString()).isEqualTo("[\"body\",\"content\"]");
  }

  @Test
  void malformedJsonIsJsonInvalid() throws Exception {
    ApiClient.Reply reply = api.post("/api/memories", "{\"content\": \"x\",");

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.json().at("/detail/0/type").asText()).isEqualTo("json_invalid");
    assertThat(reply.json().at("/detail/0/loc/0").asText()).isEqualTo("body");
  }

  @Test
  void aBodyThatIsNotAnObjectIs422() throws Exception {
    ApiClient.Reply array = api.post("/api/memories", "[1,2]");
    ApiClient.Reply none = api.post("/api/memories");

    assertThat(array.status()).isEqualTo(422);
    assertThat(array.json().at("/detail/0/type").asText()).isEqualTo("model_attributes_type");
    assertThat(none.status()).isEqualTo(422);
    assertThat(none.json().at("/detail/0/type").asText()).isEqualTo("missing");
    assertThat(none.json().at("/detail/0/loc").toString()).isEqualTo("[\"body\"]");
  }

  @Test
  void bytesThatAreNotUtf8Are400() throws Exception {
    ApiClient.Reply reply =
        api.send(
            api.request("/api/memories")
                .POST(BodyPublishers.ofByteArray(
                    new byte[] {'{', '"', (byte) 0xFF, '"', ':', '1', '}'})));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("detail").asText())
        .isEqualTo("There was an error parsing the body");
  }

  @Test
  void contentPostgresCannotHoldIsAnUnhandled500AndStoresNothing() throws Exception {
    ApiClient.Reply nul = api.post("/api/memories", "{\"content\":\"a\\u0000b\"}");
    ApiClient.Reply loneSurrogate = api.post("/api/memories", "{\"content\":\"a\\ud800b\"}");

    assertThat(nul.status()).isEqualTo(500);
    assertThat(nul.body()).isEqualTo("Internal Server Error");
    assertThat(loneSurrogate.status()).isEqualTo(500);
    assertThat(server.allMemoriesIncludingDeleted()).isEmpty();
  }

  @Test
  void unknownFieldsAreIgnored() throws Exception {
    JsonNode created =
        api.store(ApiClient.object().put("content", "x").put("local_id", 7).put("colour", "red"));

    assertThat(created.get("id").asLong()).isEqualTo(1);
  }

  @Test
  void idsIncreaseFromOne() throws Exception {
    assertThat(api.store("a").get("id").asLong()).isEqualTo(1);
    assertThat(api.store("b").get("id").asLong()).isEqualTo(2);
    assertThat(api.store("c").get("id").asLong()).isEqualTo(3);
  }
}
