package dev.claudememory.bench.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in MCP server over stdio for the recall-by-meaning figures: answers the handshake,
 * {@code memory_count} and {@code memory_recall} the way its one argument says.
 *
 * <ul>
 *   <li>{@code ready-after-3}: counts say loading, then embedding 400 and 800 of 1,000 memories,
 *       then ready with all 1,000 from the fourth on. Recalls say {@code lexical} until a count said
 *       ready or three recalls were answered, {@code hybrid} after;
 *   <li>{@code unavailable}: counts say the model cannot run; recalls say {@code lexical};
 *   <li>{@code mixed}: ready at once; every third recall says {@code lexical};
 *   <li>{@code no-semantic}: a count without a {@code semantic} object and recalls that name no search;
 *   <li>{@code stalls}: counts say loading, then embedding 400 of 1,000 for ever, as when the
 *       embedding thread died; its death is written to stderr at the second count.
 * </ul>
 */
final class FakeMeaningServer {
  static final int MEMORIES = 1_000;
  static final String DEATH = "Exception in thread \"memory-meaning\" java.lang.OutOfMemoryError: Java heap space";
  static final String UNAVAILABLE_BECAUSE = "the embedding model cannot run here: no native library for this platform";

  private FakeMeaningServer() {}

  public static void main(String[] args) throws IOException {
    String mode = args[0];
    ObjectMapper json = new ObjectMapper();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    int counts = 0;
    int recalls = 0;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      JsonNode request = json.readTree(line);
      if (!request.has("id")) {
        continue;
      }
      ObjectNode result = json.createObjectNode();
      switch (request.path("method").asText()) {
        case "initialize":
          result.put("protocolVersion", request.path("params").path("protocolVersion").asText());
          result.putObject("capabilities");
          result.putObject("serverInfo").put("name", "fake").put("version", "1");
          break;
        case "tools/list":
          ArrayNode tools = result.putArray("tools");
          tools.addObject().put("name", "memory_count");
          tools.addObject().put("name", "memory_recall");
          break;
        default:
          String tool = request.path("params").path("name").asText();
          result.putArray("content").addObject().put("type", "text").put("text", tool);
          ObjectNode structured = result.putObject("structuredContent");
          if (tool.equals("memory_count")) {
            counts++;
            if (mode.equals("stalls") && counts == 2) {
              System.err.println(DEATH);
              System.err.println("\tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)");
              System.err.flush();
            }
            structured.put("total", MEMORIES);
            if (!mode.equals("no-semantic")) {
              semantic(mode, counts, structured.putObject("semantic"));
            }
          } else {
            recalls++;
            structured.putArray("memories");
            if (!mode.equals("no-semantic")) {
              boolean hybrid = mode.equals("ready-after-3") ? counts > 3 || recalls > 3
                  : mode.equals("mixed") && recalls % 3 != 0;
              structured.put("search", hybrid ? "hybrid" : "lexical");
              if (!hybrid) {
                structured.put("search_reason", mode.equals("unavailable") ? UNAVAILABLE_BECAUSE : "the embedding model is loading");
              }
            }
          }
      }
      ObjectNode answer = json.createObjectNode();
      answer.put("jsonrpc", "2.0");
      answer.set("id", request.get("id"));
      answer.set("result", result);
      System.out.println(json.writeValueAsString(answer));
      System.out.flush();
    }
  }

  private static void semantic(String mode, int counts, ObjectNode semantic) {
    semantic.put("model", "fake-model").put("total", MEMORIES);
    if (mode.equals("unavailable")) {
      semantic.put("state", "unavailable").put("embedded", 0).put("reason", UNAVAILABLE_BECAUSE);
    } else if (mode.equals("mixed") || (counts > 3 && !mode.equals("stalls"))) {
      semantic.put("state", "ready").put("embedded", MEMORIES);
    } else if (counts == 1) {
      semantic.put("state", "loading").put("embedded", 0).put("reason", "the embedding model is loading");
    } else {
      semantic.put("state", "embedding").put("embedded", mode.equals("stalls") ? 400 : (counts - 1) * 400)
          .put("reason", "the embedding model is embedding the memories for the first time");
    }
  }
}
