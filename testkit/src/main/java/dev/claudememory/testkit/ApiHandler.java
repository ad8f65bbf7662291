package dev.claudememory.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * Serves every request of the fake: records it, applies the armed faults, routes it, and answers
 * in the order FastAPI works: routing (404/405), JSON body parsing (422 {@code json_invalid} or
 * 400, before the key is even looked at), the key (401), then validation of header, path, query
 * and body together (one 422 listing every error), then the endpoint.
 */
final class ApiHandler implements HttpHandler {
  private static final System.Logger LOG = System.getLogger(ApiHandler.class.getName());

  private final ObjectMapper mapper =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private final List<Route> routes;
  private final Faults faults;
  private final RequestLog log;
  private final Supplier<String> apiKey;
  private final Runnable crash;

  /** @param crash stops the server, for a crash armed in {@code faults} */
  ApiHandler(
      List<Route> routes, Faults faults, RequestLog log, Supplier<String> apiKey, Runnable crash) {
    this.routes = List.copyOf(routes);
    this.faults = faults;
    this.log = log;
    this.apiKey = apiKey;
    this.crash = crash;
  }

  @Override
  public void handle(HttpExchange exchange) {
    // closing an exchange that sent no answer closes its connection: how resets and drops happen
    try (exchange) {
      serve(exchange);
    } catch (IOException clientGone) {
      LOG.log(System.Logger.Level.DEBUG, "client went away", clientGone);
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String rawPath = exchange.getRequestURI().getRawPath();
    String rawQuery = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
    Map<String, List<String>> headers = lowerCased(exchange.getRequestHeaders());
    if (faults.takeReset()) {
      log.add(new RecordedRequest(method, rawPath, rawQuery, headers, ""));
      return;
    }
    byte[] body = exchange.getRequestBody().readAllBytes();
    log.add(new RecordedRequest(method, rawPath, rawQuery, headers, new String(body, UTF_8)));

    OptionalInt failure = faults.takeFailure();
    Optional<Answer> answer =
        failure.isPresent()
            ? Optional.of(Answer.injected(failure.getAsInt()))
            : answer(method, rawPath, rawQuery, headers, body);
    if (answer.isEmpty()) {
      return;
    }
    Optional<Duration> delay = faults.takeDelay();
    if (delay.isPresent() && !sleep(delay.get())) {
      return;
    }
    send(exchange, answer.get());
  }

  /** The answer to a request; empty when it was performed but its answer is to be lost. */
  private Optional<Answer> answer(
      String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
      byte[] body) {
    List<String> path = Route.segments(QueryString.decodePathSegment(rawPath));
    boolean pathKnown = false;
    for (Route route : routes) {
      Optional<List<String>> parameters = route.match(path);
      if (parameters.isEmpty()) {
        continue;
      }
      pathKnown = true;
      if (route.method().equals(method)) {
        boolean crashes = route.access().mutating && faults.takeCrash();
        boolean drop = route.access().mutating && !crashes && faults.takeDrop();
        Answer answer = run(route, parameters.get(), rawQuery, headers, body);
        if (crashes) {
          crash.run();
        }
        return crashes || drop ? Optional.empty() : Optional.of(answer);
      }
    }
    return Optional.of(
        pathKnown ? Answer.detail(405, "Method Not Allowed") : Answer.detail(404, "Not Found"));
  }

  private Answer run(
      Route route, List<String> pathParameters, String rawQuery,
      Map<String, List<String>> headers, byte[] body) {
    try {
      Optional<JsonNode> json =
          route.access().hasBody
              ? parseBody(body, header(headers, "content-type"))
              : Optional.empty();
      FieldErrors errors = new FieldErrors();
      if (route.access().authenticated) {
        Optional<String> authorization = header(headers, "authorization");
        if (authorization.isEmpty()) {
          errors.missing(List.of("header", "authorization"), null);
        } else if (faults.takeUnauthorized()
            || !authorization.get().equals("Bearer " + apiKey.get())) {
          return Answer.detail(401, "Invalid API key");
        }
      }
      Call call = new Call(pathParameters, QueryString.parse(rawQuery), json);
      Route.Action action = route.endpoint().prepare(call, errors);
      return errors.isEmpty() ? action.run() : errors.answer();
    } catch (Refusal refusal) {
      return refusal.answer();
    } catch (RuntimeException bug) {
      // a defect of the fake: answer as the real server answers an unhandled error, and say so
      LOG.log(System.Logger.Level.WARNING, "fake API server failed on " + route.method() + " "
          + String.join("/", route.pattern()), bug);
      return Answer.internalServerError();
    }
  }

  /**
   * The body as FastAPI reads it: none when empty; raw text when the content type is not JSON
   * (validation then fails on its type); else parsed, a syntax error being a 422 and undecodable
   * bytes a 400.
   */
  private Optional<JsonNode> parseBody(byte[] body, Optional<String> contentType) {
    if (body.length == 0) {
      return Optional.empty();
    }
    if (contentType.isPresent() && !isJson(contentType.get())) {
      return Optional.of(TextNode.valueOf(new String(body, UTF_8)));
    }
    String text;
    try {
      text = UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException notUtf8) {
      throw new Refusal(Answer.detail(400, "There was an error parsing the body"));
    }
    try {
      JsonNode node = mapper.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw jsonInvalid(text.length(), "Expecting value");
      }
      return Optional.of(node);
    } catch (JsonProcessingException syntax) {
      JsonLocation location = syntax.getLocation();
      long offset = location == null ? 0 : Math.max(0, location.getCharOffset());
      throw jsonInvalid(offset, syntax.getOriginalMessage());
    }
  }

  private static Refusal jsonInvalid(long position, String message) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    return FieldErrors.refusal(
        "json_invalid", List.of("body", (int) Math.min(position, Integer.MAX_VALUE)),
        "JSON decode error", nodes.objectNode(), nodes.objectNode().put("error", message));
  }

  private static boolean isJson(String contentType) {
    String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return mediaType.equals("application/json")
        || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
  }

  /** Sleeps; false when interrupted (the server is closing), so nothing is answered. */
  private static boolean sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
      return true;
    } catch (InterruptedException closing) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void send(HttpExchange exchange, Answer answer) throws IOException {
    byte[] bytes = answer.body().getBytes(UTF_8);
    exchange.getResponseHeaders().set("Content-Type", answer.contentType());
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Optional<String> header(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  private static Map<String, List<String>> lowerCased(Headers headers) {
    Map<String, List<String>> lower = new LinkedHashMap<>();
    headers.forEach(
        (name, values) -> lower.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
    return lower;
  }
}
