package dev.claudememory.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The object mapper for every message but the handshake's, built on a background thread {@link
 * AfterHandshake}: building it and reading a first tree loads several hundred classes, which the
 * handshake should not wait for.
 */
final class ProtocolMapper implements Supplier<ObjectMapper> {
  /** A message like the ones to come, so the first real one finds the reading code ready. */
  private static final String WARM_UP =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"memory_count\","
          + "\"arguments\":{\"limit\":1,\"sort_by\":\"recency\",\"importance\":0.5}}}";

  private final CompletableFuture<ObjectMapper> building;
  private final AfterHandshake start;

  private ProtocolMapper(CompletableFuture<ObjectMapper> building, AfterHandshake start) {
    this.building = building;
    this.start = start;
  }

  static ProtocolMapper startInBackground(Supplier<ObjectMapper> factory, AfterHandshake start) {
    CompletableFuture<ObjectMapper> building = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                start.await();
                ObjectMapper mapper = factory.get();
                mapper.writeValueAsBytes(mapper.readTree(WARM_UP));
                building.complete(mapper);
              } catch (Exception | Error e) {
                building.completeExceptionally(e);
              }
            },
            "protocol-mapper");
    thread.setDaemon(true);
    thread.start();
    return new ProtocolMapper(building, start);
  }

  /** The mapper, waiting for it if it is still being built (started now if not yet). */
  @Override
  public ObjectMapper get() {
    start.release();
    return building.join();
  }
}
