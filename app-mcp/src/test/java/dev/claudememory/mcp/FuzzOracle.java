package dev.claudememory.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudememory.core.InvalidInputException;
import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Content;
import dev.claudememory.core.recall.SortBy;
import dev.claudememory.core.remote.SharePermission;
import dev.claudememory.mcp.ToolSchemas.Property;
import dev.claudememory.mcp.ToolSchemas.ToolSchema;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the server must answer to one line, worked out from the line alone by JSON-RPC 2.0 and
 * SPEC §4: whether an answer comes (carrying the request's id, a null id, or none at all), whether
 * it must be an error, and whether the line may store a memory. The line is read with the
 * server's own parser settings, so whether it is JSON is decided as the server decides it. Tool
 * arguments are judged against the schemas {@code tools/list} publishes, with the leniency the
 * server documents: a JSON null is an absent argument, and a number or boolean may come as a
 * plain string ({@code "5"}, {@code "0.8"}, {@code "true"}); an argument the schema does not
 * declare is refused, whatever its value.
 */
final class FuzzOracle {
  /** Tools whose every call with valid arguments only reads, and succeeds. */
  private static final Set<String> READERS = Set.of("memory_recall", "memory_list", "memory_count", "secret_get");

  /** Tools that answer an error for an id no memory has. */
  private static final Set<String> NEED_THE_MEMORY = Set.of("memory_update", "memory_delete", "secret_get");

  /** Text arguments only some strings are valid for, checked with the core rules the server uses. */
  private static final Map<String, Consumer<String>> TEXT_RULES =
      Map.of(
          "content", Content::new,
          "category", Category::canonical,
          "sort_by", SortBy::parse,
          "permission", SharePermission::parse);

  /** Where the answer to a line goes. */
  enum Answer {
    NONE,
    NULL_ID,
    REQUEST_ID
  }

  /** What the answer must be. */
  enum Outcome {
    ERROR,
    SUCCESS,
    EITHER
  }

  /**
   * @param id the JSON text of the request's id, for {@link Answer#REQUEST_ID}
   * @param mayStore whether the line may add a memory
   */
  record Expectation(Answer answer, Optional<String> id, Outcome outcome, boolean mayStore) {
    static final Expectation UNANSWERED = new Expectation(Answer.NONE, Optional.empty(), Outcome.EITHER, false);
    static final Expectation NULL_ID_ERROR = new Expectation(Answer.NULL_ID, Optional.empty(), Outcome.ERROR, false);

    static Expectation answering(JsonNode id, Outcome outcome) {
      return new Expectation(Answer.REQUEST_ID, Optional.of(id.toString()), outcome, false);
    }
  }

  private final ObjectMapper serverParser;
  private final Map<String, ToolSchema> tools;
  private final long missingId;

  /**
   * @param missingId an id no memory has. Lines must name no other memory in a call that could
   *     change it: the oracle refuses to judge one.
   */
  FuzzOracle(Map<String, ToolSchema> tools, long missingId) {
    this.serverParser = McpMain.protocolMapper();
    this.tools = tools;
    this.missingId = missingId;
  }

  Expectation expect(byte[] line) {
    Optional<String> decoded = strictUtf8(line);
    if (decoded.isEmpty()) {
      return Expectation.NULL_ID_ERROR;
    }
    String text = decoded.get().endsWith("\r") ? decoded.get().substring(0, decoded.get().length() - 1) : decoded.get();
    if (text.isBlank()) {
      return Expectation.UNANSWERED;
    }
    JsonNode message;
    try {
      message = serverParser.readTree(text);
    } catch (JsonProcessingException notJson) {
      return Expectation.NULL_ID_ERROR;
    }
    if (!message.isObject()) {
      return Expectation.NULL_ID_ERROR;
    }
    JsonNode id = message.get("id");
    JsonNode method = message.get("method");
    if (method == null && (message.has("result") || message.has("error"))) {
      return Expectation.UNANSWERED; // a response: nothing to answer
    }
    boolean validId = id == null || id.isTextual() || id.isIntegralNumber();
    boolean validRequest =
        "2.0".equals(message.path("jsonrpc").textValue()) && method != null && method.isTextual() && validId;
    if (!validRequest) {
      return validId && id != null ? Expectation.answering(id, Outcome.ERROR) : Expectation.NULL_ID_ERROR;
    }
    if (id == null) {
      return Expectation.UNANSWERED; // a notification
    }
    switch (method.textValue()) {
      case "initialize":
      case "ping":
      case "tools/list":
        return Expectation.answering(id, Outcome.SUCCESS);
      case "tools/call":
        return toolCall(id, message.get("params"));
      default:
        return Expectation.answering(id, Outcome.ERROR);
    }
  }

  private Expectation toolCall(JsonNode id, JsonNode params) {
    JsonNode name = params == null ? null : params.get("name");
    ToolSchema tool = name != null && name.isTextual() ? tools.get(name.textValue()) : null;
    JsonNode arguments = tool == null ? null : params.get("arguments");
    if (tool == null || arguments != null && !arguments.isNull() && !arguments.isObject()) {
      return Expectation.answering(id, Outcome.ERROR);
    }
    JsonNode values = arguments == null || arguments.isNull() ? serverParser.createObjectNode() : arguments;
    if (rejects(tool, values)) {
      return Expectation.answering(id, Outcome.ERROR);
    }
    Optional<Long> target = tool.properties().containsKey("id") ? wholeNumber(values.get("id")) : Optional.empty();
    if (target.equals(Optional.of(missingId)) && NEED_THE_MEMORY.contains(tool.name())) {
      return Expectation.answering(id, Outcome.ERROR); // not found
    }
    if (tool.name().equals("memory_store")) {
      return new Expectation(Answer.REQUEST_ID, Optional.of(id.toString()), Outcome.EITHER, true);
    }
    if (tool.name().equals("memory_update") || tool.name().equals("memory_delete")) {
      throw new IllegalArgumentException("a generated line would change memory #" + target.orElseThrow());
    }
    return Expectation.answering(id, READERS.contains(tool.name()) ? Outcome.SUCCESS : Outcome.EITHER);
  }

  /** Whether some argument is one the tool must refuse: undeclared, missing, of a wrong type, out of bounds. */
  boolean rejects(ToolSchema tool, JsonNode arguments) {
    Iterator<String> names = arguments.fieldNames();
    while (names.hasNext()) {
      if (!tool.properties().containsKey(names.next())) {
        return true;
      }
    }
    return tool.properties().values().stream()
        .anyMatch(property -> rejects(property, arguments.get(property.name()), tool.required().contains(property.name())));
  }

  boolean rejects(Property property, JsonNode value, boolean required) {
    if (value == null || value.isNull()) {
      return required;
    }
    switch (property.type()) {
      case "string":
        return !value.isTextual() || rejectsText(property, value.textValue());
      case "integer":
        return wholeNumber(value)
            .map(number -> property.minimum().map(minimum -> number < minimum).orElse(false)
                || property.maximum().map(maximum -> number > maximum).orElse(false))
            .orElse(true);
      case "number":
        return numberOf(value)
            .map(number -> property.minimum().map(minimum -> number < minimum).orElse(false)
                || property.maximum().map(maximum -> number > maximum).orElse(false))
            .orElse(true);
      case "boolean":
        return !value.isBoolean()
            && !(value.isTextual() && Set.of("true", "false").contains(value.textValue().trim().toLowerCase(Locale.ROOT)));
      default:
        throw new IllegalStateException("an argument of type " + property.type() + ": " + property);
    }
  }

  private static boolean rejectsText(Property property, String text) {
    if (property.maxLength().isPresent() && text.codePointCount(0, text.length()) > property.maxLength().getAsInt()) {
      return true;
    }
    Consumer<String> rule = TEXT_RULES.get(property.name());
    if (rule == null) {
      return false;
    }
    try {
      rule.accept(text);
      return false;
    } catch (InvalidInputException refused) {
      return true;
    }
  }

  /** A whole number as the server reads one: from a number or its plain text, within a long. */
  static Optional<Long> wholeNumber(JsonNode value) {
    if (value == null) {
      return Optional.empty();
    }
    BigDecimal number;
    if (value.isNumber()) {
      if (value.isFloatingPointNumber() && !Double.isFinite(value.doubleValue())) {
        return Optional.empty();
      }
      number = value.decimalValue();
    } else if (value.isTextual() && value.textValue().length() <= 40) {
      try {
        number = new BigDecimal(value.textValue().trim());
      } catch (NumberFormatException notANumber) {
        return Optional.empty();
      }
    } else {
      return Optional.empty();
    }
    try {
      return Optional.of(number.stripTrailingZeros().longValueExact());
    } catch (ArithmeticException notWhole) {
      return Optional.empty();
    }
  }

  /** A number as the server reads one: any JSON number, or the plain text of one; never NaN. */
  private static Optional<Double> numberOf(JsonNode value) {
    double number;
    if (value.isNumber()) {
      number = value.doubleValue();
    } else if (value.isTextual()) {
      try {
        number = Double.parseDouble(value.textValue().trim());
      } catch (NumberFormatException notANumber) {
        return Optional.empty();
      }
    } else {
      return Optional.empty();
    }
    return Double.isNaN(number) ? Optional.empty() : Optional.of(number);
  }

  private static Optional<String> strictUtf8(byte[] line) {
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(line)).toString());
    } catch (CharacterCodingException invalid) {
      return Optional.empty();
    }
  }
}
