package dev.claudememory.mcp.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The one writer of the protocol stream: each message is one line of JSON, written whole and
 * flushed, whichever thread sends it.
 */
public final class ProtocolWriter {
  private final OutputStream out;
  private final Supplier<ObjectMapper> mapper;

  /** @param mapper asked for only when a message tree is sent, so the handshake does without */
  public ProtocolWriter(OutputStream out, Supplier<ObjectMapper> mapper) {
    this.out = out;
    this.mapper = mapper;
  }

  public void send(JsonNode message) {
    byte[] bytes;
    try {
      bytes = mapper.get().writeValueAsBytes(message);
    } catch (IOException e) {
      throw new UncheckedIOException("a message could not be written as JSON", e);
    }
    sendLine(bytes);
  }

  /** Sends a message already written as one line of JSON text. */
  public void sendJson(String message) {
    sendLine(message.getBytes(StandardCharsets.UTF_8));
  }

  private synchronized void sendLine(byte[] bytes) {
    try {
      out.write(bytes);
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("the client's end of the protocol stream is closed", e);
    }
  }
}
