package dev.claudememory.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Error answers counted by their shape: the JSON-RPC error code, or "tool error", and the first
 * line of the message with what the input put in it blanked out (quoted text but argument names
 * in single quotes, numbers), so that thousands of answers fall into a readable few kinds.
 */
final class FailureShapes {
  private static final Pattern QUOTED = Pattern.compile("'([^']*)'|\"[^\"]*\"");
  private static final Pattern ARGUMENT_NAME = Pattern.compile("[a-z_]+");
  /** Decimal and hexadecimal numbers, but not the digits of a name such as UTF-8. */
  private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z])(-?0x[0-9a-fA-F]+|-?\\d[\\d,.]*)");
  private static final int LONGEST = 110;

  private final Map<String, Integer> counts = new TreeMap<>();

  /** Counts the answer if it is an error, a JSON-RPC one or a tool's. */
  void add(JsonNode answer) {
    shapeOf(answer).ifPresent(shape -> counts.merge(shape, 1, Integer::sum));
  }

  static Optional<String> shapeOf(JsonNode answer) {
    if (answer.has("error")) {
      JsonNode error = answer.get("error");
      return Optional.of("JSON-RPC " + error.path("code").asInt() + ": " + blankOut(error.path("message").asText()));
    }
    JsonNode result = answer.path("result");
    if (result.path("isError").asBoolean()) {
      return Optional.of("tool error: " + blankOut(result.path("content").path(0).path("text").asText()));
    }
    return Optional.empty();
  }

  private static String blankOut(String message) {
    String firstLine = message.lines().findFirst().orElse("");
    Matcher quoted = QUOTED.matcher(firstLine);
    String unquoted =
        quoted.replaceAll(match -> {
          boolean argumentName = match.group(1) != null && ARGUMENT_NAME.matcher(match.group(1)).matches();
          return Matcher.quoteReplacement(argumentName ? match.group() : "'…'");
        });
    String shape = NUMBER.matcher(unquoted).replaceAll("N");
    return shape.length() > LONGEST ? shape.substring(0, LONGEST) + "…" : shape;
  }

  int distinct() {
    return counts.size();
  }

  int total() {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** One line per shape, most frequent first. */
  String table() {
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .map(entry -> String.format("%6d  %s", entry.getValue(), entry.getKey()))
        .collect(Collectors.joining("\n"));
  }
}
