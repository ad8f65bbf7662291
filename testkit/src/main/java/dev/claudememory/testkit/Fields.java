package dev.claudememory.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.claudememory.core.InvalidInputException;
import dev.claudememory.core.memory.Category;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads the fields of a JSON object (a request body, or the query parameters) as pydantic v2
 * validates them in lax mode, adding FastAPI-shaped errors. A read that fails answers empty and
 * adds an error; callers act only when no error was added.
 *
 * <p>Not thread-safe: one per request.
 */
final class Fields {
  /** How a field may be given. */
  enum Presence {
    /** Must be given; {@code null} is a type error. */
    REQUIRED,
    /** Has a default; {@code null} is a type error ({@code str = "facts"}). */
    DEFAULTED,
    /** {@code Optional[...] = None}: absent and {@code null} both mean not given. */
    NULLABLE
  }

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> TRUE_WORDS = Set.of("1", "on", "t", "true", "y", "yes");
  private static final Set<String> FALSE_WORDS = Set.of("0", "off", "f", "false", "n", "no");

  private final JsonNode object;
  private final List<Object> loc;
  private final FieldErrors errors;

  private Fields(JsonNode object, List<Object> loc, FieldErrors errors) {
    this.object = object;
    this.loc = List.copyOf(loc);
    this.errors = errors;
  }

  /** A body that must be an object; missing ({@code null} too) or another type is an error. */
  static Optional<Fields> object(Optional<JsonNode> body, List<Object> loc, FieldErrors errors) {
    if (body.isEmpty() || body.get().isNull()) {
      errors.missing(loc, NullNode.getInstance());
      return Optional.empty();
    }
    if (!body.get().isObject()) {
      errors.add(
          "model_attributes_type", loc,
          "Input should be a valid dictionary or object to extract fields from", body.get());
      return Optional.empty();
    }
    return Optional.of(new Fields(body.get(), loc, errors));
  }

  /** Query parameters, read as text the way FastAPI reads them. */
  static Fields query(Map<String, String> parameters, FieldErrors errors) {
    ObjectNode node = NODES.objectNode();
    parameters.forEach(node::put);
    return new Fields(node, List.of("query"), errors);
  }

  Optional<String> string(String name, Presence presence, int minLength, int maxLength) {
    Optional<JsonNode> given = given(name, presence);
    if (given.isEmpty()) {
      return Optional.empty();
    }
    JsonNode value = given.get();
    if (!value.isTextual()) {
      errors.add("string_type", loc(name), "Input should be a valid string", value);
      return Optional.empty();
    }
    String text = value.textValue();
    // pydantic counts characters as Python does: code points
    int length = text.codePointCount(0, text.length());
    if (length < minLength) {
      errors.add(
          "string_too_short", loc(name),
          "String should have at least " + minLength
              + (minLength == 1 ? " character" : " characters"),
          value, NODES.objectNode().put("min_length", minLength));
      return Optional.empty();
    }
    if (length > maxLength) {
      errors.add(
          "string_too_long", loc(name), "String should have at most " + maxLength + " characters",
          value, NODES.objectNode().put("max_length", maxLength));
      return Optional.empty();
    }
    return Optional.of(text);
  }

  /** A category, canonicalised as the API's validator does (trim, lower case, aliases). */
  Optional<String> category(String name, Presence presence) {
    Optional<String> text = string(name, presence, 0, Integer.MAX_VALUE);
    if (text.isEmpty()) {
      return text;
    }
    try {
      return Optional.of(Category.canonical(text.get()).name());
    } catch (InvalidInputException unknown) {
      errors.add(
          "value_error", loc(name),
          "Value error, Invalid category '" + text.get() + "'. Must be one of: "
              + String.join(", ", Category.KNOWN),
          TextNode.valueOf(text.get()), NODES.objectNode().set("error", NODES.objectNode()));
      return Optional.empty();
    }
  }

  /** One of a few words ({@code Literal[...]}). */
  Optional<String> choice(String name, Presence presence, List<String> allowed) {
    Optional<String> text = string(name, presence, 0, Integer.MAX_VALUE);
    if (text.isEmpty() || allowed.contains(text.get())) {
      return text;
    }
    List<String> quoted = new ArrayList<>();
    for (String word : allowed) {
      quoted.add("'" + word + "'");
    }
    String expected =
        String.join(", ", quoted.subList(0, quoted.size() - 1))
            + " or " + quoted.get(quoted.size() - 1);
    errors.add(
        "literal_error", loc(name), "Input should be " + expected, TextNode.valueOf(text.get()),
        NODES.objectNode().put("expected", expected));
    return Optional.empty();
  }

