package dev.claudememory.mcp.protocol;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * A line that is not JSON, told in our words: what is wrong and where, never the parser's own
 * message, which names its internals and quotes the line.
 */
public final class ParseErrors {
  private ParseErrors() {}

  /** The message of the {@code -32700} answer to a line the parser refused. */
  public static String describe(JsonProcessingException failure) {
    if (failure instanceof JsonEOFException) {
      return "Parse error: the line ends before its JSON does (cut short?)";
    }
    if (failure instanceof StreamConstraintsException) {
      return "Parse error: the JSON is nested more than 256 levels deep or holds an over-long value";
    }
    String where = where(failure.getLocation());
    if (failure instanceof MismatchedInputException) {
      // the mapper refuses anything after the first value
      return "Parse error: more follows the JSON value" + where + "; send one message per line";
    }
    return "Parse error: the line is not valid JSON" + where;
  }

  private static String where(JsonLocation location) {
    return location == null || location.getColumnNr() < 1 ? "" : " (at column " + location.getColumnNr() + ")";
  }
}
