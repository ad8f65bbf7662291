package dev.claudememory.mcp;

import static dev.claudememory.mcp.McpProcess.arguments;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recall by meaning over 100,000 memories in the server as its launcher starts it, with the
 * launcher's heap: every stored vector is read into memory, the index is ready, and a question in
 * other words is answered by both searches.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
final class HundredThousandVectorsIT {
  private static final long SEED = 0x100_000L;
  private static final int MEMORIES = 100_000;
  private static final int DIMENSIONS = 384;
  private static final String MODEL = "all-minilm-l6-v2-q";
  private static final Duration READY = Duration.ofSeconds(150);
  private static final String COFFEE = "Viktor likes his coffee black, a dark roast with no sugar";
  private static final String PARAPHRASE = "what hot beverage does he enjoy in the mornings";

  @RegisterExtension final McpProcesses servers = new McpProcesses();
  @TempDir Path folder;

  @Test
  void aHundredThousandStoredVectorsLoadIntoTheLaunchersHeapAndRecallIsHybrid() throws Exception {
    McpProcess first = servers.start(folder);
    first.initialize(HandshakeIT.LATEST);
    StoredMemories.store(first, "the file is made and migrated by the server itself");
    assertThat(first.closeInputAndWait(Duration.ofSeconds(30))).as(first.stderr()).isZero();
    fill(McpProcess.databaseIn(folder));

    McpProcess server = servers.startLauncher(folder, Map.of("MEMORY_SEMANTIC", "on"));
    server.initialize(HandshakeIT.LATEST);
    long coffee = StoredMemories.store(server, arguments("content", COFFEE, "expanded_keywords", "espresso preference"));

    Eventually.await("recall by meaning is ready over every memory", READY, () -> {
      JsonNode semantic = server.callTool("memory_count", null).path("structuredContent").path("semantic");
      assertThat(semantic.path("state").asText()).as("%s%n%s", semantic, server.stderr()).isEqualTo("ready");
      assertThat(semantic.path("embedded").asLong()).isEqualTo(MEMORIES + 2);
    });
    JsonNode recall = server.callTool("memory_recall", arguments("context", PARAPHRASE, "expanded_query", ""));

    JsonNode structured = recall.path("structuredContent");
    assertThat(structured.path("search").asText()).as(recall.toString()).isEqualTo("hybrid");
    assertThat(ids(structured)).as("seed %d", SEED).contains(coffee);
    assertThat(server.stderr()).doesNotContain("OutOfMemoryError");
  }

  /**
   * Adds the memories with random unit vectors of the server's model, as if it had embedded them:
   * a random vector lies far from any question, so only the real memory is found by meaning.
   */
  private static void fill(Path database) throws SQLException {
    Random random = new Random(SEED);
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database)) {
      connection.setAutoCommit(false);
      try (PreparedStatement memory = connection.prepareStatement(
              "INSERT INTO memories (id, content, category, tags, expanded_keywords, importance, is_sensitive,"
                  + " created_at, updated_at) VALUES (?, ?, 'facts', '', ?, 0.5, 0, ?, ?)");
          PreparedStatement vector = connection.prepareStatement(
              "INSERT INTO memory_vectors (memory_id, model, vector, scale, sequence) VALUES (?, ?, ?, ?, ?)")) {
        for (int id = 2; id <= MEMORIES + 1; id++) {
          String at = String.format("2026-%02d-%02dT10:%02d:%02d.000000", 1 + id % 12, 1 + id % 28, id % 60, id % 59);
          memory.setInt(1, id);
          memory.setString(2, "Build note " + id + ": service " + (id % 977) + " needs step " + (id % 13));
          memory.setString(3, "build service step");
          memory.setString(4, at);
          memory.setString(5, at);
          memory.addBatch();
          byte[] values = new byte[DIMENSIONS];
          long squares = 0;
          for (int i = 0; i < DIMENSIONS; i++) {
            values[i] = (byte) (random.nextInt(255) - 127);
            squares += values[i] * values[i];
          }
          vector.setInt(1, id);
          vector.setString(2, MODEL);
          vector.setBytes(3, values);
          vector.setDouble(4, 1 / Math.sqrt(squares));
          vector.setInt(5, id);
          vector.addBatch();
          if (id % 10_000 == 0) {
            memory.executeBatch();
            vector.executeBatch();
          }
        }
        memory.executeBatch();
        vector.executeBatch();
      }
      connection.commit();
    }
  }

  private static List<Long> ids(JsonNode structured) {
    List<Long> ids = new ArrayList<>();
    structured.path("memories").forEach(memory -> ids.add(memory.path("id").asLong()));
    return ids;
  }
}
