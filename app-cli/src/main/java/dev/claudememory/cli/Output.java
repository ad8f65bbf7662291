package dev.claudememory.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.recall.ResultBudget;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.IntFunction;

/** How the CLI shows memories: aligned lines for people, JSON for scripts; never a secret. */
final class Output {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Output() {}

  static ObjectNode json(Memory memory) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("id", memory.id().value());
    memory.serverId().ifPresentOrElse(id -> node.put("server_id", id.value()), () -> node.putNull("server_id"));
    node.put("content", memory.visibleContent());
    node.put("category", memory.category().name());
    node.put("tags", memory.tags());
    node.put("expanded_keywords", memory.expandedKeywords());
    node.put("importance", memory.importance());
    node.put("is_sensitive", memory.sensitive());
    node.put("created_at", memory.createdAt());
    node.put("updated_at", memory.updatedAt());
    return node;
  }

  static void printJson(PrintWriter out, Object value) {
    try {
      out.println(JSON.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("output could not be written as JSON", e);
    }
  }

  /**
   * Memories as JSON (whole), or as lines for people kept under the result budget.
   *
   * @param footer the closing line of the lines, given how many memories were left out
   */
  static void printMemories(
      PrintWriter out,
      List<Memory> memories,
      boolean asJson,
      ResultBudget budget,
      IntFunction<String> footer) {
    if (asJson) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      memories.forEach(memory -> array.add(json(memory)));
      printJson(out, array);
      return;
    }
    MemoryLines.render(memories, budget, footer).lines().forEach(out::println);
  }

  /** "1 memory", "2 memories". */
  static String count(long count, String one, String many) {
    return count + " " + (count == 1 ? one : many);
  }
}
