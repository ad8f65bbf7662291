package dev.claudememory.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudememory.core.InvalidInputException;
import java.util.Optional;

/**
 * Fields of the JSON objects in import files, each of the type it must have. A wrong type or a
 * line that is no JSON object is an {@link InvalidInputException} naming the field, so it is
 * reported with its line like any other invalid record.
 */
final class JsonFields {
  /** Strict: trailing text after the object and a field given twice are errors, not guesses. */
  static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private JsonFields() {}

  /** The JSON object on one line. */
  static JsonNode object(String line) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("line", notJson(e));
    }
    if (node == null || !node.isObject()) {
      throw new InvalidInputException("line", "not a JSON object");
    }
    return node;
  }

  /**
   * Why text is not JSON, without quoting it: the file may hold credentials, and a parser's
   * message repeats the text it stumbled on.
   */
  static String notJson(JsonProcessingException e) {
    String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    if (original.startsWith("Unexpected end-of-input")) {
      return "not valid JSON: it ends too early (cut short?)";
    }
    if (original.startsWith("Duplicate field")) {
      return "not valid JSON: a field is given twice";
    }
    return e.getLocation() == null
        ? "not valid JSON"
        : "not valid JSON at column " + e.getLocation().getColumnNr();
  }

  /** The string field; empty when absent or null. */
  static Optional<String> optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw new InvalidInputException(field, field + " must be a string");
    }
    return Optional.of(value.textValue());
  }

  static String text(JsonNode node, String field, String fallback) {
    return optionalText(node, field).orElse(fallback);
  }

  static String requiredText(JsonNode node, String field) {
    return optionalText(node, field)
        .orElseThrow(() -> new InvalidInputException(field, field + " is missing"));
  }

  static double number(JsonNode node, String field, double fallback) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isNumber()) {
      throw new InvalidInputException(field, field + " must be a number");
    }
    return value.doubleValue();
  }

  static boolean bool(JsonNode node, String field, boolean fallback) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isBoolean()) {
      throw new InvalidInputException(field, field + " must be true or false");
    }
    return value.booleanValue();
  }

  /** The whole-number field; empty when absent or null. */
  static Optional<Long> optionalWholeNumber(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.canConvertToExactIntegral() || !value.canConvertToLong()) {
      throw new InvalidInputException(field, field + " must be a whole number");
    }
    return Optional.of(value.longValue());
  }
}
