package dev.claudememory.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.claudememory.mcp.protocol.ProtocolWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The answer to a JSON-RPC batch: one array of the members' responses, in the members' order, sent
 * once the last member is settled (tool calls settle on their own threads). Members that get no
 * response leave no entry; a batch of those only is not answered at all, as JSON-RPC says.
 */
final class BatchReply {
  private final ProtocolWriter writer;
  private final AtomicReferenceArray<JsonNode> responses;
  private final AtomicInteger unsettled;

  BatchReply(ProtocolWriter writer, int members) {
    this.writer = writer;
    this.responses = new AtomicReferenceArray<>(members);
    this.unsettled = new AtomicInteger(members);
  }

  /** The reply of the member at this index. */
  Reply member(int index) {
    AtomicBoolean settled = new AtomicBoolean();
    return new Reply() {
      @Override
      public void send(JsonNode response) {
        if (settled.compareAndSet(false, true)) {
          responses.set(index, response);
          settledOne();
        }
      }

      @Override
      public void none() {
        if (settled.compareAndSet(false, true)) {
          settledOne();
        }
      }
    };
  }

  private void settledOne() {
    if (unsettled.decrementAndGet() > 0) {
      return;
    }
    ArrayNode answer = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < responses.length(); i++) {
      JsonNode response = responses.get(i);
      if (response != null) {
        answer.add(response);
      }
    }
    if (!answer.isEmpty()) {
      writer.send(answer);
    }
  }
}
