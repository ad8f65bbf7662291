package dev.claudememory.mcp.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The one writer of the protocol stream: each message is one line of JSON, written whole and
 * flushed, whichever thread sends it.
 */
public final class ProtocolWriter {
  private final OutputStream out;
  private final ObjectMapper mapper;

  public ProtocolWriter(OutputStream out, ObjectMapper mapper) {
    this.out = out;
    this.mapper = mapper;
  }

  public synchronized void send(JsonNode message) {
    try {
      byte[] bytes = mapper.writeValueAsBytes(message);
      out.write(bytes);
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("the client's end of the protocol stream is closed", e);
    }
  }
}
