package dev.claudememory.bench.recall;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON Lines files of the evaluation set: one memory or one query per line. Reading is strict
 * (every field present, no unknown field), since a misspelt field would otherwise go unnoticed.
 */
final class EvalSetFormat {
  static final ObjectMapper JSON = new ObjectMapper();

  private static final Set<String> MEMORY_FIELDS =
      Set.of("key", "project", "category", "created_at", "importance", "tags", "expanded_keywords", "content");
  private static final Set<String> QUERY_FIELDS =
      Set.of("id", "stratum", "context", "expanded_query", "category", "judgments", "outdated");

  private EvalSetFormat() {}

  static EvalMemory memory(String line) {
    JsonNode node = object(line, MEMORY_FIELDS);
    return new EvalMemory(
        text(node, "key"),
        text(node, "project"),
        text(node, "category"),
        instant(node, "created_at"),
        number(node, "importance"),
        text(node, "tags"),
        text(node, "expanded_keywords"),
        text(node, "content"));
  }

  static EvalQuery query(String line) {
    JsonNode node = object(line, QUERY_FIELDS);
    String id = text(node, "id");
    Stratum stratum = Stratum.named(text(node, "stratum"))
        .orElseThrow(() -> new IllegalArgumentException(id + ": unknown stratum " + node.get("stratum")));
    Map<String, Integer> judgments = new LinkedHashMap<>();
    JsonNode judged = node.get("judgments");
    if (judged == null || !judged.isObject()) {
      throw new IllegalArgumentException(id + ": judgments must be an object of memory key to grade");
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = judged.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!field.getValue().isInt()) {
        throw new IllegalArgumentException(id + ": the grade of " + field.getKey() + " is not a whole number");
      }
      judgments.put(field.getKey(), field.getValue().intValue());
    }
    List<String> outdated = new ArrayList<>();
    JsonNode old = node.path("outdated");
    if (!old.isMissingNode()) {
      if (!old.isArray()) {
        throw new IllegalArgumentException(id + ": outdated must be a list of memory keys");
      }
      old.forEach(key -> outdated.add(key.asText()));
    }
    Optional<String> category = node.has("category") ? Optional.of(text(node, "category")) : Optional.empty();
    return new EvalQuery(id, stratum, text(node, "context"), text(node, "expanded_query"), category, judgments, outdated);
  }

  /** A memory as one line of the data files, fields in the order the hand-written files use. */
  static String line(EvalMemory memory) {
    ObjectNode node = JSON.createObjectNode();
    node.put("key", memory.key());
    node.put("project", memory.project());
    node.put("category", memory.category());
    node.put("created_at", memory.createdAt().toString());
    node.put("importance", memory.importance());
    node.put("tags", memory.tags());
    node.put("expanded_keywords", memory.expandedKeywords());
    node.put("content", memory.content());
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a memory could not be written as JSON", e);
    }
  }

  private static JsonNode object(String line, Set<String> allowed) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    node.fieldNames().forEachRemaining(name -> {
      if (!allowed.contains(name)) {
        throw new IllegalArgumentException("unknown field '" + name + "'; the fields are " + allowed);
      }
    });
    return node;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("'" + field + "' is missing or not a string");
    }
    return value.textValue();
  }

  private static double number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isNumber()) {
      throw new IllegalArgumentException("'" + field + "' is missing or not a number");
    }
    return value.doubleValue();
  }

  private static Instant instant(JsonNode node, String field) {
    String text = text(node, field);
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + field + "' is not an ISO-8601 instant such as 2024-03-11T16:20:00Z: " + text, e);
    }
  }
}
