package dev.claudememory.testkit;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** An HTTP answer of the fake server: status, content type and body text. */
record Answer(int status, String contentType, String body) {
  private static final String JSON = "application/json";

  Answer {
    requireNonNull(contentType, "contentType");
    requireNonNull(body, "body");
  }

  static Answer ok(JsonNode body) {
    return json(200, body);
  }

  static Answer json(int status, JsonNode body) {
    // JsonNode.toString writes valid JSON, non-ASCII unescaped as FastAPI writes it
    return new Answer(status, JSON, body.toString());
  }

  /** FastAPI's shape for an HTTPException: {@code {"detail": "..."}}. */
  static Answer detail(int status, String detail) {
    return json(status, JsonNodeFactory.instance.objectNode().put("detail", detail));
  }

  /** What Starlette answers for an unhandled exception (a database error, say). */
  static Answer internalServerError() {
    return new Answer(500, "text/plain; charset=utf-8", "Internal Server Error");
  }

  /**
   * An injected failure: 5xx as a server or proxy sends them (plain text), 4xx in FastAPI's shape.
   */
  static Answer injected(int status) {
    if (status == 401) {
      return detail(401, "Invalid API key");
    }
    if (status >= 500) {
      return new Answer(status, "text/plain; charset=utf-8", reason(status));
    }
    return detail(status, reason(status));
  }

  private static String reason(int status) {
    switch (status) {
      case 400:
        return "Bad Request";
      case 403:
        return "Forbidden";
      case 404:
        return "Not Found";
      case 408:
        return "Request Timeout";
      case 409:
        return "Conflict";
      case 422:
        return "Unprocessable Entity";
      case 429:
        return "Too Many Requests";
      case 500:
        return "Internal Server Error";
      case 502:
        return "Bad Gateway";
      case 503:
        return "Service Unavailable";
      case 504:
        return "Gateway Timeout";
      default:
        return "Error " + status;
    }
  }
}
