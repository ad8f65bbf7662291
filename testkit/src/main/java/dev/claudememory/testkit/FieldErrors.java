package dev.claudememory.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Validation errors collected over a request, answered together as FastAPI does: 422 with {@code
 * {"detail":[{"type","loc","msg","input"(,"ctx")}]}}.
 *
 * <p>Not thread-safe: one per request.
 */
final class FieldErrors {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ArrayNode detail = NODES.arrayNode();

  void missing(List<Object> loc, JsonNode input) {
    add("missing", loc, "Field required", input, null);
  }

  void add(String type, List<Object> loc, String msg, JsonNode input) {
    add(type, loc, msg, input, null);
  }

  /** {@code ctx} may be null: pydantic leaves it out for errors without context. */
  void add(String type, List<Object> loc, String msg, JsonNode input, ObjectNode ctx) {
    ObjectNode error = detail.addObject();
    error.put("type", type);
    ArrayNode locNode = error.putArray("loc");
    for (Object part : loc) {
      if (part instanceof Integer index) {
        locNode.add(index);
      } else {
        locNode.add(String.valueOf(part));
      }
    }
    error.put("msg", msg);
    error.set("input", input == null ? NullNode.getInstance() : input);
    if (ctx != null) {
      error.set("ctx", ctx);
    }
  }

  boolean isEmpty() {
    return detail.isEmpty();
  }

  int count() {
    return detail.size();
  }

  Answer answer() {
    return Answer.json(422, NODES.objectNode().set("detail", detail));
  }

  /** A 422 with one error. */
  static Refusal refusal(
      String type, List<Object> loc, String msg, JsonNode input, ObjectNode ctx) {
    FieldErrors errors = new FieldErrors();
    errors.add(type, loc, msg, input, ctx);
    return new Refusal(errors.answer());
  }
}
