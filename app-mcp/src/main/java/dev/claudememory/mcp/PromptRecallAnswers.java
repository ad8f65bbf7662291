package dev.claudememory.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.core.recall.PromptRecall;
import dev.claudememory.core.service.MemoryService;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The server's answers to the prompt hook on its local channel: a request line {@code {"prompt":
 * ..., "database": ...}} is answered with {@code {"context": ...}}, the hook's additional context
 * recalled with this server's warm recall (by meaning too once the model is ready; empty when
 * nothing is relevant), or with {@code {"refused": ...}} when the hook uses another database or
 * sent no prompt, so it answers by itself.
 */
final class PromptRecallAnswers implements Function<String, String> {
  private final MemoryService memories;
  private final Path database;
  private final ObjectMapper json;
  private final PromptRecall rule = new PromptRecall(PromptRecall.DEFAULT_THRESHOLD);

  PromptRecallAnswers(MemoryService memories, Path database, ObjectMapper json) {
    this.memories = memories;
    this.database = database.toAbsolutePath().normalize();
    this.json = json;
  }

  @Override
  public String apply(String line) {
    ObjectNode answer = json.createObjectNode();
    JsonNode request;
    try {
      request = json.readTree(line);
    } catch (JsonProcessingException e) {
      return answer.put("refused", "the request is not JSON").toString();
    }
    JsonNode prompt = request == null ? null : request.get("prompt");
    JsonNode theirs = request == null ? null : request.get("database");
    if (prompt == null || !prompt.isTextual() || theirs == null || !theirs.isTextual()) {
      return answer.put("refused", "the request needs a prompt and a database").toString();
    }
    if (!Path.of(theirs.asText()).toAbsolutePath().normalize().equals(database)) {
      return answer.put("refused", "this server uses another database").toString();
    }
    return answer.put("context", rule.contextFor(prompt.asText(), memories::recall)).toString();
  }
}
