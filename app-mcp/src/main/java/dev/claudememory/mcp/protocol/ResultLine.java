package dev.claudememory.mcp.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** A JSON-RPC result message written with the streaming generator alone (no object mapper). */
public final class ResultLine {
  private ResultLine() {}

  /** The whole message as one line of JSON text; {@code resultJson} is JSON text already. */
  public static String of(JsonFactory factory, HandshakeRequest.RequestId id, String resultJson) {
    StringWriter text = new StringWriter(resultJson.length() + 48);
    try (JsonGenerator json = factory.createGenerator(text)) {
      json.writeStartObject();
      json.writeStringField("jsonrpc", "2.0");
      json.writeFieldName("id");
      if (id instanceof HandshakeRequest.TextId textId) {
        json.writeString(textId.value());
      } else {
        json.writeNumber(((HandshakeRequest.NumberId) id).value());
      }
      json.writeFieldName("result");
      json.writeRawValue(resultJson);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a string failed", e);
    }
    return text.toString();
  }
}
