package dev.claudememory.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.claudememory.mcp.ToolSchemas.Property;
import dev.claudememory.mcp.ToolSchemas.ToolSchema;
import dev.claudememory.testkit.HostileInputs;
import dev.claudememory.testkit.SeededStrings;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Bad input lines for the MCP server, the same for the same seed. First every argument of every
 * tool with a value of every JSON kind and with FTS5 query syntax, and every wrong method name as
 * a request and as a notification; then, up to the count asked for, lines drawn at random: tool
 * calls with odd arguments, requests with a broken envelope, truncated JSON, random text, invalid
 * UTF-8, raw control bytes, nesting 10,000 deep, strings up to 100 KB. Every request carries an id
 * no other line has.
 *
 * <p>A call that could change a memory names only {@code missingId}, except an update that must
 * be refused, which names {@code existingId} so that its refusal is seen to change nothing.
 */
final class FuzzLines {
  private static final ObjectMapper ASCII = McpProcess.json();
  private static final ObjectMapper UTF8 = new ObjectMapper();
  private static final ObjectMapper SERVER_PARSER = McpMain.protocolMapper();
  private static final int DEEP = 10_000;

  /** JSON texts of every kind of value, none of them a memory id or a count in range. */
  private static final List<String> ODD_VALUES =
      List.of(
          "\"words\"", "\"\"", "\" \\t \"", "\"-3\"", "\"1.5\"", "\"NaN\"", "\"Infinity\"", "\"1e400\"", "\"0x1F\"",
          "0", "-1", "-0.0", "1.5", "1e-400", "1e400", "-1e400", "9223372036854775808", "-9223372036854775809",
          "123456789012345678901234567890", "true", "false", "null", "[]", "[1,\"a\",null]", "{}",
          "{\"a\":{\"b\":[1]}}", "[".repeat(200) + "]".repeat(200));

  private static final List<String> FTS_SYNTAX =
      List.of(
          "\"", "kestrel AND", "NEAR(a b, 3)", "content:foo", "*", "(OR", "-content: x", "{content tags}: x",
          "^kestrel", "a OR b NOT c", "\"unbalanced", "tags:x*", "NOT", "AND OR NEAR", "x\"* ) (");

  private static final List<String> WRONG_METHODS =
      List.of("", "PING", "tools/calls", "tools/call ", "Tools/Call", "rpc.discover", "resources/list",
          "prompts/get", "notifications/initialized", "initialized", "tools.call", "\u0000", "ping\u200B");

  private static final List<byte[]> INVALID_UTF8 =
      List.of(bytes(0xc3, 0x28), bytes(0xff), bytes(0xfe), bytes(0xc0, 0xaf), bytes(0xe0, 0x80, 0xaf),
          bytes(0xed, 0xa0, 0x80), bytes(0xf4, 0x90, 0x80, 0x80), bytes(0xf0, 0x9f, 0x98), bytes(0x80),
          bytes(0xf8, 0x88, 0x80, 0x80, 0x80));

  /** Control bytes but the newline, which would end the line. */
  private static final byte[] CONTROL_BYTES = bytes(0x00, 0x01, 0x08, 0x09, 0x0b, 0x0c, 0x0d, 0x1b, 0x7f);

  private final Random random;
  private final SeededStrings strings;
  private final Map<String, ToolSchema> tools;
  private final List<ToolSchema> toolList;
  private final FuzzOracle oracle;
  private final long existingId;
  private final long missingId;
  private long requests;
  private long texts;

  FuzzLines(long seed, Map<String, ToolSchema> tools, FuzzOracle oracle, long existingId, long missingId) {
    this.random = new Random(seed);
    this.strings = new SeededStrings(seed);
    this.tools = tools;
    this.toolList = List.copyOf(tools.values());
    this.oracle = oracle;
    this.existingId = existingId;
    this.missingId = missingId;
  }