  OptionalDouble number(String name, Presence presence, long min, long max) {
    Optional<JsonNode> given = given(name, presence);
    if (given.isEmpty()) {
      return OptionalDouble.empty();
    }
    JsonNode value = given.get();
    double number;
    if (value.isNumber()) {
      number = value.doubleValue();
    } else if (value.isBoolean()) {
      number = value.booleanValue() ? 1 : 0;
    } else if (value.isTextual()) {
      try {
        number = Double.parseDouble(value.textValue().strip());
      } catch (NumberFormatException notANumber) {
        errors.add(
            "float_parsing", loc(name),
            "Input should be a valid number, unable to parse string as a number", value);
        return OptionalDouble.empty();
      }
    } else {
      errors.add("float_type", loc(name), "Input should be a valid number", value);
      return OptionalDouble.empty();
    }
    // written so that NaN fails too
    if (!(number >= min)) {
      tooSmall(name, value, min);
      return OptionalDouble.empty();
    }
    if (!(number <= max)) {
      tooLarge(name, value, max);
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(number);
  }

  OptionalLong integer(String name, Presence presence, long min, long max) {
    Optional<JsonNode> given = given(name, presence);
    if (given.isEmpty()) {
      return OptionalLong.empty();
    }
    JsonNode value = given.get();
    double number;
    if (value.isIntegralNumber()) {
      number = value.canConvertToLong() ? value.longValue() : value.doubleValue();
    } else if (value.isFloatingPointNumber()) {
      number = value.doubleValue();
      if (number != Math.rint(number)) {
        errors.add(
            "int_from_float", loc(name),
            "Input should be a valid integer, got a number with a fractional part", value);
        return OptionalLong.empty();
      }
    } else if (value.isBoolean()) {
      number = value.booleanValue() ? 1 : 0;
    } else if (value.isTextual()) {
      try {
        number = Long.parseLong(value.textValue().strip());
      } catch (NumberFormatException notAnInteger) {
        errors.add(
            "int_parsing", loc(name),
            "Input should be a valid integer, unable to parse string as an integer", value);
        return OptionalLong.empty();
      }
    } else {
      errors.add("int_type", loc(name), "Input should be a valid integer", value);
      return OptionalLong.empty();
    }
    if (number < min) {
      tooSmall(name, value, min);
      return OptionalLong.empty();
    }
    if (number > max) {
      tooLarge(name, value, max);
      return OptionalLong.empty();
    }
    return OptionalLong.of((long) number);
  }

  Optional<Boolean> bool(String name, Presence presence) {
    Optional<JsonNode> given = given(name, presence);
    if (given.isEmpty()) {
      return Optional.empty();
    }
    JsonNode value = given.get();
    if (value.isBoolean()) {
      return Optional.of(value.booleanValue());
    }
    if (value.isNumber() && (value.doubleValue() == 0 || value.doubleValue() == 1)) {
      return Optional.of(value.doubleValue() == 1);
    }
    if (value.isTextual()) {
      String word = value.textValue().strip().toLowerCase(Locale.ROOT);
      if (TRUE_WORDS.contains(word)) {
        return Optional.of(true);
      }
      if (FALSE_WORDS.contains(word)) {
        return Optional.of(false);
      }
    }
    if (value.isNumber() || value.isTextual()) {
      errors.add(
          "bool_parsing", loc(name), "Input should be a valid boolean, unable to interpret input",
          value);
    } else {
      errors.add("bool_type", loc(name), "Input should be a valid boolean", value);
    }
    return Optional.empty();
  }

  private Optional<JsonNode> given(String name, Presence presence) {
    JsonNode value = object.get(name);
    if (value == null) {
      if (presence == Presence.REQUIRED) {
        errors.missing(loc(name), object);
      }
      return Optional.empty();
    }
    if (value.isNull() && presence == Presence.NULLABLE) {
      return Optional.empty();
    }
    return Optional.of(value);
  }

  private void tooSmall(String name, JsonNode value, long min) {
    errors.add(
        "greater_than_equal", loc(name), "Input should be greater than or equal to " + min, value,
        NODES.objectNode().put("ge", min));
  }

  private void tooLarge(String name, JsonNode value, long max) {
    errors.add(
        "less_than_equal", loc(name), "Input should be less than or equal to " + max, value,
        NODES.objectNode().put("le", max));
  }

  private List<Object> loc(String name) {
    List<Object> path = new ArrayList<>(loc);
    path.add(name);
    return path;
  }
}
