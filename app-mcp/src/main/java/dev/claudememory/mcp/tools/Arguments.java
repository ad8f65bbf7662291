package dev.claudememory.mcp.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.core.InvalidInputException;
import dev.claudememory.core.memory.MemoryId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A tool call's arguments with typed, checked access. Assistants sometimes send numbers and
 * booleans as strings; those are accepted when their meaning is plain ({@code "5"}, {@code "0.8"},
 * {@code "true"}). A JSON null counts as absent.
 */
public final class Arguments {
  /** Longer number texts are refused before parsing, whose cost grows with their length. */
  private static final int MAX_NUMBER_TEXT = 40;
  /** Unknown arguments named in a refusal; a message stays readable however many were sent. */
  private static final int MAX_NAMED = 5;

  private final ObjectNode values;

  public Arguments(ObjectNode values) {
    this.values = values;
  }

  /**
   * The arguments of a call to {@code tool}, which declares {@code accepted}.
   *
   * @throws InvalidInputException when some argument is not among them, even with a null value
   */
  static Arguments declared(ObjectNode values, String tool, List<String> accepted) {
    List<String> unknown = new ArrayList<>();
    values.fieldNames().forEachRemaining(name -> {
      if (!accepted.contains(name)) {
        unknown.add(name);
      }
    });
    if (!unknown.isEmpty()) {
      String named =
          unknown.stream().limit(MAX_NAMED).map(name -> "'" + abbreviate(name) + "'").collect(Collectors.joining(", "))
              + (unknown.size() > MAX_NAMED ? " and " + (unknown.size() - MAX_NAMED) + " more" : "");
      String accepts = accepted.isEmpty() ? "no arguments" : String.join(", ", accepted);
      throw new InvalidInputException(
          unknown.get(0),
          (unknown.size() == 1 ? "unknown argument " : "unknown arguments ") + named + "; " + tool + " accepts "
              + accepts);
    }
    return new Arguments(values);
  }

  public String requiredString(String name) {
    return optionalString(name)
        .orElseThrow(() -> new InvalidInputException(name, "'" + name + "' is required"));
  }

  public Optional<String> optionalString(String name) {
    JsonNode value = present(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw wrongType(name, "a string", value);
    }
    return Optional.of(value.textValue());
  }

  public Optional<Double> optionalNumber(String name) {
    JsonNode value = present(name);
    if (value == null) {
      return Optional.empty();
    }
    if (value.isNumber()) {
      return Optional.of(value.doubleValue());
    }
    if (value.isTextual()) {
      try {
        return Optional.of(Double.parseDouble(value.textValue().trim()));
      } catch (NumberFormatException e) {
        throw wrongType(name, "a number", value);
      }
    }
    throw wrongType(name, "a number", value);
  }

  /** An integer between {@code min} and {@code max}, or the default when absent. */
  public int optionalInt(String name, int defaultValue, int min, int max) {
    JsonNode value = present(name);
    if (value == null) {
      return defaultValue;
    }
    long number = wholeNumber(name, value);
    if (number < min || number > max) {
      throw new InvalidInputException(
          name, "'" + name + "' must be between " + min + " and " + max + "; got " + number);
    }
    return (int) number;
  }

  public boolean optionalBoolean(String name, boolean defaultValue) {
    JsonNode value = present(name);
    if (value == null) {
      return defaultValue;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isTextual() && value.textValue().trim().equalsIgnoreCase("true")) {
      return true;
    }
    if (value.isTextual() && value.textValue().trim().equalsIgnoreCase("false")) {
      return false;
    }
    throw wrongType(name, "true or false", value);
  }

  /** A memory id: a positive whole number. */
  public MemoryId requiredId(String name) {
    JsonNode value = present(name);
    if (value == null) {
      throw new InvalidInputException(name, "'" + name + "' is required");
    }
    long id = wholeNumber(name, value);
    if (id < 1) {
      throw new InvalidInputException(
          name, "'" + name + "' must be a memory id (a positive whole number); got " + id);
    }
    return new MemoryId(id);
  }

  public boolean has(String name) {
    return present(name) != null;
  }

  private JsonNode present(String name) {
    JsonNode value = values.get(name);
    return value == null || value.isNull() ? null : value;
  }

  private static long wholeNumber(String name, JsonNode value) {
    BigDecimal number;
    if (value.isNumber()) {
      // a JSON number beyond a double's range (1e400) is read as infinity, which has no decimal value
      if (value.isFloatingPointNumber() && !Double.isFinite(value.doubleValue())) {
        throw new InvalidInputException(
            name, "'" + name + "' must be a whole number in range; got a number out of range");
      }
      number = value.decimalValue();
    } else if (value.isTextual() && value.textValue().length() <= MAX_NUMBER_TEXT) {
      try {
        number = new BigDecimal(value.textValue().trim());
      } catch (NumberFormatException e) {
        throw wrongType(name, "a whole number", value);
      }
    } else {
      throw wrongType(name, "a whole number", value);
    }
    try {
      return number.stripTrailingZeros().longValueExact();
    } catch (ArithmeticException e) {
      throw new InvalidInputException(
          name, "'" + name + "' must be a whole number in range; got " + abbreviate(value));
    }
  }

  private static InvalidInputException wrongType(String name, String expected, JsonNode value) {
    return new InvalidInputException(
        name, "'" + name + "' must be " + expected + "; got " + describe(value));
  }

  private static String describe(JsonNode value) {
    switch (value.getNodeType()) {
      case STRING:
        return "the string " + abbreviate(value);
      case NUMBER:
        return "the number " + abbreviate(value);
      case BOOLEAN:
        return value.asText();
      case ARRAY:
        return "an array";
      case OBJECT:
        return "an object";
      default:
        return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static String abbreviate(JsonNode value) {
    return abbreviate(value.toString());
  }

  private static String abbreviate(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}
