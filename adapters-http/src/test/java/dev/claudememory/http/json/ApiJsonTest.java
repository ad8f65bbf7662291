package dev.claudememory.http.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.remote.CreatedMemory;
import dev.claudememory.core.remote.MemoryFields;
import dev.claudememory.core.remote.RemoteMemory;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Reading the API's bodies: optional fields, unknown fields, and bodies that break the contract.
 */
@Timeout(5)
class ApiJsonTest {
  private final ApiJson json = new ApiJson();

  @Test
  void recallMemoryWithoutKeywordsUpdatedAtOrSensitivityReadsWithDefaults() throws IOException {
    List<RemoteMemory> memories =
        json.memories(
            bytes(
                """
                {"memories": [{"id": 3, "content": "c", "category": "facts", "importance": null,
                               "created_at": "2026-11-24T21:47:33.680389+00:00", "rank": 1.5}]}
                """));

    assertThat(memories)
        .containsExactly(
            new RemoteMemory(
                new ServerId(3),
                "c",
                "facts",
                "",
                "",
                0.5,
                false,
                "2026-11-24T21:47:33.680389+00:00",
                "2026-11-24T21:47:33.680389+00:00",
                Optional.empty()));
  }

  @Test
  void unknownFieldsAnywhereAreIgnored() throws IOException {
    CreatedMemory created =
        json.created(
            bytes(
                "{\"id\":1,\"category\":\"facts\",\"importance\":0.5,\"vault\":{\"path\":\"x\"}}"),
            0.5);

    assertThat(created).isEqualTo(new CreatedMemory(new ServerId(1), "facts", 0.5));
  }

  @Test
  void createAnswerWithoutImportanceKeepsTheImportanceSent() throws IOException {
    assertThat(json.created(bytes("{\"id\":1,\"category\":\"facts\"}"), 0.7).importance())
        .isEqualTo(0.7);
  }

  @Test
  void memoryWithoutContentBreaksTheContract() {
    assertThatThrownBy(
            () ->
                json.memory(
                    bytes(
                        """
                        {"id": 3, "category": "facts", "created_at": "2026-11-24T21:47:33+00:00"}
                        """)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("memory 3")
        .hasMessageContaining("content");
  }

  @Test
  void jsonNullAndHtmlAreNotAnswers() {
    assertThatThrownBy(() -> json.userId(bytes("null"))).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> json.userId(bytes("<html>portal</html>")))
        .isInstanceOf(IOException.class);
  }

  @Test
  void errorDetailReadsTextAndValidationShapesOnly() {
    assertThat(json.errorDetail(bytes("{\"detail\":\"Invalid API key\"}")))
        .contains(new ErrorDetail(Optional.of("Invalid API key"), List.of()));
    assertThat(
            json.errorDetail(
                bytes(
                    """
                    {"detail": [{"loc": ["header", "authorization"], "msg": "Field required"}]}
                    """)))
        .contains(
            new ErrorDetail(
                Optional.empty(),
                List.of(new Violation(List.of("header", "authorization"), "Field required"))));
    assertThat(json.errorDetail(bytes("<html>502 Bad Gateway</html>"))).isEmpty();
    assertThat(json.errorDetail(bytes(""))).isEmpty();
    assertThat(json.errorDetail(bytes("{\"error\":\"other shape\"}"))).isEmpty();
  }

  @Test
  void authorizationHeaderViolationIsRecognisedInAnyCase() {
    assertThat(
            new Violation(List.of("header", "Authorization"), "Field required")
                .isAuthorizationHeader())
        .isTrue();
    assertThat(
            new Violation(List.of("body", "authorization"), "Field required")
                .isAuthorizationHeader())
        .isFalse();
  }

  @Test
  void storeBodyCarriesTheFieldsAsTheyAre() {
    String body =
        new String(
            json.storeBody(new MemoryFields("naïve ☃ \"q\"", "facts", "a,b", "k1 k2", 0.25, true)),
            UTF_8);

    assertThat(body)
        .isEqualTo(
            "{\"content\":\"naïve ☃ \\\"q\\\"\",\"category\":\"facts\",\"tags\":\"a,b\","
                + "\"expanded_keywords\":\"k1 k2\",\"importance\":0.25,\"force_sensitive\":true}");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }
}
