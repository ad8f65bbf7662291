package dev.claudememory.http;

import static dev.claudememory.http.ApiTestSupport.FIELDS;
import static dev.claudememory.http.ApiTestSupport.KEY_TEXT;
import static dev.claudememory.http.ApiTestSupport.api;
import static dev.claudememory.http.ApiTestSupport.json;
import static dev.claudememory.http.ApiTestSupport.jsonBody;
import static dev.claudememory.http.ApiTestSupport.taken;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.remote.CreatedMemory;
import dev.claudememory.core.remote.MemoryFields;
import dev.claudememory.core.remote.RemoteResult;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code POST /api/memories/import}: an array of store bodies out, one created memory each back. */
@Timeout(15)
class ImportWireTest {
  private static final MemoryFields SECOND = new MemoryFields("Kestrel deploys are frozen on Fridays", "facts", "", "", 0.5, false);

  @StartStop private final MockWebServer server = new MockWebServer();
  private HttpRemoteMemoryApi api;

  @BeforeEach
  void connect() {
    api = api(server);
  }

  @AfterEach
  void close() {
    api.close();
  }

  @Test
  void anImportPostsAnArrayOfStoreBodiesAndReadsTheCreatedOnesInOrder() throws Exception {
    server.enqueue(json(200, "[{\"id\":7,\"category\":\"gotchas\",\"importance\":0.800000011920929},"
        + "{\"id\":8,\"category\":\"facts\",\"importance\":0.5}]"));

    RemoteResult<List<CreatedMemory>> result = api.importAll(List.of(FIELDS, SECOND));

    RecordedRequest request = taken(server);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/memories/import");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY_TEXT);
    assertThat(request.getHeaders().get("Idempotency-Key")).isNotBlank();
    JsonNode body = jsonBody(request);
    assertThat(body.isArray()).isTrue();
    assertThat(body).hasSize(2);
    assertThat(body.get(0).get("content").asText()).isEqualTo(FIELDS.content());
    assertThat(body.get(0).get("category").asText()).isEqualTo("gotcha");
    assertThat(body.get(1).get("content").asText()).isEqualTo(SECOND.content());
    assertThat(result)
        .isEqualTo(
            RemoteResult.ok(
                List.of(
                    new CreatedMemory(new ServerId(7), "gotchas", 0.800000011920929),
                    new CreatedMemory(new ServerId(8), "facts", 0.5))));
  }

  @Test
  void anAnswerListingAnotherNumberOfMemoriesIsNotTakenForTheirIds() {
    server.enqueue(json(200, "[{\"id\":7,\"category\":\"gotchas\",\"importance\":0.8}]"));

    RemoteResult<List<CreatedMemory>> result = api.importAll(List.of(FIELDS, SECOND));

    assertThat(result).isNotInstanceOf(RemoteResult.Ok.class);
  }

  @Test
  void aBatchRefusedWith422IsRejected() {
    server.enqueue(json(422, "{\"detail\":[{\"loc\":[\"body\",1,\"category\"],\"msg\":\"Invalid category\",\"type\":\"value_error\"}]}"));

    RemoteResult<List<CreatedMemory>> result = api.importAll(List.of(FIELDS, SECOND));

    assertThat(result).isInstanceOf(RemoteResult.Rejected.class);
    assertThat(((RemoteResult.Rejected<?>) result).status()).isEqualTo(422);
  }
}