  /** The lines, in a seeded order, without their newlines. */
  List<byte[]> generate(int count) {
    List<byte[]> lines = new ArrayList<>();
    for (ToolSchema tool : toolList) {
      for (Property property : tool.properties().values()) {
        for (String value : valuesToTry(property)) {
          lines.add(call(tool, property.name(), value));
        }
        if (property.type().equals("string")) {
          FTS_SYNTAX.forEach(syntax -> lines.add(call(tool, property.name(), text(syntax))));
        }
      }
      for (String arguments : List.of("[]", "\"arguments\"", "5", "true", "[{}]")) {
        lines.add(request("tools/call", raw("{\"name\":" + text(tool.name()) + ",\"arguments\":" + arguments + "}")));
      }
      lines.add(call(tool, "unexpected_argument", "\"surplus\""));
    }
    for (String method : WRONG_METHODS) {
      // a plain id, which every reader of the line takes as one
      lines.add(request(method, null, Long.toString(7_000_000 + ++requests)));
      lines.add(("{\"jsonrpc\":\"2.0\",\"method\":" + text(method) + "}").getBytes(StandardCharsets.UTF_8));
    }
    for (String method : List.of("initialize", "ping", "tools/list", "tools/call")) {
      lines.add(("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":{}}").getBytes(StandardCharsets.UTF_8));
    }
    while (lines.size() < count) {
      lines.add(randomLine());
    }
    Collections.shuffle(lines, random);
    return lines;
  }

  /** Every odd value, and values of the argument's own type in and out of its bounds. */
  private List<String> valuesToTry(Property property) {
    List<String> values = new ArrayList<>(ODD_VALUES);
    switch (property.type()) {
      case "integer":
        values.addAll(property.name().equals("id")
            ? List.of(Long.toString(missingId), text(Long.toString(missingId)), missingId + ".0")
            : List.of(Long.toString(property.minimum().orElse(1L)),
                text(Long.toString(property.maximum().orElse(9L)))));
        break;
      case "number":
        values.addAll(List.of("0.8", text("0.8"), "-5", "5"));
        break;
      case "boolean":
        values.addAll(List.of("true", text(" FALSE ")));
        break;
      default:
        property.allowed().forEach(allowed -> values.add(text(" " + allowed.toUpperCase(Locale.ROOT) + " ")));
    }
    return values;
  }

  /** A call of {@code tool} with its required arguments plus {@code name} set to {@code valueJson}. */
  private byte[] call(ToolSchema tool, String name, String valueJson) {
    ObjectNode arguments = ASCII.createObjectNode();
    for (String required : tool.required()) {
      if (!required.equals(name) && !required.equals("id")) {
        arguments.putRawValue(required, new RawValue(plainValue(tool.properties().get(required))));
      }
    }
    arguments.putRawValue(name, new RawValue(valueJson));
    return toolCall(tool, arguments);
  }

  /**
   * The call, with an id chosen when it has none: a delete names the missing memory; an update
   * names the existing one only when another argument makes it fail.
   */
  private byte[] toolCall(ToolSchema tool, ObjectNode arguments) {
    if (tool.properties().containsKey("id") && !arguments.has("id")) {
      ObjectNode naming = parsed(arguments);
      naming.put("id", existingId);
      boolean changes = tool.name().equals("memory_delete")
          || tool.name().equals("memory_update") && !oracle.rejects(tool, naming);
      arguments.put("id", changes || random.nextBoolean() ? missingId : existingId);
    }
    ObjectNode params = ASCII.createObjectNode().put("name", tool.name());
    params.set("arguments", arguments);
    return request("tools/call", params);
  }

  private byte[] randomLine() {
    int dice = random.nextInt(100);
    if (dice < 30) {
      return randomToolCall();
    } else if (dice < 42) {
      return brokenEnvelope();
    } else if (dice < 48) {
      return brokenToolCall();
    } else if (dice < 56) {
      byte[] whole = randomToolCall();
      return Arrays.copyOf(whole, 1 + random.nextInt(whole.length - 1));
    } else if (dice < 64) {
      String text = (random.nextBoolean() ? "{" : "") + strings.next(40).replace('\n', ' ');
      return text.getBytes(StandardCharsets.UTF_8);
    } else if (dice < 68) {
      return spliced(randomToolCall(), pick(INVALID_UTF8));
    } else if (dice < 72) {
      byte control = CONTROL_BYTES[random.nextInt(CONTROL_BYTES.length)];
      return spliced(randomToolCall(), new byte[] {control});
    } else if (dice < 73) {
      return deeplyNested();
    } else if (dice < 74) {
      return huge();
    } else if (dice < 82) {
      List<String> notRequests = List.of("42", "-1", "\"text\"", "true", "null", "[]", "[1,2]", "{}", "  {}  ",
          "\"\\u0000\"", "[" + new String(request("ping", null), StandardCharsets.UTF_8) + "]");
      return pick(notRequests).getBytes(StandardCharsets.UTF_8);
    } else if (dice < 88) {
      return notificationOrResponse();
    }
    switch (random.nextInt(5)) {
      case 0:
        return request("ping", null);
      case 1:
        return request("tools/list", null);
      case 2:
        return toolCall(tools.get("memory_count"), ASCII.createObjectNode());
      case 3:
        return toolCall(tools.get("memory_list"), ASCII.createObjectNode());
      default:
        String version = pick(List.of("\"2024-11-05\"", "\"2025-06-18\"", "\"1999-01-01\"", "42", "null"));
        return request("initialize", raw("{\"protocolVersion\":" + version
            + ",\"capabilities\":{},\"clientInfo\":{\"name\":\"fuzz\",\"version\":\"1\"}}"));
    }
  }

  private byte[] randomToolCall() {
    ToolSchema tool = pick(toolList);
    ObjectNode arguments = ASCII.createObjectNode();
    for (Property property : tool.properties().values()) {
      if (random.nextInt(10) < 6) {
        arguments.putRawValue(property.name(), new RawValue(randomValue(property)));
      }
    }
    if (random.nextInt(10) == 0) {
      arguments.putRawValue("unexpected_" + random.nextInt(100), new RawValue(pick(ODD_VALUES)));
    }
    return toolCall(tool, arguments);
  }

  private String randomValue(Property property) {
    int dice = random.nextInt(10);
    if (dice < 4) {
      return plausibleValue(property);
    } else if (dice < 7) {
      return pick(ODD_VALUES);
    } else if (dice < 8) {
      return "null";
    } else if (dice < 9) {
      return text(random.nextBoolean() ? pick(HostileInputs.all()).text() : strings.next());
    }
    return text(pick(FTS_SYNTAX) + " " + strings.ftsFragment() + " " + strings.word());
  }

  /** A value of the right type that may or may not be in bounds; a memory id is always the missing one. */
  private String plausibleValue(Property property) {
    switch (property.type()) {
      case "integer":
        if (property.name().equals("id")) {
          return random.nextBoolean() ? Long.toString(missingId) : text(Long.toString(missingId));
        }
        long minimum = property.minimum().orElse(1L);
        long number = minimum - 1 + random.nextInt(Math.toIntExact(property.maximum().orElse(100L) - minimum + 3));
        return random.nextBoolean() ? Long.toString(number) : text(Long.toString(number));
      case "number":
        return Double.toString(random.nextDouble() * 4 - 2);
      case "boolean":
        return random.nextBoolean() ? "true" : text(random.nextBoolean() ? "TRUE" : "no");
      default:
        if (!property.allowed().isEmpty() && random.nextBoolean()) {
          return text(pick(property.allowed()));
        }
        return text(strings.word() + " " + strings.word() + " note " + (++texts));
    }
  }

  private String plainValue(Property property) {
    switch (property.type()) {
      case "integer":
        return Long.toString(property.minimum().orElse(1L));
      case "number":
        return "0.5";
      case "boolean":
        return "false";
      default:
        return text(property.allowed().isEmpty()
            ? "fuzz note " + (++texts) + " about the kestrel cache" : property.allowed().get(0));
    }
  }

  /** A request, a duplicate key, a wrong type or a missing member away from a valid one. */
  private byte[] brokenEnvelope() {
    ObjectNode message = ASCII.createObjectNode().put("jsonrpc", "2.0");
    message.putRawValue("id", new RawValue(requestId()));
    message.put("method", random.nextBoolean() ? "ping" : "tools/list");
    String odd = pick(ODD_VALUES);
    switch (random.nextInt(12)) {
      case 0 -> message.remove("jsonrpc");
      case 1 -> message.put("jsonrpc", "1.0");
      case 2 -> message.putRawValue("jsonrpc", new RawValue("2.0"));
      case 3 -> message.remove("method");
      case 4 -> message.putRawValue("method", new RawValue(odd));
      case 5 -> message.put("method", pick(WRONG_METHODS));
      case 6 -> {
        String notAnId = pick(List.of("1.5", "{}", "[]", "true", "null", "-0.5", "1e2", "1e400"));
        message.putRawValue("id", new RawValue(notAnId));
      }
      case 7 -> message.remove("id");
      case 8 -> message.putRawValue("params", new RawValue(odd));
      case 9 -> message.putRawValue(pick(List.of("extra", "result", "error")), new RawValue(odd));
      case 10 -> {
        String line = write(message);
        String twoMethods = line.substring(0, line.length() - 1) + ",\"method\":\"no/such/method\"}";
        return twoMethods.getBytes(StandardCharsets.UTF_8);
      }
      default -> {
        String longId = "fuzz-" + (++requests) + "-" + "x".repeat(10_000 + random.nextInt(40_000));
        message.putRawValue("id", new RawValue(text(longId)));
      }
    }
    return write(message).getBytes(StandardCharsets.UTF_8);
  }

  private byte[] brokenToolCall() {
    String arguments = random.nextBoolean() ? "{}" : pick(ODD_VALUES);
    List<String> params = List.of("{}", "{\"name\":42}", "{\"name\":null}", "{\"name\":[\"memory_count\"]}",
        "{\"name\":" + text("no_such_tool_" + random.nextInt(1000)) + "}", "{\"name\":\"MEMORY_COUNT\"}",
        "{\"name\":\" memory_count\"}", "{\"arguments\":" + arguments + "}", "[\"memory_count\"]",
        "{\"name\":\"memory_count\",\"arguments\":" + arguments + "}", "\"memory_count\"");
    return request("tools/call", raw(pick(params)));
  }

  private byte[] deeplyNested() {
    String arrays = "[".repeat(DEEP) + "]".repeat(DEEP);
    switch (random.nextInt(5)) {
      case 0:
        return arrays.getBytes(StandardCharsets.UTF_8);
      case 1:
        return ("{\"a\":".repeat(DEEP) + "1" + "}".repeat(DEEP)).getBytes(StandardCharsets.UTF_8);
      case 2:
        return request("tools/call", raw("{\"name\":\"memory_count\",\"arguments\":{\"x\":" + arrays + "}}"));
      case 3:
        // just over the server's bound of 256 levels
        return request("ping", raw("{\"p\":" + "[".repeat(300) + "]".repeat(300) + "}"));
      default:
        // just under it: parsed, and refused as an argument memory_count does not declare
        String deepButAllowed = "[".repeat(250) + "]".repeat(250);
        return request("tools/call", raw("{\"name\":\"memory_count\",\"arguments\":{\"x\":" + deepButAllowed + "}}"));
    }
  }

  private byte[] huge() {
    int size = 20_000 + random.nextInt(80_000);
    String words = "word ".repeat(size / 5);
    ToolSchema tool = pick(toolList);
    List<Property> texts =
        tool.properties().values().stream().filter(property -> property.type().equals("string")).toList();
    if (texts.isEmpty()) {
      return request("ping", raw("{\"padding\":" + text(words) + "}"));
    }
    String huge = random.nextBoolean() ? words : "x".repeat(size);
    return call(tool, pick(texts).name(), text(huge));
  }

  private byte[] notificationOrResponse() {
    String odd = pick(ODD_VALUES);
    List<String> lines = List.of(
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":"
            + text("never-sent-" + random.nextInt(1000)) + "}}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":" + odd + "}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/whatever\",\"params\":" + odd + "}",
        "{\"jsonrpc\":\"2.0\",\"id\":" + requestId() + ",\"result\":" + odd + "}",
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-1,\"message\":\"client side\"}}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"memory_store\",\"arguments\":{\"content\":"
            + text("Sent as a notification " + random.nextInt(1000)) + ",\"expanded_keywords\":\"never stored\"}}}");
    return pick(lines).getBytes(StandardCharsets.UTF_8);
  }

