package dev.claudememory.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudememory.core.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The text of an MCP client's JSON config file ({@code ~/.claude.json}, {@code .mcp.json}) and the
 * two edits install and uninstall make to its top-level {@code mcpServers} object. Each edit
 * changes the text of one member and nothing else: other keys, their order, spacing and line ends
 * keep their bytes. Adding appends the member after the last one with the file's own indentation;
 * removing takes out the member with its separating comma, so removing what was added gives back
 * the text as it was.
 */
final class McpConfigText {
  static final String SERVERS = "mcpServers";

  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final ObjectMapper JSON = new ObjectMapper(FACTORY);

  /** A member of an object: its name and where its key's opening quote is. */
  private record Member(String name, int keyStart) {}

  /** An object: where its braces are, and its members in order. */
  private record ObjectSpan(int open, int close, List<Member> members) {
    Optional<Integer> indexOf(String name) {
      for (int i = 0; i < members.size(); i++) {
        if (members.get(i).name().equals(name)) {
          return Optional.of(i);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * How a new member is written so that it looks like its neighbours.
   *
   * @param indent the whitespace before the member's key on its line (multi-line layout)
   * @param unit one level of indentation
   * @param colon what separates a key from its value, such as {@code ": "}
   * @param space what follows a comma on one line ({@code " "} or nothing), in a one-line layout
   */
  record Layout(boolean multiline, String newline, String indent, String unit, String colon, String space) {
    Layout nested() {
      return new Layout(multiline, newline, indent + unit, unit, colon, space);
    }

    /** Between two members: a comma, then a new line at the indent, or the one-line spacing. */
    String separator() {
      return multiline ? "," + newline + indent : "," + space;
    }
  }

  /** A member's value, written at a layout. */
  interface Value {
    String render(Layout layout);
  }

  private final String text;
  private final Optional<ObjectSpan> root;
  private final Optional<ObjectSpan> servers;

  private McpConfigText(String text, Optional<ObjectSpan> root, Optional<ObjectSpan> servers) {
    this.text = text;
    this.root = root;
    this.servers = servers;
  }

  /** The file of a client that has none yet. */
  static McpConfigText absent() {
    return new McpConfigText("", Optional.empty(), Optional.empty());
  }

  /**
   * Reads a config file's text.
   *
   * @param description how messages name the file
   * @throws InvalidInputException when the text is not one JSON object (with unique keys) whose
   *     {@code mcpServers}, if present, is an object
   */
  static McpConfigText parse(String text, String description) {
    try (JsonParser parser = FACTORY.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw refused(description, "is not a JSON object");
      }
      int open = offset(parser.currentTokenLocation());
      List<Member> members = new ArrayList<>();
      ObjectSpan servers = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        members.add(new Member(name, offset(parser.currentTokenLocation())));
        JsonToken value = parser.nextToken();
        if (name.equals(SERVERS)) {
          if (value != JsonToken.START_OBJECT) {
            throw refused(description, "has a \"" + SERVERS + "\" that is not a JSON object");
          }
          servers = readFlatObject(parser);
        } else {
          parser.skipChildren();
        }
      }
      ObjectSpan root = new ObjectSpan(open, offset(parser.currentTokenLocation()), List.copyOf(members));
      if (parser.nextToken() != null) {
        throw refused(description, "has more after its JSON object");
      }
      return new McpConfigText(text, Optional.of(root), Optional.ofNullable(servers));
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      // The parser's own words may quote the file's text, which can hold credentials: only a
      // duplicate key, which names nothing but the key, is worth repeating.
      String duplicate = e.getOriginalMessage().startsWith("Duplicate field") ? ": " + e.getOriginalMessage() : "";
      throw refused(description, "is not valid JSON" + where + duplicate);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Members of the object the parser has just entered, their values skipped. */
  private static ObjectSpan readFlatObject(JsonParser parser) throws IOException {
    int open = offset(parser.currentTokenLocation());
    List<Member> members = new ArrayList<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      members.add(new Member(parser.currentName(), offset(parser.currentTokenLocation())));
      parser.nextToken();
      parser.skipChildren();
    }
    return new ObjectSpan(open, offset(parser.currentTokenLocation()), List.copyOf(members));
  }

  private static int offset(JsonLocation location) {
    return Math.toIntExact(location.getCharOffset());
  }

  private static InvalidInputException refused(String description, String problem) {
    return new InvalidInputException("config", description + " " + problem + "; it was left as it is");
  }

  /** The named server's entry as JSON, when the file has one. */
  Optional<JsonNode> server(String name) {
    return rawServer(name).map(raw -> {
      try {
        return JSON.readTree(raw);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a value of parsed JSON did not parse again", e);
      }
    });
  }

  /** The exact text of the named server's entry, when the file has one. */
  Optional<String> rawServer(String name) {
    return servers.flatMap(span -> span.indexOf(name).map(i -> text.substring(valueStart(span, i), valueEnd(span, i))));
  }

  /**
   * The text with the named server set to this value: its value replaced in place when the file
   * has the server, else the server appended to {@code mcpServers} (created at the end of the
   * object when missing, and the whole file when there is none).
   */
  String withServer(String name, Value value) {
    if (root.isEmpty()) {
      Layout layout = new Layout(true, "\n", "  ", "  ", ": ", " ");
      return "{\n  " + quote(SERVERS) + ": " + serversObject(name, value).render(layout) + "\n}\n";
    }
    if (servers.isPresent()) {
      ObjectSpan span = servers.get();
      Optional<Integer> existing = span.indexOf(name);
      if (existing.isPresent()) {
        int i = existing.get();
        Layout layout = memberLayout(span, i);
        return text.substring(0, valueStart(span, i)) + value.render(layout) + text.substring(valueEnd(span, i));
      }
      return withMember(span, name, value);
    }
    return withMember(root.get(), SERVERS, serversObject(name, value));
  }

  /**
   * The text without the named server: the member and the comma that separated it from a neighbour
   * are cut out; an object left empty is written {@code {}}. Unchanged when there is no such server.
   */
  String withoutServer(String name) {
    if (servers.isEmpty() || servers.get().indexOf(name).isEmpty()) {
      return text;
    }
    ObjectSpan span = servers.get();
    int i = span.indexOf(name).get();
    if (span.members().size() == 1) {
      return text.substring(0, span.open() + 1) + text.substring(span.close());
    }
    if (i > 0) {
      return text.substring(0, valueEnd(span, i - 1)) + text.substring(valueEnd(span, i));
    }
    return text.substring(0, span.members().get(0).keyStart()) + text.substring(span.members().get(1).keyStart());
  }

  private String withMember(ObjectSpan object, String name, Value value) {
    if (object.members().isEmpty()) {
      Layout layout = emptyObjectLayout(object);
      String member = quote(name) + layout.colon() + value.render(layout);
      String inner =
          layout.multiline()
              ? layout.newline() + layout.indent() + member + layout.newline() + lineIndent(object.open())
              : member;
      return text.substring(0, object.open() + 1) + inner + text.substring(object.close());
    }
    int last = object.members().size() - 1;
    Layout layout = memberLayout(object, last);
    int end = valueEnd(object, last);
    return text.substring(0, end)
        + layout.separator()
        + quote(name)
        + layout.colon()
        + value.render(layout)
        + text.substring(end);
  }

  /** The layout of an existing member, which a new neighbour or a new value follows. */
  private Layout memberLayout(ObjectSpan object, int i) {
    int keyStart = object.members().get(i).keyStart();
    String colon = text.substring(keyEnd(keyStart), valueStart(object, i));
    String lead = text.substring(lineStart(keyStart), keyStart);
    if (lead.isBlank()) {
      String outer = lineIndent(object.open());
      String unit = lead.length() > outer.length() && lead.startsWith(outer) ? lead.substring(outer.length()) : "  ";
      return new Layout(true, newline(), lead, unit, colon, " ");
    }
    return new Layout(false, newline(), "", "", colon, text.substring(skipWhitespaceBack(keyStart), keyStart));
  }

  /** An empty object takes its layout from the top-level object's first member, if any. */
  private Layout emptyObjectLayout(ObjectSpan object) {
    ObjectSpan top = root.orElseThrow();
    if (top.members().isEmpty()) {
      return new Layout(true, newline(), lineIndent(object.open()) + "  ", "  ", ": ", " ");
    }
    Layout model = memberLayout(top, 0);
    if (!model.multiline()) {
      return model;
    }
    return new Layout(true, model.newline(), lineIndent(object.open()) + model.unit(), model.unit(), model.colon(), " ");
  }

  private static Value serversObject(String name, Value value) {
    return layout -> {
      if (!layout.multiline()) {
        return "{" + quote(name) + layout.colon() + value.render(layout) + "}";
      }
      Layout inner = layout.nested();
      return "{" + inner.newline() + inner.indent() + quote(name) + inner.colon() + value.render(inner)
          + layout.newline() + layout.indent() + "}";
    };
  }

  /** Just after the closing quote of the key that starts here. */
  private int keyEnd(int keyStart) {
    int i = keyStart + 1;
    while (text.charAt(i) != '"') {
      i += text.charAt(i) == '\\' ? 2 : 1;
    }
    return i + 1;
  }

  private int valueStart(ObjectSpan object, int i) {
    int at = keyEnd(object.members().get(i).keyStart());
    while (isWhitespace(text.charAt(at)) || text.charAt(at) == ':') {
      at++;
    }
    return at;
  }

  /** Just after a member's value: JSON allows only whitespace and one comma before what follows. */
  private int valueEnd(ObjectSpan object, int i) {
    boolean last = i + 1 == object.members().size();
    int at = skipWhitespaceBack(last ? object.close() : object.members().get(i + 1).keyStart());
    return last ? at : skipWhitespaceBack(at - 1);
  }

  private int skipWhitespaceBack(int at) {
    while (isWhitespace(text.charAt(at - 1))) {
      at--;
    }
    return at;
  }

  private int lineStart(int at) {
    return text.lastIndexOf('\n', at - 1) + 1;
  }

  /** The whitespace that starts the line this offset is on. */
  private String lineIndent(int at) {
    int start = lineStart(at);
    int end = start;
    while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
      end++;
    }
    return text.substring(start, end);
  }

  private String newline() {
    return text.contains("\r\n") ? "\r\n" : "\n";
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  static String quote(String value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a string could not be written as JSON", e);
    }
  }
}
