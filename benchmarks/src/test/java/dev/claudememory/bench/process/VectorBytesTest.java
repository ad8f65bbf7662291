package dev.claudememory.bench.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.bench.corpus.Corpus;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.memory.QuantizedVector;
import dev.claudememory.core.port.MemoryStore;
import dev.claudememory.sqlite.SqliteMemoryStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorBytesTest {
  private static final long SEED = 7L;
  private static final int DIMENSIONS = 384;

  @TempDir Path folder;

  @Test
  void aDatabaseWithoutVectorsHasNoFigure() {
    Path database = folder.resolve("memory.db");
    store(database, 50, 0);

    assertThat(VectorBytes.perVector(database)).isEmpty();
  }

  @Test
  void theVectorsCostTheirPagesAloneDividedByTheirCount() {
    Path database = folder.resolve("memory.db");
    store(database, 2_000, 2_000);

    double perVector = VectorBytes.perVector(database).getAsDouble();

    // a vector's own bytes and scale at least, with its share of pages and index; the memories'
    // text and its full-text index, some kilobytes a memory, not at all
    assertThat(perVector).isBetween(DIMENSIONS + 4.0, DIMENSIONS * 1.5);
  }

  @Test
  void halfTheMemoriesWithVectorsCostAboutWhatAllOfThemDoPerVector() {
    Path all = folder.resolve("all.db");
    Path half = folder.resolve("half.db");
    store(all, 2_000, 2_000);
    store(half, 2_000, 1_000);

    assertThat(VectorBytes.perVector(half).getAsDouble())
        .isBetween(VectorBytes.perVector(all).getAsDouble() * 0.9, VectorBytes.perVector(all).getAsDouble() * 1.1);
  }

  /** Memories of the corpus, the first {@code withVectors} of them with a random vector. */
  private static void store(Path database, int memories, int withVectors) {
    List<NewMemory> news = Corpus.first(memories, SEED);
    Random random = new Random(SEED);
    try (MemoryStore store = SqliteMemoryStore.open(database)) {
      store.write(writer -> {
        for (int i = 0; i < news.size(); i++) {
          Memory memory = writer.insert(news.get(i), Instant.parse("2025-01-01T00:00:00Z"));
          if (i < withVectors) {
            float[] vector = new float[DIMENSIONS];
            for (int d = 0; d < DIMENSIONS; d++) {
              vector[d] = (float) random.nextGaussian();
            }
            writer.putVector(memory.id(), memory.updatedAt(), "test-model", QuantizedVector.of(vector));
          }
        }
        return null;
      });
    }
  }
}