  /** {@code line} with {@code inserted} put in at a random place inside it. */
  private byte[] spliced(byte[] line, byte[] inserted) {
    int at = 1 + random.nextInt(line.length - 1);
    ByteArrayOutputStream spliced = new ByteArrayOutputStream();
    spliced.write(line, 0, at);
    spliced.writeBytes(inserted);
    spliced.write(line, at, line.length - at);
    return spliced.toByteArray();
  }

  private byte[] request(String method, JsonNode params) {
    return request(method, params, requestId());
  }

  private byte[] request(String method, JsonNode params, String idJson) {
    ObjectNode message = ASCII.createObjectNode().put("jsonrpc", "2.0");
    message.putRawValue("id", new RawValue(idJson));
    message.put("method", method);
    if (params != null) {
      message.set("params", params);
    }
    return write(message).getBytes(StandardCharsets.UTF_8);
  }

  /** An id no other line has: a number, a negative, one beyond a long, or a string. */
  private String requestId() {
    long n = ++requests;
    switch (random.nextInt(5)) {
      case 0:
        return Long.toString(7_000_000 + n);
      case 1:
        return Long.toString(-7_000_000 - n);
      case 2:
        return "9223372036854775807" + n;
      case 3:
        return text("fuzz-" + n);
      default:
        return text("ид " + n + " \"🎉\" \\ \u0000");
    }
  }

  /** As UTF-8 where it can be, else with every non-ASCII character escaped (lone surrogates). */
  private String write(JsonNode message) {
    try {
      return random.nextBoolean() ? UTF8.writeValueAsString(message) : ASCII.writeValueAsString(message);
    } catch (JsonProcessingException unpaired) {
      try {
        return ASCII.writeValueAsString(message);
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private <T> T pick(List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  private static ObjectNode parsed(ObjectNode arguments) {
    try {
      return (ObjectNode) SERVER_PARSER.readTree(ASCII.writeValueAsString(arguments));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode raw(String json) {
    return ASCII.getNodeFactory().rawValueNode(new RawValue(json));
  }

  private static String text(String value) {
    try {
      return ASCII.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }
}
