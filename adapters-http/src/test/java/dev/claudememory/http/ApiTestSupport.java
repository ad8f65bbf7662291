package dev.claudememory.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudememory.core.remote.ApiKey;
import dev.claudememory.core.remote.MemoryFields;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;

/** Values and helpers the HTTP tests share. */
final class ApiTestSupport {
  /** Recognisable, so that a leak is easy to find. */
  static final String KEY_TEXT = "sk-test-KEY-DO-NOT-LEAK-123";

  static final ApiKey KEY = ApiKey.of("MEMORY_API_KEY", KEY_TEXT);
  static final HttpTimeouts TIMEOUTS =
      new HttpTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(3));
  static final MemoryFields FIELDS =
      new MemoryFields(
          "Use uv, not pip, in this repo",
          "gotcha",
          "python,tooling",
          "uv pip venv install lock",
          0.8,
          false);

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ApiTestSupport() {}

  static HttpRemoteMemoryApi api(MockWebServer server) {
    return api(server, TIMEOUTS);
  }

  static HttpRemoteMemoryApi api(MockWebServer server, HttpTimeouts timeouts) {
    return new HttpRemoteMemoryApi(server.url("/"), KEY, timeouts, HttpRemoteMemoryApi.KEEP_ALIVE);
  }

  static MockResponse json(int code, String body) {
    return new MockResponse(code, Headers.of("Content-Type", "application/json"), body);
  }

  static MockResponse html(int code, String body) {
    return new MockResponse(code, Headers.of("Content-Type", "text/html"), body);
  }

  /** The next request the server read; fails rather than waiting long. */
  static RecordedRequest taken(MockWebServer server) throws InterruptedException {
    RecordedRequest request = server.takeRequest(3, TimeUnit.SECONDS);
    assertThat(request).as("a request reached the server").isNotNull();
    return request;
  }

  static JsonNode jsonBody(RecordedRequest request) throws IOException {
    assertThat(request.getBody()).as("request body").isNotNull();
    return MAPPER.readTree(request.getBody().utf8());
  }
}
