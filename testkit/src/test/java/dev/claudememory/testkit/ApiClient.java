package dev.claudememory.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Optional;

/** A plain JDK HTTP client for the fake, bounded by timeouts, speaking JSON with a bearer key. */
final class ApiClient {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final URI base;
  private final Optional<String> key;

  ApiClient(FakeMemoryApiServer server) {
    this(server.baseUri(), Optional.of(server.apiKey()));
  }

  /** A client of whatever listens at {@code base} (a proxy, say), sending {@code key}. */
  ApiClient(URI base, String key) {
    this(base, Optional.of(key));
  }

  private ApiClient(URI base, Optional<String> key) {
    this.base = base;
    this.key = key;
  }

  ApiClient withKey(String otherKey) {
    return new ApiClient(base, Optional.of(otherKey));
  }

  ApiClient withoutKey() {
    return new ApiClient(base, Optional.empty());
  }

  Reply get(String pathAndQuery) throws IOException, InterruptedException {
    return send(request(pathAndQuery).GET());
  }

  Reply post(String path, String json) throws IOException, InterruptedException {
    return send(request(path).POST(BodyPublishers.ofString(json)));
  }

  Reply post(String path) throws IOException, InterruptedException {
    return send(request(path).POST(BodyPublishers.noBody()));
  }

  Reply put(String path, String json) throws IOException, InterruptedException {
    return send(request(path).PUT(BodyPublishers.ofString(json)));
  }

  Reply delete(String path) throws IOException, InterruptedException {
    return send(request(path).DELETE());
  }

  Reply delete(String path, String json) throws IOException, InterruptedException {
    return send(request(path).method("DELETE", BodyPublishers.ofString(json)));
  }

  /** A request with the key (if any), a JSON content type and a timeout. */
  HttpRequest.Builder request(String pathAndQuery) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json");
    key.ifPresent(k -> builder.header("Authorization", "Bearer " + k));
    return builder;
  }

  Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
    var response = http.send(request.build(), BodyHandlers.ofString());
    return new Reply(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.body());
  }

  /** Stores a memory and answers the API's {@code {"id","category","importance"}}. */
  JsonNode store(String content) throws IOException, InterruptedException {
    return store(object().put("content", content));
  }

  JsonNode store(ObjectNode body) throws IOException, InterruptedException {
    Reply reply = post("/api/memories", body.toString());
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  record Reply(int status, String contentType, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }
  }
}
