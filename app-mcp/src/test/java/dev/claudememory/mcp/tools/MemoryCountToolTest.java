package dev.claudememory.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.MemoryPatch;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.port.MemoryCounts;
import dev.claudememory.core.recall.ListQuery;
import dev.claudememory.core.recall.RecallQuery;
import dev.claudememory.core.recall.Recalled;
import dev.claudememory.core.recall.ResultBudget;
import dev.claudememory.core.recall.SemanticIndex.State;
import dev.claudememory.core.recall.SemanticIndex.Status;
import dev.claudememory.core.service.MemoryService;
import dev.claudememory.core.service.StoreResult;
import dev.claudememory.core.sync.SyncStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What {@code memory_count} says of recall by meaning, from the index's status. */
final class MemoryCountToolTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void memoriesTheModelFailedOnAreCountedApartFromTheEmbeddedOnes() {
    ToolResult result = count(new Status(State.READY, "all-minilm-l6-v2-q", 40, 1, 41, Optional.empty()));

    assertThat(result.text())
        .contains("Recall: by words and by meaning (40 of 41 memories embedded; 1 skipped: the model failed on it)");
    JsonNode semantic = result.structured().orElseThrow().path("semantic");
    assertThat(semantic.path("embedded").asLong()).isEqualTo(40);
    assertThat(semantic.path("skipped").asLong()).isEqualTo(1);
    assertThat(semantic.path("total").asLong()).isEqualTo(41);
  }

  @Test
  void withNoneSkippedNothingIsSaidOfSkipping() {
    ToolResult result = count(new Status(State.READY, "all-minilm-l6-v2-q", 41, 0, 41, Optional.empty()));

    assertThat(result.text()).contains("Recall: by words and by meaning (41 of 41 memories embedded)");
    assertThat(result.structured().orElseThrow().path("semantic").path("skipped").asLong()).isZero();
  }

  @Test
  void recallByMeaningStoppedByAnErrorSaysRecallIsByWordsAndWhy() {
    String reason = "recall by meaning stopped after an internal error: OutOfMemoryError: Java heap space";
    ToolResult result = count(new Status(State.UNAVAILABLE, "all-minilm-l6-v2-q", 12, 0, 41, Optional.of(reason)));

    assertThat(result.text()).contains("Recall: by words only for now: " + reason);
    JsonNode semantic = result.structured().orElseThrow().path("semantic");
    assertThat(semantic.path("state").asText()).isEqualTo("unavailable");
    assertThat(semantic.path("reason").asText()).isEqualTo(reason);
  }

  private static ToolResult count(Status status) {
    Services services = new Services(new CountingOnly(status), Optional.empty(), ResultBudget.defaults());
    return new MemoryCountTool().call(new Arguments(JSON.createObjectNode()), services);
  }

  /** A service that only counts, with recall by meaning in the given state. */
  private static final class CountingOnly implements MemoryService {
    private final Status status;

    CountingOnly(Status status) {
      this.status = status;
    }

    @Override
    public MemoryCounts count() {
      return new MemoryCounts(status.total(), Map.of("facts", status.total()));
    }

    @Override
    public Optional<Status> semanticStatus() {
      return Optional.of(status);
    }

    @Override
    public Optional<SyncStatus> syncStatus() {
      return Optional.empty();
    }

    @Override
    public StoreResult store(NewMemory memory) {
      throw new UnsupportedOperationException("count only");
    }

    @Override
    public Recalled recall(RecallQuery query) {
      throw new UnsupportedOperationException("count only");
    }

    @Override
    public List<Memory> list(ListQuery query) {
      throw new UnsupportedOperationException("count only");
    }

    @Override
    public Optional<Memory> get(MemoryId id) {
      throw new UnsupportedOperationException("count only");
    }

    @Override
    public Optional<Memory> update(MemoryId id, MemoryPatch patch) {
      throw new UnsupportedOperationException("count only");
    }

    @Override
    public Optional<Memory> delete(MemoryId id) {
      throw new UnsupportedOperationException("count only");
    }

    @Override
    public void close() {}
  }
}
