package dev.claudememory.bench.recall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.bench.process.BenchFailure;
import dev.claudememory.bench.process.McpClient;
import dev.claudememory.bench.process.ServerCommand;
import dev.claudememory.bench.process.ServerProcess;
import dev.claudememory.bench.process.Workspace;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One configuration's series of recalls: the real MCP server started on the imported database,
 * the handshake, for hybrid a bounded wait until the server says its vectors are ready, a short
 * untimed warm-up, then every question once through {@code memory_recall} (limit 10), each round
 * trip timed by the client. Each answer's {@code search} field is checked against the configuration.
 */
final class ConfigurationRun {
  static final Duration READY_BOUND = Duration.ofMinutes(5);
  private static final long READY_POLL_MILLIS = 500;
  /** Untimed recalls first, so the figures are not the JIT's first minutes. */
  private static final int WARM_UP = 20;

  private final Workspace workspace;
  private final ServerCommand server;
  private final Path folder;
  private final Map<Long, String> keyById;
  private final PrintStream log;

  ConfigurationRun(Workspace workspace, ServerCommand server, Path folder, Map<Long, String> keyById, PrintStream log) {
    this.workspace = workspace;
    this.server = server;
    this.folder = folder;
    this.keyById = Map.copyOf(keyById);
    this.log = log;
  }

  Outcome run(Configuration configuration, List<EvalQuery> queries) throws IOException, InterruptedException {
    try (ServerProcess process = workspace.start(server, folder, configuration.settings())) {
      try {
        return measure(configuration, queries, process.client());
      } catch (BenchFailure e) {
        throw new BenchFailure(configuration.label() + ": " + e.getMessage() + "\nthe server's stderr ends with:\n"
            + process.stderrTail(), e);
      }
    }
  }

  private Outcome measure(Configuration configuration, List<EvalQuery> queries, McpClient client)
      throws IOException, InterruptedException {
    client.initialize();
    if (!client.toolNames().contains("memory_recall")) {
      throw new BenchFailure("the server offers no memory_recall tool");
    }
    if (configuration == Configuration.HYBRID) {
      Optional<String> notReady = awaitVectors(client);
      if (notReady.isPresent()) {
        return new Outcome.Unavailable(configuration, notReady.get());
      }
    }
    for (int i = 0; i < warmUp(queries.size()); i++) {
      recall(client, queries.get(i));
    }
    List<QueryRanking> rankings = new ArrayList<>(queries.size());
    List<String> searches = new ArrayList<>(queries.size());
    for (EvalQuery query : queries) {
      McpClient.Call call = client.prepareToolCall("memory_recall", arguments(query));
      long sent = System.nanoTime();
      JsonNode answer = client.call(call);
      long answered = System.nanoTime();
      JsonNode structured = answerOf(query, McpClient.toolResult(answer));
      JsonNode search = structured.path("search");
      searches.add(search.isTextual() ? search.textValue() : null);
      rankings.add(new QueryRanking(query, keys(query, structured), answered - sent));
    }
    return verdict(configuration, rankings, searches);
  }

  /** How many untimed recalls come first, the first questions asked again. */
  static int warmUp(int questions) {
    return Math.min(WARM_UP, questions);
  }

  /** Figures only from answers of the search the configuration asks for. */
  static Outcome verdict(Configuration configuration, List<QueryRanking> rankings, List<String> searches) {
    long reported = searches.stream().filter(search -> search != null).count();
    String wanted = configuration.label();
    long other = searches.stream().filter(search -> search != null && !search.equals(wanted)).count();
    if (other > 0) {
      return new Outcome.Refused(configuration, other + " of " + searches.size() + " answers ran another search than '"
          + wanted + "' (structuredContent.search); no " + wanted + " figure is computed from them");
    }
    if (configuration == Configuration.HYBRID && reported < searches.size()) {
      return new Outcome.Refused(configuration, (searches.size() - reported) + " of " + searches.size()
          + " answers do not say which search ran (structuredContent.search); no hybrid figure is computed from them");
    }
    if (reported != 0 && reported < searches.size()) {
      return new Outcome.Refused(configuration, "only " + reported + " of " + searches.size()
          + " answers say which search ran (structuredContent.search)");
    }
    return new Outcome.Measured(configuration, rankings, reported == searches.size());
  }

  /**
   * Polls {@code memory_count} until its {@code semantic.state} is {@code ready}; a server whose
   * count has no {@code semantic} object has no embedding model at all.
   *
   * @return why hybrid search cannot be measured, or empty when it can
   */
  private Optional<String> awaitVectors(McpClient client) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + READY_BOUND.toNanos();
    String lastSeen = null;
    while (true) {
      McpClient.ToolResult count = client.callTool("memory_count", McpClient.object());
      if (count.isError()) {
        throw new BenchFailure("memory_count failed: " + count.text());
      }
      JsonNode semantic = count.structuredContent().path("semantic");
      if (!semantic.isObject()) {
        return Optional.of("the server's memory_count reports no semantic search (a build without the embedding model)");
      }
      String state = semantic.path("state").asText("");
      if (state.equals("ready")) {
        log.println("recall-eval: hybrid: vectors ready: " + semantic);
        return Optional.empty();
      }
      if (!semantic.toString().equals(lastSeen)) {
        log.println("recall-eval: hybrid: waiting for the vectors: " + semantic);
        lastSeen = semantic.toString();
      }
      if (System.nanoTime() - deadline > 0) {
        return Optional.of("the vectors were not ready after " + READY_BOUND.toMinutes() + " minutes (memory_count: " + semantic + ")");
      }
      Thread.sleep(READY_POLL_MILLIS);
    }
  }

  private void recall(McpClient client, EvalQuery query) throws IOException {
    answerOf(query, client.callTool("memory_recall", arguments(query)));
  }

  private static JsonNode answerOf(EvalQuery query, McpClient.ToolResult result) {
    if (result.isError()) {
      throw new BenchFailure("memory_recall failed for " + query.id() + ": " + result.text());
    }
    if (!result.structuredContent().path("memories").isArray()) {
      throw new BenchFailure("the memory_recall answer for " + query.id() + " has no structuredContent.memories");
    }
    return result.structuredContent();
  }

  private List<String> keys(EvalQuery query, JsonNode structured) {
    List<String> keys = new ArrayList<>();
    for (JsonNode memory : structured.path("memories")) {
      String key = keyById.get(memory.path("id").asLong(-1));
      if (key == null) {
        throw new BenchFailure("memory_recall for " + query.id() + " returned #" + memory.path("id")
            + ", which is not one of the imported memories");
      }
      keys.add(key);
    }
    if (structured.path("more").asInt(0) > 0) {
      throw new BenchFailure("the memory_recall answer for " + query.id() + " left memories out to stay short;"
          + " the ranking would be incomplete");
    }
    return keys;
  }

  static ObjectNode arguments(EvalQuery query) {
    ObjectNode arguments = McpClient.object();
    arguments.put("context", query.context());
    arguments.put("expanded_query", query.expandedQuery());
    query.category().ifPresent(category -> arguments.put("category", category));
    arguments.put("limit", QueryRanking.DEPTH);
    return arguments;
  }
}
