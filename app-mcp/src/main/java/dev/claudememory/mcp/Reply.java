package dev.claudememory.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudememory.mcp.protocol.ProtocolWriter;

/**
 * Where the answer to one message goes: a line of its own on the protocol stream, or its place in
 * a batch's answer. Every message is settled once, with a response or with none (a notification, a
 * response from the client, a call the client cancelled).
 */
interface Reply {
  void send(JsonNode response);

  /** The message gets no response. */
  void none();

  /** A line of its own. */
  static Reply onItsOwnLine(ProtocolWriter writer) {
    return new Reply() {
      @Override
      public void send(JsonNode response) {
        writer.send(response);
      }

      @Override
      public void none() {}
    };
  }
}
