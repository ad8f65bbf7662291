package dev.claudememory.bench.recall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in MCP server over stdio for {@link ConfigurationRunTest}: answers the handshake,
 * {@code memory_count} and {@code memory_recall} the way its one argument says.
 *
 * <ul>
 *   <li>{@code no-semantic}: a count without a {@code semantic} object, as a build without the model;
 *   <li>{@code hybrid}: vectors "indexing" for two counts, then "ready"; recalls say {@code hybrid};
 *   <li>{@code lexical}: the same readiness, but recalls say {@code lexical}.
 * </ul>
 */
final class FakeRecallServer {
  private FakeRecallServer() {}

  public static void main(String[] args) throws IOException {
    String mode = args[0];
    ObjectMapper json = new ObjectMapper();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    int counts = 0;
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
            structured.put("total", 1);
            counts++;
            if (!mode.equals("no-semantic")) {
              structured.putObject("semantic").put("state", counts < 3 ? "indexing" : "ready");
            }
          } else {
            structured.putArray("memories").addObject().put("id", 1);
            structured.put("more", 0);
            structured.put("search", mode.equals("hybrid") ? "hybrid" : "lexical");
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
}
