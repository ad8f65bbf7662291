package dev.claudememory.mcp.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.Optional;

/**
 * The id of the request a line holds, read with the streaming parser alone: every other value is
 * skipped, not built, so the id of a line too big to read as a tree can still be answered.
 */
public final class TopLevelId {
  private TopLevelId() {}

  /** The line's {@code id} when it is an object with a string or integer id; else empty. */
  public static Optional<JsonNode> read(JsonFactory factory, String line) {
    try (JsonParser parser = factory.createParser(line)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (!"id".equals(name)) {
          parser.skipChildren();
        } else if (value == JsonToken.VALUE_STRING) {
          return Optional.of(JsonNodeFactory.instance.textNode(parser.getText()));
        } else if (value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
          return Optional.of(JsonNodeFactory.instance.numberNode(parser.getLongValue()));
        } else {
          return Optional.empty();
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // malformed: no id to answer
    }
  }
}
