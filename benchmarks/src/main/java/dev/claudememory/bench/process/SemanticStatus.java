package dev.claudememory.bench.process;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Where a server's recall by meaning stands, as its {@code memory_count} reports it in {@code
 * structuredContent.semantic}.
 *
 * @param state off, loading, embedding, ready, unloaded or unavailable
 * @param embedded memories with a vector of the model
 * @param total memories in all
 * @param reason why recall is by words only now; empty when it is hybrid
 */
record SemanticStatus(String state, String model, long embedded, long total, Optional<String> reason) {
  static final String READY = "ready";
  static final String UNLOADED = "unloaded";

  SemanticStatus {
    requireNonNull(state, "state");
    requireNonNull(model, "model");
    requireNonNull(reason, "reason");
  }

  /** The status in a {@code memory_count} answer; empty when it has none (a build without the model). */
  static Optional<SemanticStatus> of(McpClient.ToolResult count) {
    JsonNode semantic = count.structuredContent().path("semantic");
    if (!semantic.isObject()) {
      return Optional.empty();
    }
    JsonNode reason = semantic.path("reason");
    return Optional.of(new SemanticStatus(
        semantic.path("state").asText(""),
        semantic.path("model").asText(""),
        semantic.path("embedded").asLong(0),
        semantic.path("total").asLong(0),
        reason.isTextual() ? Optional.of(reason.textValue()) : Optional.empty()));
  }

  boolean isReady() {
    return state.equals(READY);
  }

  /** Off or unavailable: a state that no wait changes. */
  boolean isFinal() {
    return state.equals("off") || state.equals("unavailable");
  }

  boolean isComplete() {
    return embedded >= total;
  }

  /** The state and the counts, without the reason: for a message that says why on its own. */
  String brief() {
    return state + ", " + embedded + " of " + total + " embedded";
  }

  @Override
  public String toString() {
    return brief() + reason.map(why -> " (" + why + ")").orElse("");
  }
}
